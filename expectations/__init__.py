"""Run validation for newsdesk: Great Expectations suites built in Python, run on pandas frames from DuckDB.

Importing this package is cheap; Great Expectations is imported only by `expectations.suites` and
`expectations.checkpoint`, which the validation stage loads when it runs.
"""

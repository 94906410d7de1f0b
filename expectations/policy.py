"""Which fetch statuses count as healthy, skipped or failed, how much history drift compares with, and
how many validations the Great Expectations context keeps.

Plain constants without Great Expectations, shared by the suites, the warehouse queries and the report.
"""

from __future__ import annotations

HEALTHY_FETCH_STATUSES = ("fetched", "not_modified", "already_seen", "reextracted")
# Our own choices, not the publisher's failures.
SKIPPED_FETCH_STATUSES = ("robots_disallowed", "not_article")
DRIFT_HISTORY_RUNS = 7
DRIFT_MIN_HISTORY_RUNS = 2
# Validation runs whose results the Great Expectations context keeps (the warehouse keeps all). It lists
# and parses every stored result several times to build the Data Docs index: unpruned, it grows with
# every night (8.1 s after 250 nights of 8 sources, 2.5 s for the newest 30).
KEEP_VALIDATION_RUNS = 30


def is_failed_fetch_status(status: str) -> bool:
    """True for a terminal status that is neither healthy nor a skip by policy (unknown statuses fail)."""
    return status not in HEALTHY_FETCH_STATUSES and status not in SKIPPED_FETCH_STATUSES

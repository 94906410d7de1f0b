"""A synthetic warehouse at production scale (raw layer only) and a benchmark of dbt builds on it.

`generator.py` writes realistic raw rows with DuckDB SQL alone (no Python loops); `benchmark.py` times a
full build, an incremental night on top of it and the same night on an empty warehouse.
Run: `python -m flows.warehouse_scale [--articles 100000]`.
"""

"""Fetch and extract batches on a local Dask cluster give the same warehouse as the default runner."""

import pytest

from tests.support.snapshots import warehouse_snapshot

pytestmark = pytest.mark.slow

RUN_DATE = "2026-11-28"


def test_a_local_dask_cluster_builds_the_same_warehouse(run_newsdesk, tmp_path):
    states = {}
    for runner, extra in (("threads", ()), ("dask", ("--dask-address", "local"))):
        state = tmp_path / runner
        completed = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", RUN_DATE, *extra)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        states[runner] = warehouse_snapshot(state / "warehouse.duckdb")
    assert states["dask"].keys() == states["threads"].keys()
    for table, rows in states["threads"].items():
        assert states["dask"][table] == rows, table

"""Kill the nightly with SIGKILL inside each stage, run it again, and get the uninterrupted warehouse."""

import signal

import pytest

from flows.failpoints import ENV_VAR
from tests.support.snapshots import warehouse_snapshot

pytestmark = pytest.mark.slow

RUN_DATE = "2026-11-28"


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, run_newsdesk):
    state = tmp_path_factory.mktemp("uninterrupted")
    completed = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", RUN_DATE)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return warehouse_snapshot(state / "warehouse.duckdb")


@pytest.mark.parametrize(
    "stage", ["discover", "fetch", "extract", "normalize", "load", "dbt", "validate", "publish"]
)
def test_a_run_killed_in_a_stage_then_rerun_equals_an_uninterrupted_run(
    stage, uninterrupted, run_newsdesk, tmp_path
):
    args = ("run", "--demo", "--state-dir", str(tmp_path), "--run-date", RUN_DATE)
    killed = run_newsdesk(*args, env={ENV_VAR: stage})
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert not (tmp_path / "warehouse.duckdb").exists()  # nothing half-built was published
    again = run_newsdesk(*args)
    assert again.returncode == 0, again.stdout + again.stderr
    snapshot = warehouse_snapshot(tmp_path / "warehouse.duckdb")
    assert snapshot.keys() == uninterrupted.keys()
    for table, rows in uninterrupted.items():
        assert snapshot[table] == rows, table


def test_a_run_killed_while_publishing_over_a_previous_night_keeps_that_night(
    uninterrupted, run_newsdesk, tmp_path
):
    first = run_newsdesk("run", "--demo", "--state-dir", str(tmp_path), "--run-date", RUN_DATE)
    assert first.returncode == 0, first.stdout + first.stderr
    killed = run_newsdesk("run", "--demo", "--state-dir", str(tmp_path), "--run-date", "2026-11-29",
                          env={ENV_VAR: "publish"})  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert warehouse_snapshot(tmp_path / "warehouse.duckdb") == uninterrupted

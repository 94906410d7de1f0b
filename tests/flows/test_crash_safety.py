"""Kill the nightly with SIGKILL inside each stage, run it again, and get the uninterrupted warehouse."""

import signal

import duckdb
import pytest

from flows.failpoints import ENV_VAR

pytestmark = pytest.mark.slow

RUN_DATE = "2026-11-28"
# Columns that legitimately differ between two runs of the same night: clock times of this run's work,
# where its archive files are, which state folder it ran in.
VOLATILE_SUFFIXES = ("fetched_at", "first_seen_at", "extracted_at", "started_at", "finished_at", "loaded_at",
                     "computed_at", "validated_at", "first_seen_date", "last_seen_date")  # fmt: skip
VOLATILE_COLUMNS = {"warc_path", "warc_record_id", "warc_offset", "sources_file", "fetch_date", "date_key",
                    "first_seen_latency_s"}  # fmt: skip


def warehouse_snapshot(path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without the columns that differ between two runs of one night."""
    with duckdb.connect(str(path), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()]  # fmt: skip
        snapshot = {}
        for table in tables:
            columns = [
                row[0]
                for row in connection.execute(f"describe {table}").fetchall()
                if not row[0].endswith(VOLATILE_SUFFIXES) and row[0] not in VOLATILE_COLUMNS
            ]
            quoted = ", ".join(f'"{column}"' for column in columns)
            snapshot[table] = connection.execute(f"select {quoted} from {table} order by all").fetchall()
    return snapshot


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

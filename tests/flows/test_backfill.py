"""`newsdesk backfill` runs one night per date, each re-reading only the entries dated on it."""

import datetime as dt

import duckdb
import pytest

pytestmark = pytest.mark.slow


def test_a_backfill_window_runs_each_night_with_the_entries_of_that_day(run_newsdesk, tmp_path):
    completed = run_newsdesk("backfill", "--from", "2023-09-19", "--to", "2023-09-20", "--demo",
                             "--state-dir", str(tmp_path))  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "backfill night 2/2: 2023-09-20" in completed.stdout
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as warehouse:
        runs = warehouse.execute("select run_id from raw.runs order by 1").fetchall()
        dated = warehouse.execute(
            """
            select run_id, count(*) filter (where entry_published_at::date <> replace(run_id, 'nightly-', '')::date)
            from fct_fetches
            where entry_published_at is not null
            group by run_id
            """
        ).fetchall()
        days = {
            row[0] for row in warehouse.execute("select distinct published_date from fct_articles").fetchall()
        }
    assert runs == [("nightly-2023-09-19",), ("nightly-2023-09-20",)]
    # every dated entry a night read was dated on that night
    assert all(mismatched == 0 for _, mismatched in dated)
    assert {dt.date(2023, 9, 19), dt.date(2023, 9, 20)} <= days
    assert all(day in {dt.date(2023, 9, 19), dt.date(2023, 9, 20), dt.date(2023, 9, 22)} for day in days), (
        days
    )

"""Analysts reading the published warehouse while a nightly runs: no errors, only complete nights.

Two reader processes query the published file for the whole of a second night's run: one holds a
read-only connection opened on the first night, the other opens a new connection for every query. The
run builds on a copy and publishes by atomic rename, so the held reader keeps seeing the first night
and the reconnecting one sees the first night, then the second, and never anything in between.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

FIRST_NIGHT = "2026-11-28"
SECOND_NIGHT = "2026-11-29"

# One statement, so each observation is one snapshot of one file.
SNAPSHOT_SQL = """
select
    (select count(*) from raw.runs) as run_count,
    (select count(*) from main.fct_fetches) as fetch_count,
    (select count(*) from main.fct_articles) as article_count,
    (select max(run_id) from main.fct_fetches) as latest_run_id
"""

READER = """
import json, os, sys, time
import duckdb

path, mode, out_path, stop_path = sys.argv[1:5]
sql = sys.stdin.read()
held = duckdb.connect(path, read_only=True) if mode == "held" else None
with open(out_path, "w") as out:
    while True:
        stopping = os.path.exists(stop_path)
        try:
            if held is not None:
                row = held.execute(sql).fetchone()
            else:
                with duckdb.connect(path, read_only=True) as connection:
                    row = connection.execute(sql).fetchone()
            out.write(json.dumps({"row": list(row)}) + "\\n")
        except Exception as error:  # every error is a finding: record it, keep reading
            out.write(json.dumps({"error": f"{type(error).__name__}: {error}"}) + "\\n")
        out.flush()
        if stopping:
            break
        time.sleep(0.05)
"""


def _snapshot(path: Path) -> list:
    # Opened and closed here: a connection left open in this process would pin the file it opened.
    with duckdb.connect(str(path), read_only=True) as connection:
        return list(connection.execute(SNAPSHOT_SQL).fetchone())


def _start_reader(path: Path, mode: str, workdir: Path) -> tuple[subprocess.Popen, Path]:
    out_path = workdir / f"reader-{mode}.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), mode, str(out_path), str(workdir / "stop")],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(SNAPSHOT_SQL)
    process.stdin.close()
    return process, out_path


def _observations(out_path: Path) -> list[dict]:
    return [json.loads(line) for line in out_path.read_text().splitlines() if line.strip()]


def test_readers_see_only_complete_nights_while_a_night_is_built_and_published(tmp_path, run_newsdesk):
    state = tmp_path / "state"
    warehouse = state / "warehouse.duckdb"
    first = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", FIRST_NIGHT)
    assert first.returncode == 0, first.stdout + first.stderr
    first_night = _snapshot(warehouse)
    assert first_night[0] == 1 and first_night[3] == f"nightly-{FIRST_NIGHT}"

    readers = [_start_reader(warehouse, mode, tmp_path) for mode in ("held", "reconnecting")]
    deadline = time.monotonic() + 60
    while not all(out.exists() and out.read_text().strip() for _, out in readers):
        assert time.monotonic() < deadline, "readers did not start"
        time.sleep(0.1)

    second = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", SECOND_NIGHT)
    time.sleep(1)  # let the reconnecting reader see the published night a few times
    (tmp_path / "stop").touch()
    for process, _ in readers:
        assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    assert second.returncode == 0, second.stdout + second.stderr

    second_night = _snapshot(warehouse)
    assert second_night[0] == 2 and second_night[3] == f"nightly-{SECOND_NIGHT}"
    assert second_night[1] > first_night[1]

    held, reconnecting = (_observations(out) for _, out in readers)
    for observations in (held, reconnecting):
        assert [entry for entry in observations if "error" in entry] == []
        assert len(observations) > 20
    # The held connection keeps the night it opened, however long the run.
    assert {tuple(entry["row"]) for entry in held} == {tuple(first_night)}
    # A new connection sees the first night until publication, then the second: never a partial night,
    # never back again.
    rows = [tuple(entry["row"]) for entry in reconnecting]
    assert set(rows) <= {tuple(first_night), tuple(second_night)}
    switched_at = rows.index(tuple(second_night))
    assert set(rows[:switched_at]) == {tuple(first_night)}
    assert set(rows[switched_at:]) == {tuple(second_night)}

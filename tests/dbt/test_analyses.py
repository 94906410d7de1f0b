"""The analyses analysts run: every one compiles with dbt and executes against a small built warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from flows.adapters.dbt import compile_analyses, run_dbt_build
from tests.dbt.raw_fixtures import (
    AZERBAIJAN,
    BLINKEN,
    DBT_PROJECT_DIR,
    create_raw_warehouse,
    sample_raw_tables,
)

pytestmark = pytest.mark.slow

ANALYSES = sorted(path.stem for path in (DBT_PROJECT_DIR / "analyses").glob("*.sql"))


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    workdir = tmp_path_factory.mktemp("analyses")
    database = create_raw_warehouse(workdir / "warehouse.duckdb", sample_raw_tables())
    result = run_dbt_build(DBT_PROJECT_DIR, database, workdir / "dbt_target")
    assert result.is_success, result.failures
    paths = compile_analyses(
        DBT_PROJECT_DIR,
        database,
        workdir / "dbt_target",
        variables={"analysis_date": "2024-03-01", "network_min_stories": 1},
    )
    return database, paths


def _run(database: Path, path: Path) -> tuple[list[str], list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(path.read_text(encoding="utf-8"))
        return [column[0] for column in cursor.description], cursor.fetchall()


def test_the_analyses_answer_the_questions_analysts_ask():
    assert set(ANALYSES) >= {
        "top_actors_this_week",
        "actor_cooccurrence_network",
        "actor_mentions_over_time_by_source",
        "first_seen_latency_by_source",
        "distinct_stories_vs_copies",
        "role_holders_on_date",
    }


@pytest.mark.parametrize("analysis", ANALYSES)
def test_every_analysis_compiles_and_runs_with_rows(compiled, analysis):
    database, paths = compiled
    assert "{{" not in paths[analysis].read_text(encoding="utf-8")
    columns, rows = _run(database, paths[analysis])
    assert columns and rows, analysis


def test_top_actors_rank_by_stories(compiled):
    database, paths = compiled
    columns, rows = _run(database, paths["top_actors_this_week"])
    top = dict(zip(columns, rows[0], strict=True))
    # In the week up to 2024-03-01: Blinken and Azerbaijan in story s1 only (two copies).
    assert (top["actor_id"], top["story_count"], top["article_count"]) in {
        (BLINKEN, 1, 2),
        (AZERBAIJAN, 1, 2),
    }


def test_role_holders_on_a_date(compiled):
    database, paths = compiled
    _, rows = _run(database, paths["role_holders_on_date"])
    assert [(row[0], row[2]) for row in rows] == [("Secretary of State", BLINKEN)]
    assert rows[0][4] == dt.date(2021, 1, 26)


def test_first_seen_latency_is_in_hours_per_source(compiled):
    database, paths = compiled
    columns, rows = _run(database, paths["first_seen_latency_by_source"])
    by_source = {row[0]: dict(zip(columns, row, strict=True)) for row in rows}
    # a_tass: published 2024-03-01 14:30, first seen 2024-03-02 01:00 -> 10.5 h.
    assert by_source["tass"]["median_latency_hours"] == 10.5

"""dbt build of the real project on a tiny raw layer: mart contents, grain, and a night with no data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
import yaml

from flows.adapters.dbt import DbtBuildResult, run_dbt_build
from tests.dbt.raw_fixtures import (
    AZERBAIJAN,
    BLINKEN,
    DBT_PROJECT_DIR,
    RUN_ID,
    UNKNOWN_ACTOR,
    US_GOVERNMENT,
    create_raw_warehouse,
    sample_raw_tables,
)

pytestmark = pytest.mark.slow

MARTS = [
    "fct_articles",
    "fct_actor_mentions",
    "fct_actor_cooccurrences",
    "fct_fetches",
    "fct_date_mentions",
    "dim_actors",
    "dim_actor_roles",
    "dim_sources",
    "dim_dates",
    "dim_countries",
]


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> tuple[Path, DbtBuildResult]:
    workdir = tmp_path_factory.mktemp("sample_build")
    database = create_raw_warehouse(workdir / "warehouse.duckdb", sample_raw_tables())
    result = run_dbt_build(DBT_PROJECT_DIR, database, workdir / "dbt_target")
    print(f"sample build: {result.summary()}")
    return database, result


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_build_succeeds_with_every_test_passing(sample_build):
    _, result = sample_build
    assert result.failures == []
    assert result.warnings == []
    assert result.is_success
    # Every model, data test and unit test ran: nothing skipped.
    assert set(result.status_counts) <= {"success", "pass"}
    assert result.status_counts["pass"] >= 100


def test_marts_land_in_main_and_staging_in_its_own_schema(sample_build):
    database, _ = sample_build
    tables = dict(
        _rows(
            database,
            "select table_name, table_schema from information_schema.tables where table_type = 'BASE TABLE'",
        )
    )
    assert {mart: "main" for mart in MARTS}.items() <= tables.items()
    views = dict(
        _rows(
            database,
            "select table_name, table_schema from information_schema.tables where table_type = 'VIEW'",
        )
    )
    assert views["stg_raw__articles"] == "staging"
    assert views["int_actor_mentions_resolved"] == "intermediate"


def test_every_documented_column_exists_and_every_column_is_documented(sample_build):
    database, _ = sample_build
    built: dict[str, set[str]] = {}
    for table, column in _rows(
        database,
        "select table_name, column_name from information_schema.columns"
        " where table_schema in ('main', 'staging', 'intermediate')",
    ):
        built.setdefault(table, set()).add(column)
    for yaml_path in (DBT_PROJECT_DIR / "models").rglob("_*__models.yml"):
        for model in yaml.safe_load(yaml_path.read_text())["models"]:
            documented = {column["name"] for column in model["columns"]}
            assert documented == built[model["name"]], model["name"]


def test_articles_one_row_per_copy_with_story_settled(sample_build):
    database, _ = sample_build
    rows = _rows(
        database,
        "select article_id, story_id, source_id, story_article_count, is_story_original, date_key, actor_mention_count"
        " from fct_articles order by article_id",
    )
    assert rows == [
        ("a_2016", "s2", "caspianwire", 1, True, 20160601, 1),
        ("a_tass", "s1", "tass", 2, False, 20240301, 2),
        ("a_undated", "a_undated", "caspianwire", 1, True, None, 1),
        ("a_wire", "s1", "caspianwire", 2, True, 20240301, 4),
    ]


def test_mentions_carry_the_role_held_on_the_article_date(sample_build):
    database, _ = sample_build
    roles = dict(
        _rows(
            database,
            f"select article_id, role || ' / ' || role_source from fct_actor_mentions where actor_id = '{BLINKEN}'"
            " and start_char = 0",
        )
    )
    assert roles == {
        "a_2016": "Deputy Secretary of State / actor_roles",
        "a_wire": "Secretary of State / actor_roles",
        "a_tass": "Secretary of State / actor_roles",
        "a_undated": "Secretary of State / mention",
    }
    assert _rows(database, "select count(*), count(distinct mention_id) from fct_actor_mentions") == [(8, 8)]


def test_cooccurrences_pair_actors_once_per_day(sample_build):
    database, _ = sample_build
    rows = _rows(
        database,
        "select actor_id_a, actor_id_b, published_date, article_count, story_count"
        " from fct_actor_cooccurrences order by all",
    )
    day = dt.date(2024, 3, 1)
    assert rows == [
        (AZERBAIJAN, BLINKEN, day, 2, 1),
        (AZERBAIJAN, UNKNOWN_ACTOR, day, 1, 1),
        (BLINKEN, UNKNOWN_ACTOR, day, 1, 1),
    ]


def test_dim_actors_adds_unknown_actors_and_keeps_unmentioned_ones(sample_build):
    database, _ = sample_build
    rows = {
        row[0]: row[1:]
        for row in _rows(
            database,
            "select actor_id, is_known_actor, mention_count, article_count, story_count,"
            " first_seen_date, last_seen_date from dim_actors",
        )
    }
    assert rows[UNKNOWN_ACTOR] == (False, 1, 1, 1, dt.date(2024, 3, 1), dt.date(2024, 3, 1))
    assert rows[US_GOVERNMENT] == (True, 0, 0, 0, None, None)
    # The undated article counts from the day it was first fetched.
    assert rows[BLINKEN] == (True, 5, 4, 3, dt.date(2016, 6, 1), dt.date(2024, 3, 2))
    assert _rows(database, f"select current_role_name from dim_actors where actor_id = '{BLINKEN}'") == [
        (None,)
    ]


def test_dim_actor_roles_is_a_scd_with_keys(sample_build):
    database, _ = sample_build
    rows = _rows(
        database, "select role, valid_from, valid_to, is_current from dim_actor_roles order by valid_from"
    )
    assert rows == [
        ("Deputy Secretary of State", dt.date(2015, 1, 9), dt.date(2017, 1, 20), False),
        ("Secretary of State", dt.date(2021, 1, 26), dt.date(2025, 1, 20), False),
    ]


def test_fetches_one_row_per_url_per_run_with_its_status(sample_build):
    database, _ = sample_build
    statuses = dict(_rows(database, "select fetch_status, count(*) from fct_fetches group by all"))
    assert statuses == {"fetched": 4, "http_error": 1, "already_seen": 1, "timeout": 1}
    skipped = _rows(
        database,
        "select fetch_date, date_key, article_id from fct_fetches where fetch_status = 'already_seen'",
    )
    assert skipped == [(dt.date(2024, 3, 2), 20240302, None)]
    linked = _rows(database, "select count(article_id) from fct_fetches where fetch_status = 'fetched'")
    assert linked == [(4,)]


def test_dim_sources_keeps_sources_no_longer_configured(sample_build):
    database, _ = sample_build
    rows = _rows(
        database,
        "select source_id, is_configured, is_state_media, country_name, article_count, story_count, fetch_count"
        " from dim_sources order by source_id",
    )
    assert rows == [
        ("caspianwire", True, False, "Azerbaijan", 3, 3, 3),
        ("oldwire", False, False, None, 0, 0, 1),
        ("tass", True, True, "Russian Federation", 1, 1, 3),
    ]


def test_dim_dates_covers_every_article_and_fetch_date(sample_build):
    database, _ = sample_build
    [(first_day, last_day, day_count, distinct_keys)] = _rows(
        database, "select min(date_day), max(date_day), count(*), count(distinct date_key) from dim_dates"
    )
    assert (first_day, last_day) == (dt.date(2016, 6, 1), dt.date(2024, 3, 2))
    assert day_count == distinct_keys == (last_day - first_day).days + 1
    orphans = _rows(
        database,
        "select count(*) from (select date_key from fct_articles union all select date_key from fct_fetches)"
        " where date_key is not null and date_key not in (select date_key from dim_dates)",
    )
    assert orphans == [(0,)]


def test_dim_countries_carries_regions(sample_build):
    database, _ = sample_build
    assert _rows(database, "select country_code, region, subregion from dim_countries order by 1") == [
        ("AZE", "Asia", "Western Asia"),
        ("RUS", "Europe", "Eastern Europe"),
        ("USA", "Americas", "Northern America"),
    ]


def test_date_mentions_are_placed_relative_to_publication(sample_build):
    database, _ = sample_build
    assert _rows(
        database, "select phrase, resolved_date_key, days_from_published from fct_date_mentions"
    ) == [("yesterday", 20240229, -1)]


def test_date_mentions_name_their_sentence_and_run(sample_build):
    database, _ = sample_build
    assert _rows(database, "select phrase, sentence_index, run_id from fct_date_mentions") == [
        ("yesterday", 3, RUN_ID)
    ]


def test_build_passes_on_an_empty_raw_layer(tmp_path):
    database = create_raw_warehouse(tmp_path / "empty.duckdb")
    result = run_dbt_build(DBT_PROJECT_DIR, database, tmp_path / "dbt_target")
    print(f"empty build: {result.summary()}")
    assert result.is_success, result.failures
    counts = {mart: _rows(database, f"select count(*) from {mart}")[0][0] for mart in MARTS}
    assert counts == {**{mart: 0 for mart in MARTS}, "dim_dates": 366}


@pytest.mark.parametrize(
    ("breakage", "failing_test"),
    [
        # A mention of an article that does not exist: caught at the mart.
        ("orphan_mention", "relationships_fct_actor_mentions_article_id__article_id__ref_fct_articles_"),
        # An actor type outside the contract: caught in staging, before any mart is built on it.
        ("unknown_actor_type", "accepted_values_stg_raw__actors_actor_type"),
    ],
)
def test_broken_data_is_reported_not_raised(tmp_path, breakage, failing_test):
    tables = sample_raw_tables()
    if breakage == "orphan_mention":
        tables["raw.actor_mentions"].append(
            {**tables["raw.actor_mentions"][0], "mention_id": "orphan", "article_id": "nope"}
        )
    else:
        tables["raw.actors"][2] = {**tables["raw.actors"][2], "actor_type": "spaceship"}
    database = create_raw_warehouse(tmp_path / "broken.duckdb", tables)
    result = run_dbt_build(DBT_PROJECT_DIR, database, tmp_path / "dbt_target")
    assert not result.is_success
    failed = {name for name, _ in result.failures}
    assert any(name.startswith(failing_test) for name in failed), failed
    # Models built on the failing one are skipped rather than built on broken rows.
    assert result.status_counts["skipped"] > 0
    assert all(message for _, message in result.failures)
    assert result.status_counts["fail"] == len(result.failures)

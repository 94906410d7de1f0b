"""Incremental facts: nightly incremental builds on data arriving night by night end with exactly the marts
a full refresh builds from the same final raw layer (late data, re-extractions, a re-run night included)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.adapters.dbt import run_dbt_build
from tests.dbt.nights import load_night, nights
from tests.dbt.raw_fixtures import (
    BLINKEN,
    CASPIAN_OIL,
    DBT_PROJECT_DIR,
    UNKNOWN_ACTOR,
    US_GOVERNMENT,
    create_raw_warehouse,
)
from tests.dbt.test_build import MARTS

pytestmark = pytest.mark.slow

INCREMENTAL_FACTS = [
    "fct_articles",
    "fct_actor_mentions",
    "fct_actor_cooccurrences",
    "fct_fetches",
    "fct_date_mentions",
]
# Incremental helpers of the marts, by schema: compared with a full refresh like the marts.
INCREMENTAL_HELPERS = {"int_actor_stories_aggregated": "intermediate"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The warehouse built incrementally after each night, and a full-refresh build of its final raw layer."""
    workdir = tmp_path_factory.mktemp("incremental")
    nightly = create_raw_warehouse(workdir / "nightly.duckdb")
    target_dir = workdir / "nightly_target"
    for night_number, (run_id, tables) in enumerate(nights(), start=1):
        load_night(nightly, run_id, tables)
        # As the nightly runs it (flows/tasks/transform.py): data tests of the facts on their window.
        result = run_dbt_build(
            DBT_PROJECT_DIR,
            nightly,
            target_dir,
            exclude=["resource_type:unit_test"],
            test_window_only=night_number > 1,
        )
        assert result.is_success, (night_number, result.failures)
    full = workdir / "full.duckdb"
    shutil.copyfile(nightly, full)
    result = run_dbt_build(DBT_PROJECT_DIR, full, workdir / "full_target", full_refresh=True)
    assert result.is_success, result.failures
    return {"nightly": nightly, "full": full, "nightly_target": target_dir}


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("schema", "table"),
    [
        *(("main", mart) for mart in MARTS),
        *((schema, helper) for helper, schema in INCREMENTAL_HELPERS.items()),
    ],
)
def test_nightly_increments_equal_a_full_refresh_row_for_row(builds, schema, table):
    relation = f"{schema}.{table}"
    with duckdb.connect(str(builds["nightly"]), read_only=True) as connection:
        connection.execute(f"attach '{builds['full']}' as full_refresh (read_only)")
        columns = [row[0] for row in connection.execute(f"describe {relation}").fetchall()]
        full_columns = [row[0] for row in connection.execute(f"describe full_refresh.{relation}").fetchall()]
        assert columns == full_columns
        only_nightly = connection.execute(
            f"select * from {relation} except all select * from full_refresh.{relation}"
        ).fetchall()
        only_full = connection.execute(
            f"select * from full_refresh.{relation} except all select * from {relation}"
        ).fetchall()
        [(row_count,)] = connection.execute(f"select count(*) from {relation}").fetchall()
    assert (only_nightly, only_full) == ([], [])
    assert row_count > 0


@pytest.mark.parametrize(
    ("folder", "model"),
    [
        *(("marts", fact) for fact in INCREMENTAL_FACTS),
        *(("intermediate", helper) for helper in INCREMENTAL_HELPERS),
    ],
)
def test_the_last_night_was_an_incremental_delete_and_insert(builds, folder, model):
    compiled = builds["nightly_target"] / "run" / "newsdesk" / "models" / folder / f"{model}.sql"
    statement = compiled.read_text(encoding="utf-8").lower()
    assert "delete from" in statement
    assert "create table" not in statement


def test_late_and_re_extracted_articles_are_in_the_facts(builds):
    nightly = builds["nightly"]
    articles = {
        row[0]: row[1:]
        for row in _rows(
            nightly,
            "select article_id, story_id, published_date, story_article_count, is_story_original,"
            " actor_mention_count from fct_articles",
        )
    }
    # The late article is there; a_wire moved a day back and so became s1's original again, after the
    # earlier copy of night 2 had been it; a_solo moved into s2, whose count followed.
    assert articles["a_late"] == ("a_late", dt.date(2024, 2, 20), 1, True, 2)
    assert articles["a_wire"] == ("s1", dt.date(2024, 2, 29), 3, True, 2)
    assert articles["a_early_copy"][2:4] == (3, False)
    assert articles["a_tass"][4] == 0
    assert articles["a_solo"][0:4] == ("s2", dt.date(2024, 3, 3), 2, False)
    assert articles["a_2016"][2] == 2


def test_mentions_of_re_extracted_articles_are_replaced(builds):
    nightly = builds["nightly"]
    by_article = dict(
        _rows(
            nightly,
            "select article_id, list(actor_id order by start_char) from fct_actor_mentions group by 1",
        )
    )
    assert by_article["a_wire"] == [BLINKEN, US_GOVERNMENT]
    assert "a_tass" not in by_article
    assert by_article["a_solo"] == ["cty:AZE", UNKNOWN_ACTOR]
    # The dictionary learned Jane Doe after her first mentions were built.
    assert _rows(
        nightly, f"select distinct is_known_actor from fct_actor_mentions where actor_id = '{UNKNOWN_ACTOR}'"
    ) == [(True,)]
    assert _rows(nightly, "select count(*) from fct_date_mentions where article_id = 'a_solo'") == [(0,)]


def test_cooccurrences_follow_articles_between_days(builds):
    rows = _rows(
        builds["nightly"],
        "select published_date, actor_id_a, actor_id_b, article_count from fct_actor_cooccurrences order by all",
    )
    assert rows == [
        (dt.date(2024, 2, 20), "cty:AZE", BLINKEN, 1),
        (dt.date(2024, 2, 29), US_GOVERNMENT, BLINKEN, 1),
        (dt.date(2024, 3, 1), US_GOVERNMENT, BLINKEN, 1),
        (dt.date(2024, 3, 3), "cty:AZE", UNKNOWN_ACTOR, 1),
        (dt.date(2024, 3, 5), "cty:AZE", US_GOVERNMENT, 1),
    ]


def test_actor_counts_follow_copies_that_left_their_story_beyond_the_lookback(builds):
    # The last night re-extracted a_oil_copy out of story s4 two weeks after s4 was built: s4's other
    # copy was outside the window, yet the US government's counts lost the copy, and Caspian Oil (named
    # only there) is back to no mention at all.
    rows = {
        row[0]: row[1:]
        for row in _rows(
            builds["nightly"],
            "select actor_id, mention_count, article_count, story_count, first_seen_date, last_seen_date"
            f" from dim_actors where actor_id in ('{US_GOVERNMENT}', '{CASPIAN_OIL}')",
        )
    }
    assert rows[US_GOVERNMENT] == (3, 3, 2, dt.date(2024, 2, 29), dt.date(2024, 3, 5))
    assert rows[CASPIAN_OIL] == (0, 0, 0, None, None)


def test_a_re_run_night_replaces_its_fetches(builds):
    rows = _rows(
        builds["nightly"],
        "select url, fetch_status from fct_fetches where run_id = 'nightly-2024-03-03' order by url",
    )
    assert rows == [
        ("https://www.caspianwire.com/a_solo?utm=rss", "fetched"),
        ("https://www.tass.com/a_early_copy?utm=rss", "not_modified"),
    ]

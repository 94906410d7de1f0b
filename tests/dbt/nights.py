"""Raw data arriving night by night, loaded the way flows/tasks/load.py loads it, for incremental tests.

Night 1 is the sample raw layer (tests/dbt/raw_fixtures.py). Later nights bring what makes incremental
facts hard: a new copy that becomes its story's original, a late article published weeks before it was
extracted, re-extractions that move an article to another day, drop mentions (one article loses all of
them) and move an article into another story, a re-run of an earlier night that replaces its fetches,
a dictionary change that makes an unknown actor known, and, after a quiet night has moved the facts'
watermarks on, a re-extraction that moves a copy out of a story last built beyond the lookback and takes
away the only mention of an actor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb

from tests.dbt.raw_fixtures import (
    AZERBAIJAN,
    BLINKEN,
    CASPIAN_OIL,
    UNKNOWN_ACTOR,
    US_GOVERNMENT,
    _article,
    _at,
    _fetch,
    _mention,
    sample_raw_tables,
)

Tables = Mapping[str, Sequence[Mapping[str, object]]]

# Tables a run replaces whole (the dictionary, countries, configured sources).
_REPLACED_WHOLE = ("raw.sources", "raw.actors", "raw.actor_roles", "raw.countries")
# Tables whose rows belong to an article: a reloaded article's rows are replaced as a whole.
_PER_ARTICLE = ("raw.actor_mentions", "raw.date_candidates", "raw.date_mentions")


def load_night(path: Path, run_id: str, tables: Tables) -> None:
    """Load one night's raw rows into the DuckDB file at `path` as the nightly's load stage does: runs and
    articles replaced by key, the run's fetches replaced, per-article rows of reloaded articles replaced,
    dictionary tables replaced whole when given.
    """
    connection = duckdb.connect(str(path))
    try:
        connection.execute("begin transaction")
        article_ids = [row["article_id"] for row in tables.get("raw.articles", [])]
        connection.execute("delete from raw.fetches where run_id = ?", [run_id])
        for table in _PER_ARTICLE:
            for article_id in article_ids:
                connection.execute(f"delete from {table} where article_id = ?", [article_id])
        for table in _REPLACED_WHOLE:
            if table in tables:
                connection.execute(f"delete from {table}")
        for row in tables.get("raw.runs", []):
            connection.execute("delete from raw.runs where run_id = ?", [row["run_id"]])
        for article_id in article_ids:
            connection.execute("delete from raw.articles where article_id = ?", [article_id])
        for table, rows in tables.items():
            for row in rows:
                columns = ", ".join(row)
                placeholders = ", ".join("?" for _ in row)
                connection.execute(
                    f"insert into {table} ({columns}) values ({placeholders})", list(row.values())
                )
        connection.execute("commit")
    finally:
        connection.close()


def _run(run_id: str, started_at: str) -> dict[str, object]:
    return {
        "run_id": run_id,
        "run_date": dt.date.fromisoformat(run_id.removeprefix("nightly-")),
        "started_at": _at(started_at),
        "finished_at": _at(started_at) + dt.timedelta(minutes=30),
        "status": "succeeded",
        "newsdesk_version": "0.1.0",
        "extractor_version": "2.3.1",
    }


# The date phrase of the late article, loaded again with it whenever it is re-extracted.
def _late_saturday(run_id: str) -> dict[str, object]:
    return {
        "article_id": "a_late",
        "run_id": run_id,
        "start_char": 40,
        "end_char": 48,
        "sentence_index": 2,
        "phrase": "Saturday",
        "resolved_date": dt.date(2024, 2, 17),
        "precision": "day",
    }


def _night_article(article_id, source, story_id, published_at, run_id, extracted_at, **extra):
    return _article(
        article_id, source, story_id, published_at, run_id=run_id, extracted_at=_at(extracted_at), **extra
    )


def _night_mention(article_id, start_char, actor_id, run_id, **extra):
    return _mention(article_id, start_char, actor_id, run_id=run_id, **extra)


def nights() -> list[tuple[str, dict[str, list[dict[str, object]]]]]:
    """The nights in load order, as (run_id, {raw table: rows})."""
    night_1 = sample_raw_tables()
    run_1 = "nightly-2024-03-02"

    run_2 = "nightly-2024-03-03"
    night_2 = {
        "raw.runs": [_run(run_2, "2024-03-03 01:00:00")],
        "raw.articles": [
            # A copy of story s1 published before the two known copies: it becomes the original.
            _night_article(
                "a_early_copy",
                "tass",
                "s1",
                "2024-03-01 08:00:00",
                run_2,
                "2024-03-03 01:05:00",
                first_seen_at=_at("2024-03-03 01:01:00"),
            ),
            _night_article(
                "a_solo",
                "caspianwire",
                None,
                "2024-03-03 07:00:00",
                run_2,
                "2024-03-03 01:06:00",
                first_seen_at=_at("2024-03-03 01:02:00"),
            ),
        ],
        "raw.actor_mentions": [
            _night_mention("a_early_copy", 0, BLINKEN, run_2, role="Secretary of State"),
            _night_mention("a_early_copy", 20, US_GOVERNMENT, run_2),
            _night_mention("a_solo", 0, AZERBAIJAN, run_2),
            _night_mention("a_solo", 10, UNKNOWN_ACTOR, run_2),
            _night_mention("a_solo", 30, BLINKEN, run_2),
        ],
        "raw.date_mentions": [
            {
                "article_id": "a_solo",
                "run_id": run_2,
                "start_char": 50,
                "end_char": 57,
                "sentence_index": 1,
                "phrase": "Tuesday",
                "resolved_date": dt.date(2024, 2, 27),
                "precision": "day",
            },
        ],
        "raw.fetches": [
            _fetch(
                "https://www.tass.com/a_early_copy?utm=rss",
                "tass",
                "fetched",
                "2024-03-03 01:01:00",
                run_id=run_2,
                canonical_url="https://www.tass.com/a_early_copy",
                http_status=200,
            ),
            _fetch(
                "https://www.caspianwire.com/a_solo?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-03 01:02:00",
                run_id=run_2,
                canonical_url="https://www.caspianwire.com/a_solo",
                http_status=200,
            ),
            _fetch(
                "https://www.caspianwire.com/a_wire?utm=rss",
                "caspianwire",
                "already_seen",
                None,
                run_id=run_2,
            ),
            _fetch("https://www.tass.com/flaky", "tass", "timeout", "2024-03-03 01:03:00", run_id=run_2),
        ],
    }

    run_3 = "nightly-2024-03-04"
    night_3 = {
        "raw.runs": [_run(run_3, "2024-03-04 01:00:00")],
        "raw.articles": [
            # Late: published two weeks before it was first extracted.
            _night_article(
                "a_late",
                "tass",
                None,
                "2024-02-20 10:00:00",
                run_3,
                "2024-03-04 01:05:00",
                first_seen_at=_at("2024-03-04 01:01:00"),
            ),
            # Re-extracted: the page now dates itself a day earlier and names fewer actors (new mention ids).
            _night_article(
                "a_wire", "caspianwire", "s1", "2024-02-29 09:00:00", run_3, "2024-03-04 01:06:00"
            ),
            # Re-extracted: no actor is found any more.
            _night_article("a_tass", "tass", "s1", "2024-03-01 14:30:00", run_3, "2024-03-04 01:07:00"),
        ],
        "raw.actor_mentions": [
            _night_mention("a_late", 0, BLINKEN, run_3, role="Secretary of State"),
            _night_mention("a_late", 15, AZERBAIJAN, run_3),
            _night_mention("a_wire", 10, BLINKEN, run_3, role="Secretary of State"),
            _night_mention("a_wire", 50, US_GOVERNMENT, run_3),
        ],
        "raw.date_mentions": [_late_saturday(run_3)],
        "raw.fetches": [
            _fetch(
                "https://www.tass.com/a_late?utm=rss",
                "tass",
                "fetched",
                "2024-03-04 01:01:00",
                run_id=run_3,
                canonical_url="https://www.tass.com/a_late",
                http_status=200,
            ),
            _fetch(
                "https://www.caspianwire.com/a_wire?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-04 01:02:00",
                run_id=run_3,
                canonical_url="https://www.caspianwire.com/a_wire",
                http_status=200,
            ),
            _fetch(
                "https://www.tass.com/a_tass?utm=rss",
                "tass",
                "fetched",
                "2024-03-04 01:03:00",
                run_id=run_3,
                canonical_url="https://www.tass.com/a_tass",
                http_status=200,
            ),
        ],
    }

    # Night 2 run again after night 3: its fetches are replaced (the timeout is gone), a_solo is extracted
    # again and now joins story s2, and the dictionary learned Jane Doe.
    rerun_2 = {
        "raw.runs": [_run(run_2, "2024-03-05 02:00:00")],
        "raw.articles": [
            _night_article(
                "a_solo",
                "caspianwire",
                "s2",
                "2024-03-03 07:00:00",
                run_2,
                "2024-03-05 02:06:00",
                first_seen_at=_at("2024-03-03 01:02:00"),
            ),
        ],
        "raw.actor_mentions": [
            _night_mention("a_solo", 0, AZERBAIJAN, run_2),
            _night_mention("a_solo", 10, UNKNOWN_ACTOR, run_2),
        ],
        "raw.fetches": [
            _fetch(
                "https://www.caspianwire.com/a_solo?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-05 02:02:00",
                run_id=run_2,
                canonical_url="https://www.caspianwire.com/a_solo",
                http_status=200,
            ),
            _fetch(
                "https://www.tass.com/a_early_copy?utm=rss",
                "tass",
                "not_modified",
                "2024-03-05 02:01:00",
                run_id=run_2,
                canonical_url="https://www.tass.com/a_early_copy",
                http_status=304,
            ),
        ],
        "raw.actors": [
            *night_1["raw.actors"],
            {
                "actor_id": UNKNOWN_ACTOR,
                "canonical_name": "Jane Doe",
                "actor_type": "person",
                "entity_class": "PER",
                "dictionary_source": "seed",
            },
        ],
    }
    # Two copies of a new story s4; the dictionary learned Caspian Oil, which only the TASS copy names.
    run_5 = "nightly-2024-03-06"
    night_5 = {
        "raw.runs": [_run(run_5, "2024-03-06 01:00:00")],
        "raw.articles": [
            _night_article(
                "a_oil_brief",
                "caspianwire",
                "s4",
                "2024-03-05 08:00:00",
                run_5,
                "2024-03-06 01:05:00",
                first_seen_at=_at("2024-03-06 01:01:00"),
            ),
            _night_article(
                "a_oil_copy",
                "tass",
                "s4",
                "2024-03-05 11:00:00",
                run_5,
                "2024-03-06 01:06:00",
                first_seen_at=_at("2024-03-06 01:02:00"),
            ),
        ],
        "raw.actor_mentions": [
            _night_mention("a_oil_brief", 0, US_GOVERNMENT, run_5),
            _night_mention("a_oil_brief", 20, AZERBAIJAN, run_5),
            _night_mention("a_oil_copy", 0, CASPIAN_OIL, run_5),
            _night_mention("a_oil_copy", 20, US_GOVERNMENT, run_5),
            _night_mention("a_oil_copy", 40, BLINKEN, run_5, role="Secretary of State"),
        ],
        "raw.fetches": [
            _fetch(
                f"https://www.{source}.com/{article_id}?utm=rss",
                source,
                "fetched",
                fetched_at,
                run_id=run_5,
                canonical_url=f"https://www.{source}.com/{article_id}",
                http_status=200,
            )
            for article_id, source, fetched_at in [
                ("a_oil_brief", "caspianwire", "2024-03-06 01:01:00"),
                ("a_oil_copy", "tass", "2024-03-06 01:02:00"),
            ]
        ],
        "raw.actors": [
            *rerun_2["raw.actors"],
            {
                "actor_id": CASPIAN_OIL,
                "canonical_name": "Caspian Oil Company",
                "actor_type": "organisation",
                "entity_class": "ORG",
                "country_code": "AZE",
                "dictionary_source": "seed",
            },
        ],
    }

    # A quiet night a week later moves every fact's watermark past the lookback of night 5.
    run_quiet = "nightly-2024-03-15"
    quiet_night = {
        "raw.runs": [_run(run_quiet, "2024-03-15 01:00:00")],
        "raw.articles": [
            _night_article(
                "a_quiet",
                "caspianwire",
                None,
                "2024-03-14 18:00:00",
                run_quiet,
                "2024-03-15 01:05:00",
                first_seen_at=_at("2024-03-15 01:01:00"),
            ),
        ],
        "raw.actor_mentions": [_night_mention("a_quiet", 0, BLINKEN, run_quiet)],
        "raw.fetches": [
            _fetch(
                "https://www.caspianwire.com/a_quiet?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-15 01:01:00",
                run_id=run_quiet,
                canonical_url="https://www.caspianwire.com/a_quiet",
                http_status=200,
            ),
        ],
    }

    # Two weeks later, beyond the lookback: the TASS copy is extracted again as a story of its own and
    # names only Blinken. Caspian Oil is left without a mention, and s4 keeps a_oil_brief, which no night
    # in the lookback window touched.
    run_6 = "nightly-2024-03-20"
    night_6 = {
        "raw.runs": [_run(run_6, "2024-03-20 01:00:00")],
        "raw.articles": [
            _night_article(
                "a_oil_copy",
                "tass",
                "s5",
                "2024-03-05 11:00:00",
                run_6,
                "2024-03-20 01:06:00",
                first_seen_at=_at("2024-03-06 01:02:00"),
            ),
            # Extracted again unchanged: its day's pairs are the same, only last_extracted_at moves.
            _night_article(
                "a_late",
                "tass",
                None,
                "2024-02-20 10:00:00",
                run_6,
                "2024-03-20 01:07:00",
                first_seen_at=_at("2024-03-04 01:01:00"),
            ),
        ],
        "raw.actor_mentions": [
            _night_mention("a_oil_copy", 40, BLINKEN, run_6, role="Secretary of State"),
            _night_mention("a_late", 0, BLINKEN, run_6, role="Secretary of State"),
            _night_mention("a_late", 15, AZERBAIJAN, run_6),
        ],
        "raw.date_mentions": [_late_saturday(run_6)],
        "raw.fetches": [
            _fetch(
                f"https://www.tass.com/{article_id}?utm=rss",
                "tass",
                "fetched",
                fetched_at,
                run_id=run_6,
                canonical_url=f"https://www.tass.com/{article_id}",
                http_status=200,
            )
            for article_id, fetched_at in [
                ("a_oil_copy", "2024-03-20 01:02:00"),
                ("a_late", "2024-03-20 01:03:00"),
            ]
        ],
    }
    return [
        (run_1, night_1),
        (run_2, night_2),
        (run_3, night_3),
        (run_2, rerun_2),
        (run_5, night_5),
        (run_quiet, quiet_night),
        (run_6, night_6),
    ]

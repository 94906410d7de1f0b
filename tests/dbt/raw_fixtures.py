"""A tiny raw layer for dbt tests: the warehouse schema plus a handful of rows written as plain dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import duckdb

from flows.settings import REPO_ROOT

WAREHOUSE_SCHEMA = REPO_ROOT / "flows" / "adapters" / "warehouse_schema.sql"
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

RUN_ID = "nightly-2024-03-02"
BLINKEN = "per:antony-blinken"
AZERBAIJAN = "cty:AZE"
US_GOVERNMENT = "gov:USA"
UNKNOWN_ACTOR = "per:jane-doe"
# Not in the sample dictionary: tests/dbt/nights.py adds it in a later night.
CASPIAN_OIL = "org:caspian-oil"


def create_raw_warehouse(path: Path, tables: Mapping[str, Iterable[Mapping[str, object]]] = ()) -> Path:
    """Create a DuckDB file at `path` with the raw schema and insert `tables` ({'raw.x': [row, ...]})."""
    connection = duckdb.connect(str(path))
    try:
        connection.execute(WAREHOUSE_SCHEMA.read_text())
        for table, rows in dict(tables).items():
            for row in rows:
                columns = ", ".join(row)
                placeholders = ", ".join("?" for _ in row)
                connection.execute(
                    f"insert into {table} ({columns}) values ({placeholders})", list(row.values())
                )
    finally:
        connection.close()
    return path


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _article(article_id: str, source: str, story_id: str | None, published_at: str | None, **extra: object):
    return {
        "article_id": article_id,
        "canonical_url": f"https://www.{source}.com/{article_id}",
        "url": f"https://www.{source}.com/{article_id}?utm=rss",
        "source_name": source,
        "source_domain": f"www.{source}.com",
        "run_id": RUN_ID,
        "first_seen_at": _at("2024-03-02 01:00:00"),
        "extracted_at": _at("2024-03-02 01:05:00"),
        "title": f"Title of {article_id}",
        "body_text": "Body text.",
        "word_count": 2,
        "story_id": story_id,
        "published_at": _at(published_at) if published_at else None,
        "published_precision": "minute" if published_at else None,
        "published_local_date": _at(published_at).date() if published_at else None,
        "date_evidence": "jsonld" if published_at else None,
        "extractor_version": "2.3.1",
        **extra,
    }


def _mention(article_id: str, start_char: int, actor_id: str, role: str | None = None, **extra: object):
    known = {
        BLINKEN: ("Antony Blinken", "person", "PER", "USA"),
        AZERBAIJAN: ("Azerbaijan", "country", "LOC", "AZE"),
        US_GOVERNMENT: ("Government of the United States", "government", "ORG", "USA"),
        UNKNOWN_ACTOR: ("Jane Doe", "person", "PER", None),
        CASPIAN_OIL: ("Caspian Oil Company", "organisation", "ORG", "AZE"),
    }
    canonical_name, actor_type, entity_class, country_code = known[actor_id]
    return {
        "mention_id": f"{article_id}-{start_char}",
        "article_id": article_id,
        "run_id": RUN_ID,
        "field": "body",
        "start_char": start_char,
        "end_char": start_char + 5,
        "sentence_index": 0,
        "surface_form": canonical_name,
        "actor_id": actor_id,
        "canonical_name": canonical_name,
        "actor_type": actor_type,
        "entity_class": entity_class,
        "country_code": country_code,
        "role": role,
        "is_known_actor": actor_id != UNKNOWN_ACTOR,
        "method": "dictionary" if actor_id != UNKNOWN_ACTOR else "pattern",
        "confidence": 0.9,
        **extra,
    }


def _fetch(url: str, source: str, status: str, fetched_at: str | None, **extra: object):
    return {
        "run_id": RUN_ID,
        "url": url,
        "canonical_url": url,
        "source_name": source,
        "discovered_via": "rss",
        "status": status,
        "attempts": 1,
        "fetched_at": _at(fetched_at) if fetched_at else None,
        **extra,
    }


def sample_raw_tables() -> dict[str, list[dict[str, object]]]:
    """Two sources, four article copies (one syndicated, one undated), roles that changed, one unknown actor.

    - a_wire and a_tass are copies of story s1, published 2024-03-01, both naming Blinken and Azerbaijan;
      a_wire also names an actor missing from the dictionary (Jane Doe).
    - a_2016 was published while Blinken was Deputy Secretary of State, though the mention says otherwise.
    - a_undated has no date and no story: the mention's own role stands.
    - Fetches: four fetched, one http_error, one already_seen without a request, and one from a source
      no longer configured.
    """
    return {
        "raw.runs": [
            {
                "run_id": RUN_ID,
                "run_date": dt.date(2024, 3, 2),
                "started_at": _at("2024-03-02 01:00:00"),
                "finished_at": _at("2024-03-02 01:30:00"),
                "status": "succeeded",
                "newsdesk_version": "0.1.0",
                "extractor_version": "2.3.1",
            }
        ],
        "raw.sources": [
            {
                "source_name": "caspianwire",
                "source_kind": "rss",
                "source_location": "https://www.caspianwire.com/rss.xml",
                "outlet_name": "Caspian Wire",
                "outlet_domain": "caspianwire.com",
                "outlet_country_code": "AZE",
                "is_state_media": False,
                "loaded_at": _at("2024-03-02 01:00:00"),
            },
            {
                "source_name": "tass",
                "source_kind": "sitemap",
                "source_location": "https://tass.com/sitemap.xml",
                "outlet_name": "TASS",
                "outlet_domain": "tass.com",
                "outlet_country_code": "RUS",
                "is_state_media": True,
                "loaded_at": _at("2024-03-02 01:00:00"),
            },
        ],
        "raw.articles": [
            _article("a_wire", "caspianwire", "s1", "2024-03-01 09:00:00"),
            _article("a_tass", "tass", "s1", "2024-03-01 14:30:00"),
            _article("a_2016", "caspianwire", "s2", "2016-06-01 12:00:00"),
            _article("a_undated", "caspianwire", None, None),
        ],
        "raw.actor_mentions": [
            _mention("a_wire", 0, BLINKEN, "Secretary of State"),
            _mention("a_wire", 40, BLINKEN, "Secretary of State"),
            _mention("a_wire", 80, AZERBAIJAN),
            _mention("a_wire", 120, UNKNOWN_ACTOR, "Spokeswoman"),
            _mention("a_tass", 0, BLINKEN, "Secretary of State"),
            _mention("a_tass", 30, AZERBAIJAN),
            _mention("a_2016", 0, BLINKEN, "Secretary of State"),
            _mention("a_undated", 0, BLINKEN, "Secretary of State"),
        ],
        "raw.countries": [
            {
                "country_code": "AZE",
                "country_code_alpha2": "AZ",
                "country_name": "Azerbaijan",
                "region": "Asia",
                "subregion": "Western Asia",
            },
            {
                "country_code": "RUS",
                "country_code_alpha2": "RU",
                "country_name": "Russian Federation",
                "region": "Europe",
                "subregion": "Eastern Europe",
            },
            {
                "country_code": "USA",
                "country_code_alpha2": "US",
                "country_name": "United States",
                "region": "Americas",
                "subregion": "Northern America",
            },
        ],
        "raw.actors": [
            {
                "actor_id": BLINKEN,
                "canonical_name": "Antony Blinken",
                "actor_type": "person",
                "entity_class": "PER",
                "country_code": "USA",
                "cameo_code": "USA",
                "wikidata_id": "Q4773467",
                "dictionary_source": "seed",
            },
            {
                "actor_id": AZERBAIJAN,
                "canonical_name": "Azerbaijan",
                "actor_type": "country",
                "entity_class": "LOC",
                "country_code": "AZE",
                "cameo_code": "AZE",
                "dictionary_source": "pycountry",
            },
            {
                "actor_id": US_GOVERNMENT,
                "canonical_name": "Government of the United States",
                "actor_type": "government",
                "entity_class": "ORG",
                "country_code": "USA",
                "cameo_code": "USAGOV",
                "dictionary_source": "pycountry",
            },
        ],
        "raw.actor_roles": [
            {
                "actor_id": BLINKEN,
                "role": "Deputy Secretary of State",
                "role_country_code": "USA",
                "cameo_code": "USAGOV",
                "valid_from": dt.date(2015, 1, 9),
                "valid_to": dt.date(2017, 1, 20),
            },
            {
                "actor_id": BLINKEN,
                "role": "Secretary of State",
                "role_country_code": "USA",
                "cameo_code": "USAGOV",
                "valid_from": dt.date(2021, 1, 26),
                "valid_to": dt.date(2025, 1, 20),
            },
        ],
        "raw.fetches": [
            _fetch(
                "https://www.caspianwire.com/a_wire?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-02 01:01:00",
                canonical_url="https://www.caspianwire.com/a_wire",
                http_status=200,
            ),
            _fetch(
                "https://www.tass.com/a_tass?utm=rss",
                "tass",
                "fetched",
                "2024-03-02 01:02:00",
                canonical_url="https://www.tass.com/a_tass",
                http_status=200,
            ),
            _fetch(
                "https://www.caspianwire.com/a_2016?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-02 01:03:00",
                canonical_url="https://www.caspianwire.com/a_2016",
                http_status=200,
            ),
            _fetch(
                "https://www.caspianwire.com/a_undated?utm=rss",
                "caspianwire",
                "fetched",
                "2024-03-02 01:04:00",
                canonical_url="https://www.caspianwire.com/a_undated",
                http_status=200,
            ),
            _fetch("https://www.tass.com/gone", "tass", "http_error", "2024-03-02 01:05:00", http_status=404),
            _fetch("https://www.tass.com/old", "tass", "already_seen", None),
            _fetch("https://www.oldwire.com/x", "oldwire", "timeout", "2024-03-02 01:06:00", attempts=3),
        ],
        "raw.date_candidates": [
            {
                "article_id": "a_wire",
                "evidence": "jsonld",
                "raw_value": "2024-03-01T09:00:00Z",
                "candidate_at": _at("2024-03-01 09:00:00"),
                "precision": "minute",
                "is_accepted": True,
            }
        ],
        "raw.date_mentions": [
            {
                "article_id": "a_wire",
                "run_id": RUN_ID,
                "start_char": 200,
                "end_char": 209,
                "sentence_index": 3,
                "phrase": "yesterday",
                "resolved_date": dt.date(2024, 2, 29),
                "precision": "day",
            }
        ],
    }

"""A small, realistic warehouse for validation and report tests: raw tables plus hand-made marts.

`build_warehouse` writes one DuckDB file holding one or more nightly runs of three fictional sources.
Tests corrupt it with plain SQL (`corrupt`) to make specific expectations fail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from flows.adapters.warehouse import apply_schema

REPO_ROOT = Path(__file__).resolve().parents[2]

SOURCES = {
    "caspianwire": ("www.caspianwire.com", "AZE"),
    "steppeherald": ("www.steppeherald.kz", "KAZ"),
    "blacksea-monitor": ("blacksea-monitor.com", "GEO"),
}
ACTORS = [
    # actor_id, canonical_name, actor_type, entity_class, country_code, cameo_code, wikidata_id
    ("per:ilham-aliyev", "Ilham Aliyev", "person", "PER", "AZE", "AZEGOV", "Q40910"),
    ("gov:KAZ", "Government of Kazakhstan", "government", "ORG", "KAZ", "KAZGOV", None),
    ("igo:eu", "European Union", "igo", "ORG", None, "IGOEUR", "Q458"),
    ("cty:GEO", "Georgia", "country", "LOC", "GEO", "GEO", "Q230"),
]
BODY_TEMPLATE = (
    "{name} met officials on {day} to discuss the new transit corridor across the Caspian region. "
    "The talks, which lasted several hours, covered customs rules, rail capacity and the timetable for "
    "a joint commission. Analysts said the agreement could double freight volumes within three years, "
    "although funding questions remain open. Officials from the European Union attended as observers "
    "and promised a follow-up meeting in the spring. Article {number} of {source}."
)
FETCHES_PER_SOURCE = 10
ARTICLES_PER_SOURCE = 8


def run_id_for(run_date: dt.date) -> str:
    return f"nightly-{run_date.isoformat()}"


def short_hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def build_warehouse(
    path: Path,
    run_dates: Sequence[dt.date],
    *,
    articles_per_source: dict[str, int] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Write the raw tables and marts for the given nights into `path` and return an open connection.

    Every source gets FETCHES_PER_SOURCE URLs per night: ARTICLES_PER_SOURCE fetched and extracted
    (unless `articles_per_source` says otherwise), one not_modified, the rest http_error 404.
    """
    connection = duckdb.connect(str(path))
    connection.execute("set TimeZone = 'UTC'")
    apply_schema(connection)
    _create_marts(connection)
    loaded_at = dt.datetime(2026, 1, 1)
    for source_name, (domain, country) in SOURCES.items():
        connection.execute(
            "insert into raw.sources values (?, 'rss', ?, ?, ?, ?, false, ?)",
            [source_name, f"https://{domain}/rss.xml", source_name.title(), domain, country, loaded_at],
        )
        connection.execute("insert into main.dim_sources values (?, ?)", [source_name, domain])
    for actor in ACTORS:
        connection.execute("insert into raw.actors values (?, ?, ?, ?, ?, ?, ?, 'seed')", list(actor))
        connection.execute("insert into main.dim_actors values (?, ?, ?, ?, ?, ?, ?, true)", list(actor))
    for run_date in run_dates:
        add_run(connection, run_date, articles_per_source=articles_per_source)
    return connection


def add_run(
    connection: duckdb.DuckDBPyConnection,
    run_date: dt.date,
    *,
    articles_per_source: dict[str, int] | None = None,
) -> str:
    """Load one clean night into the raw tables and the marts; returns its run id."""
    run_id = run_id_for(run_date)
    started = dt.datetime.combine(run_date, dt.time(2, 0))
    connection.execute(
        "insert into raw.runs values (?, ?, ?, ?, 'succeeded', '0.1.0', '2.3.1', 'sources.yaml')",
        [run_id, run_date, started, started + dt.timedelta(minutes=12)],
    )
    fetches, articles, mentions = [], [], []
    for source_name, (domain, _country) in SOURCES.items():
        wanted = (articles_per_source or {}).get(source_name, ARTICLES_PER_SOURCE)
        for number in range(FETCHES_PER_SOURCE):
            url = f"https://{domain}/news/{run_date.isoformat()}/story-{number}"
            if number < wanted:
                status, http_status, error = "fetched", 200, None
            elif number == FETCHES_PER_SOURCE - 2:
                status, http_status, error = "not_modified", 304, None
            else:
                status, http_status, error = "http_error", 404, "HTTP 404"
            fetches.append(
                {
                    "run_id": run_id,
                    "url": url,
                    "canonical_url": url,
                    "source_name": source_name,
                    "discovered_via": "rss",
                    "status": status,
                    "http_status": http_status,
                    "error": error,
                    "attempts": 1,
                    "fetched_at": started + dt.timedelta(minutes=number),
                }
            )
            if status != "fetched":
                continue
            actor = ACTORS[number % len(ACTORS)]
            title = f"{actor[1]} backs Caspian transit plan ({number})"
            body = BODY_TEMPLATE.format(
                name=actor[1], day=run_date.isoformat(), number=number, source=source_name
            )
            article_id = short_hash(url)
            published_at = started - dt.timedelta(hours=3 + number)
            articles.append(
                {
                    "article_id": article_id,
                    "canonical_url": url,
                    "url": url,
                    "source_name": source_name,
                    "source_domain": domain,
                    "run_id": run_id,
                    "first_seen_at": started,
                    "extracted_at": started + dt.timedelta(minutes=20),
                    "title": title,
                    "author": "Staff reporter",
                    "language": "en",
                    "body_text": body,
                    "word_count": len(body.split()),
                    "published_at": published_at,
                    "published_precision": "minute",
                    "date_evidence": "jsonld",
                    "extractor_version": "2.3.1",
                }
            )
            for field, text in (("title", title), ("body", body)):
                start = text.index(actor[1])
                end = start + len(actor[1])
                mentions.append(
                    {
                        "mention_id": short_hash(article_id, field, start, end),
                        "article_id": article_id,
                        "run_id": run_id,
                        "field": field,
                        "start_char": start,
                        "end_char": end,
                        "sentence_index": 0,
                        "surface_form": actor[1],
                        "actor_id": actor[0],
                        "canonical_name": actor[1],
                        "actor_type": actor[2],
                        "entity_class": actor[3],
                        "country_code": actor[4],
                        "cameo_code": actor[5],
                        "is_known_actor": True,
                        "method": "dictionary",
                        "confidence": 0.95,
                    }
                )
    _insert(connection, "raw.fetches", fetches)
    _insert(connection, "raw.articles", articles)
    _insert(connection, "raw.actor_mentions", mentions)
    refresh_marts(connection)
    return run_id


def refresh_marts(connection: duckdb.DuckDBPyConnection) -> None:
    """Rebuild fct_articles, fct_actor_mentions and fct_fetches from the raw tables, as dbt would."""
    connection.execute(
        """
        create or replace table main.fct_articles as
        select
            article_id, story_id, source_name as source_id, url, canonical_url, title, author, body_text,
            language, word_count, published_at, published_at::date as published_date, published_precision,
            date_evidence, modified_at, first_seen_at, run_id, extractor_version,
            strftime(published_at, '%Y%m%d')::integer as date_key,
        from raw.articles
        """
    )
    connection.execute(
        """
        create or replace table main.fct_actor_mentions as
        select
            mentions.mention_id, mentions.article_id, mentions.actor_id, articles.published_at::date as published_date,
            strftime(articles.published_at, '%Y%m%d')::integer as date_key, mentions.role, mentions.surface_form,
            mentions.field, mentions.start_char, mentions.end_char, mentions.sentence_index, mentions.method,
            mentions.confidence, mentions.cameo_code, mentions.country_code,
        from raw.actor_mentions as mentions
        left join raw.articles as articles on mentions.article_id = articles.article_id
        """
    )
    connection.execute(
        """
        create or replace table main.fct_fetches as
        select run_id, url, source_name as source_id, status, http_status, error, fetched_at,
        from raw.fetches
        """
    )


def corrupt(connection: duckdb.DuckDBPyConnection, statements: Iterable[str]) -> None:
    """Run SQL that breaks the warehouse on purpose (tests say what they break)."""
    for statement in statements:
        connection.execute(statement)


def _create_marts(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute("create table main.dim_sources (source_id varchar, outlet_domain varchar)")
    connection.execute(
        """
        create table main.dim_actors (
            actor_id varchar, canonical_name varchar, actor_type varchar, entity_class varchar,
            country_code varchar, cameo_code varchar, wikidata_id varchar, is_known_actor boolean
        )
        """
    )
    refresh_marts(connection)


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    frame = pd.DataFrame(rows)
    connection.register("fixture_rows", frame)
    connection.execute(f"insert into {table} by name select * from fixture_rows")
    connection.unregister("fixture_rows")

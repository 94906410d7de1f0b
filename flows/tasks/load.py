"""Load stage: write the night's rows into the raw layer of the build warehouse, keyed and idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters import warehouse
from flows.adapters.sources import Source
from flows.core.actors import ActorDictionary
from flows.core.countries import countries_frame
from flows.core.urls import source_domain
from flows.tasks.acquire import StoredPage
from flows.tasks.normalize import NormalizedNight


def read_stored_pages(build: Path, run_id: str) -> dict[str, StoredPage]:
    """Articles stored by other runs, by canonical URL, with the validators of their latest fetch: a
    nightly fetches them again only when their feed or sitemap says they changed.
    """
    with warehouse.connect(build, read_only=True) as connection:
        rows = connection.execute(
            """
            select articles.canonical_url, articles.extracted_at, latest.etag, latest.last_modified
            from raw.articles as articles
            left join (
                select canonical_url, etag, last_modified
                from raw.fetches
                where status = 'fetched'
                qualify row_number() over (partition by canonical_url order by fetched_at desc) = 1
            ) as latest on latest.canonical_url = articles.canonical_url
            where articles.run_id <> $run_id
                -- a night run again fetches again what it fetched before, even if a later run (a
                -- re-extraction) has stored the article since
                and articles.canonical_url not in (
                    select canonical_url from raw.fetches where run_id = $run_id and status = 'fetched'
                )
            """,
            {"run_id": run_id},
        ).fetchall()
    return {
        url: StoredPage(_as_utc(extracted_at), etag, last_modified)
        for url, extracted_at, etag, last_modified in rows
    }


def _as_utc(moment: dt.datetime) -> dt.datetime:
    # DuckDB returns naive timestamps; the warehouse stores UTC throughout.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def read_article_state(build: Path, *, since: dt.datetime) -> tuple[pl.DataFrame, pl.DataFrame]:
    """First-seen times of stored articles, and the recent ones (published since `since`) with their bodies
    and story ids so new syndicated copies can join their stories.
    """
    with warehouse.connect(build, read_only=True) as connection:
        first_seen = warehouse.query_frame(connection, "select article_id, first_seen_at from raw.articles")
        recent = warehouse.query_frame(
            connection,
            "select article_id, body_text, published_at, story_id from raw.articles "
            "where coalesce(published_at, first_seen_at) >= ?",
            [since],
        )
    return first_seen, recent


def archived_entries(build: Path) -> list[dict]:
    """Every page an earlier run archived, as discovery entries that point at their WARC records (the
    latest archived copy of each canonical URL), for re-extraction without the network.
    """
    with warehouse.connect(build, read_only=True) as connection:
        frame = warehouse.query_frame(
            connection,
            """
            select source_name, 'warc' as discovered_via, coalesce(final_url, url) as url, entry_title,
                entry_published_at, warc_path, warc_offset
            from raw.fetches
            where status in ('fetched', 'not_article', 'reextracted')
                and warc_path is not null and warc_offset is not null
            qualify row_number() over (partition by canonical_url order by fetched_at desc) = 1
            order by fetched_at
            """,
        )
    return frame.to_dicts()


def sources_frame(sources: list[Source], loaded_at: dt.datetime | None = None) -> pl.DataFrame:
    """`raw.sources` rows for the configured sources."""
    loaded_at = loaded_at or dt.datetime.now(dt.UTC)
    return pl.DataFrame(
        [
            {
                "source_name": source.name,
                "source_kind": source.kind,
                "source_location": source.location,
                "outlet_name": source.outlet or source.name,
                "outlet_domain": source_domain(source.url) if source.url else None,
                "outlet_country_code": source.country_code,
                "is_state_media": source.is_state_media,
                "loaded_at": loaded_at,
            }
            for source in sources
        ],
        schema={
            "source_name": pl.String,
            "source_kind": pl.String,
            "source_location": pl.String,
            "outlet_name": pl.String,
            "outlet_domain": pl.String,
            "outlet_country_code": pl.String,
            "is_state_media": pl.Boolean,
            "loaded_at": pl.Datetime("us", "UTC"),
        },
    )


@task(name="load", cache_policy=NO_CACHE)
def load_night(
    build: Path,
    *,
    run_row: dict,
    sources: pl.DataFrame | None,
    fetch_log: pl.DataFrame,
    source_discoveries: pl.DataFrame | None,
    night: NormalizedNight,
    dictionary: ActorDictionary,
) -> dict[str, int]:
    """Write one night into the raw tables in a single transaction; re-loading the same night adds no rows.

    `sources` replaces the configured sources (None keeps them, for re-extraction). Returns rows written
    per table.
    """
    logger = get_run_logger()
    run_id = run_row["run_id"]
    article_ids = night.articles.select("article_id")
    written: dict[str, int] = {}
    with warehouse.connect(build) as connection:
        connection.execute("begin transaction")
        written["raw.runs"] = warehouse.replace_rows(
            connection, "raw.runs", pl.DataFrame([run_row]), ["run_id"]
        )
        if sources is not None:
            written["raw.sources"] = warehouse.replace_where(connection, "raw.sources", sources, "true", [])
        if source_discoveries is not None:
            written["raw.source_discoveries"] = warehouse.replace_where(
                connection,
                "raw.source_discoveries",
                source_discoveries.with_columns(run_id=pl.lit(run_id)),
                "run_id = ?",
                [run_id],
            )
        written["raw.fetches"] = warehouse.replace_where(
            connection, "raw.fetches", fetch_log, "run_id = ?", [run_id]
        )
        written["raw.articles"] = warehouse.replace_rows(
            connection, "raw.articles", night.articles, ["article_id"]
        )
        for table, frame in (
            ("raw.actor_mentions", night.actor_mentions),
            ("raw.date_candidates", night.date_candidates),
            ("raw.date_mentions", night.date_mentions),
        ):
            # An article's derived rows are replaced as a whole: a re-extraction may find fewer of them.
            connection.register("reloaded_articles", article_ids.to_arrow())
            connection.execute(
                f"delete from {table} where article_id in (select article_id from reloaded_articles)"
            )
            connection.unregister("reloaded_articles")
            written[table] = warehouse.replace_where(connection, table, frame, "false", [])
        written["raw.actors"] = warehouse.replace_where(
            connection, "raw.actors", dictionary.actors, "true", []
        )
        written["raw.actor_roles"] = warehouse.replace_where(
            connection, "raw.actor_roles", dictionary.roles, "true", []
        )
        written["raw.countries"] = warehouse.replace_where(
            connection, "raw.countries", countries_frame(), "true", []
        )
        connection.execute("commit")
    logger.info("loaded %s", ", ".join(f"{table}: {count}" for table, count in written.items()))
    return written


def finish_run(build: Path, run_id: str, status: str) -> None:
    """Mark the run finished with its final status in `raw.runs`."""
    with warehouse.connect(build) as connection:
        connection.execute(
            "update raw.runs set finished_at = ?, status = ? where run_id = ?",
            [dt.datetime.now(dt.UTC), status, run_id],
        )

"""Validate one run of the warehouse with Great Expectations and store the results beside the data.

The frames come from DuckDB (raw tables and dbt marts) as pandas; `expectations.checkpoint` validates
them, and every result lands in `raw.validation_results` so analysts can query quality history.
Per-source metrics land in `raw.source_run_metrics`, the history the drift checks compare with.
Great Expectations is imported only when `run_validation` runs.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from expectations.outcome import CRITICAL, ExpectationOutcome, ValidationOutcome
from expectations.policy import (
    DRIFT_HISTORY_RUNS,
    DRIFT_MIN_HISTORY_RUNS,
    HEALTHY_FETCH_STATUSES,
    KEEP_VALIDATION_RUNS,
    SKIPPED_FETCH_STATUSES,
)

if TYPE_CHECKING:
    from expectations.checkpoint import Batch

__all__ = ["ExpectationOutcome", "ValidationOutcome", "compute_source_metrics", "run_validation"]

QUALITY_SCHEMA = Path(__file__).with_name("quality_schema.sql")
EARLIEST_PUBLISHED_AT = dt.datetime(1990, 1, 1)
DRIFT_METRICS = ("articles", "extraction_yield", "date_coverage", "mentions_per_article")
MART_TABLES = {
    "mart_articles": ("main.fct_articles", "main.dim_sources"),
    "mart_actor_mentions": ("main.fct_actor_mentions", "main.fct_articles", "main.dim_actors"),
    "mart_actors": ("main.dim_actors",),
}


def run_validation(
    database_path: Path,
    run_id: str,
    *,
    run_date: dt.date,
    gx_dir: Path,
    history_runs: int = DRIFT_HISTORY_RUNS,
    build_docs: bool = True,
    keep_runs: int = KEEP_VALIDATION_RUNS,
    defer_docs: bool = False,
) -> ValidationOutcome:
    """Validate run `run_id` in the DuckDB file, store its results and metrics, and return the outcome.

    The results are stored in the warehouse (all runs) and in the Great Expectations context in
    `gx_dir` (the newest `keep_runs` validations, with their Data Docs).

    Opens and closes its own connection (no other connection in this process may hold the file).
    Re-validating a run replaces its stored results and metrics. A mart table that does not exist
    (dbt did not build it) becomes a failed critical result instead of an exception; a missing raw
    table raises duckdb.CatalogException. With `defer_docs` the Data Docs are left for
    `expectations.checkpoint.build_deferred_docs` in this process.
    """
    from expectations.checkpoint import run_batches

    started = time.perf_counter()
    connection = duckdb.connect(str(database_path))
    try:
        connection.execute("set TimeZone = 'UTC'")
        connection.execute(QUALITY_SCHEMA.read_text())
        metrics = compute_source_metrics(connection, run_id, run_date)
        _replace_rows(connection, "raw.source_run_metrics", run_id, metrics)
        batches, missing = _batches(connection, run_id, run_date, history_runs)
        checked = run_batches(
            gx_dir, run_id, batches, build_docs=build_docs, keep_runs=keep_runs, defer_docs=defer_docs
        )
        results = (*checked.outcomes, *missing)
        _store_results(connection, run_id, results)
    finally:
        connection.close()
    return ValidationOutcome(
        run_id=run_id,
        is_success=not any(not result.is_success and result.severity == CRITICAL for result in results),
        results=results,
        elapsed_s=round(time.perf_counter() - started, 3),
        data_docs_path=checked.data_docs_path,
    )


def compute_source_metrics(
    connection: duckdb.DuckDBPyConnection, run_id: str, run_date: dt.date
) -> pd.DataFrame:
    """Count this run's URLs, fetches, failures, articles, dated articles and mentions per source.

    Sources come from `raw.sources` (configured) and from this run's fetches and articles, so a
    configured source that discovered nothing still gets a row of zeros. Rates are null where their
    denominator is zero.
    """
    ok_statuses = [*HEALTHY_FETCH_STATUSES, *SKIPPED_FETCH_STATUSES]
    return connection.execute(
        """
        with configured_sources as (
            select source_name as source_id from raw.sources
        ),

        announced as (
            -- what each source announced, before URLs announced by several sources count once
            select source_name as source_id, entries_found
            from raw.source_discoveries
            where run_id = $run_id
        ),

        fetch_counts as (
            select
                source_name as source_id,
                count(*) as discovered,
                count(*) filter (where status = 'fetched') as fetched,
                count(*) filter (where not list_contains($ok_statuses, status)) as failed,
            from raw.fetches
            where run_id = $run_id
            group by source_name
        ),

        article_counts as (
            select
                source_name as source_id,
                count(*) as articles,
                count(published_at) as articles_with_date,
            from raw.articles
            where run_id = $run_id
            group by source_name
        ),

        mention_counts as (
            select
                articles.source_name as source_id,
                count(*) as mentions,
            from raw.actor_mentions as mentions
            inner join raw.articles as articles on mentions.article_id = articles.article_id
            where articles.run_id = $run_id
            group by articles.source_name
        ),

        run_sources as (
            select source_id from configured_sources
            union
            select source_id from fetch_counts
            union
            select source_id from article_counts
        ),

        final as (
            select
                $run_id as run_id,
                $run_date::date as run_date,
                run_sources.source_id,
                coalesce(announced.entries_found, fetch_counts.discovered, 0)::integer as discovered,
                coalesce(fetch_counts.fetched, 0)::integer as fetched,
                coalesce(fetch_counts.failed, 0)::integer as failed,
                coalesce(article_counts.articles, 0)::integer as articles,
                coalesce(article_counts.articles_with_date, 0)::integer as articles_with_date,
                coalesce(mention_counts.mentions, 0)::integer as mentions,
                article_counts.articles / nullif(fetch_counts.fetched, 0) as extraction_yield,
                article_counts.articles_with_date / nullif(article_counts.articles, 0) as date_coverage,
                coalesce(mention_counts.mentions, 0) / nullif(article_counts.articles, 0)
                    as mentions_per_article,
                now()::timestamp as computed_at,
            from run_sources
            left join announced on run_sources.source_id = announced.source_id
            left join fetch_counts on run_sources.source_id = fetch_counts.source_id
            left join article_counts on run_sources.source_id = article_counts.source_id
            left join mention_counts on run_sources.source_id = mention_counts.source_id
        )

        select * from final order by source_id
        """,
        {"run_id": run_id, "run_date": run_date, "ok_statuses": ok_statuses},
    ).df()


def drift_frame(
    connection: duckdb.DuckDBPyConnection, run_id: str, run_date: dt.date, history_runs: int
) -> pd.DataFrame:
    """Compare each source's stored metrics for this run with the mean of its previous `history_runs` runs.

    Ratios are null when fewer than DRIFT_MIN_HISTORY_RUNS earlier runs exist or the baseline is 0.
    """
    baseline_columns = ",\n".join(
        f"avg(previous_runs.{metric}) as {metric}_baseline" for metric in DRIFT_METRICS
    )
    ratio_columns = ",\n".join(
        f"case when coalesce(history.history_runs, 0) >= $min_history"
        f" then current_run.{metric} / nullif(history.{metric}_baseline, 0) end as {metric}_ratio"
        for metric in DRIFT_METRICS
    )
    baseline_select = ", ".join(f"history.{metric}_baseline" for metric in DRIFT_METRICS)
    return connection.execute(
        f"""
        with current_run as (
            select * from raw.source_run_metrics where run_id = $run_id
        ),

        ranked_runs as (
            select
                *,
                row_number() over (partition by source_id order by run_date desc) as recency,
            from raw.source_run_metrics
            where run_date < $run_date::date
        ),

        previous_runs as (
            select * from ranked_runs where recency <= $history_runs
        ),

        history as (
            select
                source_id,
                count(*) as history_runs,
                {baseline_columns},
            from previous_runs
            group by source_id
        ),

        final as (
            select
                current_run.source_id,
                coalesce(history.history_runs, 0) as history_runs,
                current_run.articles::double as articles,
                current_run.extraction_yield,
                current_run.date_coverage,
                current_run.mentions_per_article,
                {baseline_select},
                {ratio_columns},
            from current_run
            left join history on current_run.source_id = history.source_id
        )

        select * from final order by source_id
        """,
        {
            "run_id": run_id,
            "run_date": run_date,
            "history_runs": history_runs,
            "min_history": DRIFT_MIN_HISTORY_RUNS,
        },
    ).df()


def _batches(
    connection: duckdb.DuckDBPyConnection, run_id: str, run_date: dt.date, history_runs: int
) -> tuple[list[Batch], list[ExpectationOutcome]]:
    from expectations.checkpoint import Batch

    metrics = connection.execute(
        "select source_id from raw.source_run_metrics where run_id = ? order by source_id", [run_id]
    ).fetchall()
    source_ids = [row[0] for row in metrics]
    params = {"run_id": run_id}
    articles = connection.execute(
        """
        select
            source_name as source_id,
            article_id,
            url,
            nullif(trim(title), '') as title,
            nullif(trim(body_text), '') as body_text,
            length(nullif(trim(body_text), '')) as body_chars,
            nullif(trim(language), '') as language,
            published_at::timestamp as published_at,
        from raw.articles
        where run_id = $run_id
        """,
        params,
    ).df()
    fetches = connection.execute(
        """
        select source_name as source_id, url, status, http_status, error,
        from raw.fetches
        where run_id = $run_id
        """,
        params,
    ).df()
    drift = drift_frame(connection, run_id, run_date, history_runs)
    announced = dict(
        connection.execute(
            "select source_name, entries_found from raw.source_discoveries where run_id = $run_id", params
        ).fetchall()
    )

    batches: list[Batch] = []
    # A re-extraction read every page from the archive: it fetched nothing whose health could be judged.
    is_reextraction = len(fetches) > 0 and bool(fetches["status"].isin(["reextracted", "not_article"]).all())
    for source_id in [] if is_reextraction else source_ids:
        source_fetches = _rows_of(fetches, source_id)
        has_announced = announced.get(source_id, 0) > 0
        # URLs a source announced but another source listed first are in that source's fetch rows: a
        # source whose every URL went that way has nothing of its own to judge.
        if has_announced and not len(source_fetches):
            continue
        min_rows = 0 if has_announced else 1
        batches.append(Batch("fetch_health", source_fetches, source_id, {"min_fetch_rows": min_rows}))
    for source_id in source_ids:
        source_articles = _rows_of(articles, source_id)
        if len(source_articles):
            batches.append(Batch("raw_extraction", source_articles, source_id))
    for row in drift.to_dict("records"):
        frame = drift[drift["source_id"] == row["source_id"]].reset_index(drop=True)
        batches.append(Batch("source_drift", frame, row["source_id"], context_row=row))

    missing: list[ExpectationOutcome] = []
    existing = {
        f"{schema}.{table}"
        for schema, table in connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }
    for suite, tables in MART_TABLES.items():
        absent = [table for table in tables if table not in existing]
        if absent:
            missing.append(_missing_tables_outcome(suite, absent))
            continue
        frame, parameters = _mart_frame(connection, suite, run_id, run_date)
        batches.append(Batch(suite, frame, None, parameters))
    return batches, missing


def _mart_frame(
    connection: duckdb.DuckDBPyConnection, suite: str, run_id: str, run_date: dt.date
) -> tuple[pd.DataFrame, dict[str, Any]]:
    params = {"run_id": run_id}
    if suite == "mart_articles":
        frame = connection.execute(
            """
            select article_id, source_id, url, run_id, published_at::timestamp as published_at,
            from main.fct_articles
            where
                run_id = $run_id
                or article_id in (select article_id from main.fct_articles where run_id = $run_id)
            """,
            params,
        ).df()
        sources = connection.execute("select distinct source_id from main.dim_sources").fetchall()
        # A page cannot be dated after the day we fetched it (+1 for time zones): that is today for a
        # backfill of an old night, whose articles may be newer than the night itself.
        fetched_by = max(run_date, dt.datetime.now(dt.UTC).date())
        latest = dt.datetime.combine(fetched_by + dt.timedelta(days=1), dt.time.max)
        fetched_row = connection.execute(
            "select count(*) from raw.fetches where run_id = $run_id and status = 'fetched'", params
        ).fetchone()
        assert fetched_row is not None  # count(*) always returns one row
        (fetched_pages,) = fetched_row
        readable_row = connection.execute(
            """
            select count(*), count(*) filter (where discovery_error is null)
            from raw.source_discoveries where run_id = $run_id
            """,
            params,
        ).fetchone()
        assert readable_row is not None
        discovered_sources, readable_sources = readable_row
        nothing_readable = discovered_sources > 0 and readable_sources == 0
        return frame, {
            # A night with nothing new is normal; pages fetched but no article is not, nor a night whose
            # every source was unreadable (a wrong path, a feed gone): that is no quiet night.
            "min_articles": 1 if fetched_pages or nothing_readable else 0,
            "known_source_ids": [row[0] for row in sources],
            "earliest_published_at": EARLIEST_PUBLISHED_AT,
            "latest_published_at": latest,
        }
    if suite == "mart_actor_mentions":
        frame = connection.execute(
            """
            with run_articles as (
                select article_id from main.fct_articles where run_id = $run_id
            ),

            run_mentions as (
                select mentions.*
                from main.fct_actor_mentions as mentions
                where
                    mentions.article_id in (select article_id from run_articles)
                    or mentions.mention_id in (select mention_id from raw.actor_mentions where run_id = $run_id)
            ),

            article_texts as (
                select
                    article_id,
                    any_value(source_id) as source_id,
                    any_value(length(title)) as title_chars,
                    any_value(length(body_text)) as body_chars,
                from main.fct_articles
                where article_id in (select article_id from run_mentions)
                group by article_id
            ),

            final as (
                select
                    run_mentions.mention_id,
                    run_mentions.article_id,
                    run_mentions.actor_id,
                    article_texts.source_id,
                    run_mentions.field,
                    run_mentions.start_char,
                    run_mentions.end_char,
                    case run_mentions.field
                        when 'body' then article_texts.body_chars
                        when 'title' then article_texts.title_chars
                    end as field_chars,
                    run_mentions.confidence,
                    run_mentions.country_code,
                    run_mentions.cameo_code,
                    -- the keys with nothing to join to, found here rather than handed to Great
                    -- Expectations as lists of every known key: it copies an expectation's parameters
                    -- each time it reads them, which took seconds at 10,000 articles and grows with
                    -- the warehouse
                    case when article_texts.article_id is null then run_mentions.article_id end
                        as unknown_article_id,
                    case when known_actors.actor_id is null then run_mentions.actor_id end as unknown_actor_id,
                from run_mentions
                left join article_texts on run_mentions.article_id = article_texts.article_id
                left join (select distinct actor_id from main.dim_actors) as known_actors
                    on run_mentions.actor_id = known_actors.actor_id
            )

            select * from final
            """,
            params,
        ).df()
        return frame, {}
    if suite == "mart_actors":
        frame = connection.execute(
            """
            select actor_id, actor_type, entity_class, country_code, cameo_code, wikidata_id,
            from main.dim_actors
            """
        ).df()
        return frame, {}
    raise KeyError(suite)


def _rows_of(frame: pd.DataFrame, source_id: str) -> pd.DataFrame:
    return frame[frame["source_id"] == source_id].reset_index(drop=True)


def _missing_tables_outcome(suite: str, tables: Sequence[str]) -> ExpectationOutcome:
    names = ", ".join(tables)
    return ExpectationOutcome(
        suite=suite,
        expectation="tables_exist",
        severity=CRITICAL,
        column=None,
        source_id=None,
        is_success=False,
        observed_value=None,
        unexpected_examples=tuple(tables),
        message=f"{names} missing: the marts were not built, so {suite} was not checked",
    )


def _replace_rows(
    connection: duckdb.DuckDBPyConnection, table: str, run_id: str, frame: pd.DataFrame
) -> None:
    """Delete the run's rows and insert the frame's, in one transaction."""
    connection.execute("begin transaction")
    try:
        connection.execute(f"delete from {table} where run_id = ?", [run_id])
        connection.register("replacement_rows", frame)
        columns = ", ".join(frame.columns)
        connection.execute(f"insert into {table} ({columns}) select {columns} from replacement_rows")
        connection.unregister("replacement_rows")
        connection.execute("commit")
    except Exception:
        connection.execute("rollback")
        raise


def _store_results(
    connection: duckdb.DuckDBPyConnection, run_id: str, results: Sequence[ExpectationOutcome]
) -> None:
    validated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    frame = pd.DataFrame(
        {
            "run_id": run_id,
            "suite": [result.suite for result in results],
            "expectation": [result.expectation for result in results],
            "source_id": pd.Series([result.source_id for result in results], dtype="object"),
            "severity": [result.severity for result in results],
            "column_name": pd.Series([result.column for result in results], dtype="object"),
            "is_success": [result.is_success for result in results],
            "observed_value": pd.Series(
                [None if result.observed_value is None else str(result.observed_value) for result in results],
                dtype="object",
            ),
            "unexpected_examples": [list(result.unexpected_examples) for result in results],
            "message": [result.message for result in results],
            "validated_at": validated_at,
        }
    )
    _replace_rows(connection, "raw.validation_results", run_id, frame)

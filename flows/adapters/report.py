"""Read a run's numbers from the warehouse and write the morning data-quality report next to the others.

Rendering is pure and lives in `flows.core.report`; this module only queries DuckDB and writes files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from expectations.outcome import ValidationOutcome
from expectations.policy import DRIFT_HISTORY_RUNS, HEALTHY_FETCH_STATUSES, SKIPPED_FETCH_STATUSES
from flows.adapters.warehouse import connect
from flows.core import report as core_report
from flows.core.report import ArticleSample, FailureReason, RunSummary, SourceYield, summary_markdown

__all__ = [
    "ReportPaths",
    "RunSummary",
    "format_console_summary",
    "summarize_run",
    "summary_markdown",
    "write_report",
]

NEWEST_ARTICLES = 12
_SAFE_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class ReportPaths:
    html_path: Path
    latest_path: Path


def summarize_run(
    database_path: Path,
    run_id: str,
    *,
    trend_runs: int = DRIFT_HISTORY_RUNS,
    published_path: Path | None = None,
) -> RunSummary:
    """Count the run's URLs, fetches, failures, articles, mentions and actors, per stage and per source.

    Opens the DuckDB file read-only and closes it. Per-source trends come from `raw.source_run_metrics`
    (written by validation) and are empty when that table does not exist. A run id with no rows gives
    a summary of zeros. `published_path` is the warehouse the summary names, when it reads a build copy.
    """
    with connect(database_path, read_only=True) as connection:
        return _summarize(connection, published_path or database_path, run_id, trend_runs)


def write_report(
    database_path: Path,
    run_id: str,
    outcome: ValidationOutcome,
    report_dir: Path,
    *,
    dbt_docs_path: Path | None = None,
    summary: RunSummary | None = None,
) -> ReportPaths:
    """Write `report_dir/<run_id>.html` and the same page as `report_dir/latest.html`; return both paths.

    Links to the Data Docs and dbt docs are relative to `report_dir`, so the folder can be copied
    together with them. Raises ValueError for a run id that is not a plain file name.
    """
    if not _SAFE_RUN_ID.match(run_id):
        raise ValueError(f"run id {run_id!r} cannot name a report file")
    summary = summary or summarize_run(database_path, run_id)
    report_dir.mkdir(parents=True, exist_ok=True)
    html = core_report.render_report_html(
        summary,
        outcome,
        data_docs_href=_relative_link(outcome.data_docs_path, report_dir),
        dbt_docs_href=_relative_link(dbt_docs_path, report_dir),
    )
    html_path = report_dir / f"{run_id}.html"
    latest_path = report_dir / "latest.html"
    for path in (html_path, latest_path):
        temporary = path.with_suffix(".html.tmp")
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(path)
    return ReportPaths(html_path=html_path, latest_path=latest_path)


def format_console_summary(summary: RunSummary, outcome: ValidationOutcome, paths: ReportPaths | None) -> str:
    """Plain text for the CLI: verdict, counts per stage, failures by reason, where the warehouse and report are."""
    return core_report.format_console_summary(
        summary,
        outcome,
        report_path=str(paths.html_path) if paths else None,
        latest_path=str(paths.latest_path) if paths else None,
    )


def _relative_link(target: Path | None, report_dir: Path) -> str | None:
    if target is None:
        return None
    relative = os.path.relpath(target.resolve(), report_dir.resolve())
    return Path(relative).as_posix()


def _summarize(
    connection: duckdb.DuckDBPyConnection, database_path: Path, run_id: str, trend_runs: int
) -> RunSummary:
    params = {
        "run_id": run_id,
        "healthy": list(HEALTHY_FETCH_STATUSES),
        "skipped": list(SKIPPED_FETCH_STATUSES),
    }
    stage_row = connection.execute(
        """
        select
            count(*) as discovered,
            count(*) filter (where status = 'fetched') as fetched,
            count(*) filter (where status = 'reextracted') as reextracted,
            count(*) filter (where status in ('not_modified', 'already_seen')) as unchanged,
            count(*) filter (where list_contains($skipped, status)) as skipped,
            count(*) filter (where not list_contains($healthy, status) and not list_contains($skipped, status))
                as failed,
        from raw.fetches
        where run_id = $run_id
        """,
        params,
    ).fetchone()
    article_row = connection.execute(
        """
        select
            (select count(*) from raw.articles where run_id = $run_id),
            count(*),
            count(distinct mentions.actor_id),
        from raw.actor_mentions as mentions
        inner join raw.articles as articles on mentions.article_id = articles.article_id
        where articles.run_id = $run_id
        """,
        {"run_id": run_id},
    ).fetchone()
    run_row = connection.execute(
        "select run_date, status from raw.runs where run_id = ?", [run_id]
    ).fetchone()
    reasons = connection.execute(
        """
        select status, count(*) as fetches, min(url) as example_url, min(error) as example_error,
        from raw.fetches
        where run_id = $run_id and not list_contains($healthy, status) and not list_contains($skipped, status)
        group by status
        order by fetches desc, status
        """,
        params,
    ).fetchall()
    newest = connection.execute(
        """
        select source_name, title, url, author, published_at::timestamp,
        from raw.articles
        where run_id = ?
        order by published_at desc nulls last, url
        limit ?
        """,
        [run_id, NEWEST_ARTICLES],
    ).fetchall()
    sources, trend_run_ids = _source_yields(connection, run_id, trend_runs)
    discovered, fetched, reextracted, unchanged, skipped, failed = stage_row or (0, 0, 0, 0, 0, 0)
    articles, mentions, actors = article_row or (0, 0, 0)
    return RunSummary(
        run_id=run_id,
        warehouse_path=str(database_path),
        discovered=discovered,
        fetched=fetched,
        reextracted=reextracted,
        unchanged=unchanged,
        skipped=skipped,
        failed=failed,
        extracted_articles=articles,
        mentions=mentions,
        actors=actors,
        run_date=run_row[0] if run_row else None,
        run_status=run_row[1] if run_row else None,
        failures_by_reason=tuple(FailureReason(*row) for row in reasons),
        sources=sources,
        newest_articles=tuple(ArticleSample(*row) for row in newest),
        trend_run_ids=trend_run_ids,
    )


def _source_yields(
    connection: duckdb.DuckDBPyConnection, run_id: str, trend_runs: int
) -> tuple[tuple[SourceYield, ...], tuple[str, ...]]:
    has_metrics = connection.execute(
        """
        select count(*) from information_schema.tables
        where table_schema = 'raw' and table_name = 'source_run_metrics'
        """
    ).fetchone()
    if not has_metrics or not has_metrics[0]:
        return (), ()
    run_ids = [
        row[0]
        for row in connection.execute(
            """
            select run_id from (
                select distinct run_id, run_date from raw.source_run_metrics
                where run_date <= (select max(run_date) from raw.source_run_metrics where run_id = $run_id)
            )
            order by run_date desc
            limit $limit
            """,
            {"run_id": run_id, "limit": trend_runs},
        ).fetchall()
    ][::-1]
    rows = connection.execute(
        """
        select source_id, run_id, discovered, fetched, failed, articles, extraction_yield, date_coverage,
            mentions_per_article,
        from raw.source_run_metrics
        where list_contains($run_ids, run_id)
        """,
        {"run_ids": run_ids},
    ).fetchall()
    by_source: dict[str, dict[str, tuple]] = {}
    for row in rows:
        by_source.setdefault(row[0], {})[row[1]] = row
    sources = []
    for source_id in sorted(by_source):
        history = by_source[source_id]
        current = history.get(run_id)
        if current is None:
            continue
        sources.append(
            SourceYield(
                source_id=source_id,
                discovered=current[2],
                fetched=current[3],
                failed=current[4],
                articles=current[5],
                extraction_yield=current[6],
                date_coverage=current[7],
                mentions_per_article=current[8],
                articles_trend=tuple(
                    float(history[past][5]) if past in history else None for past in run_ids
                ),
                yield_trend=tuple(history[past][6] if past in history else None for past in run_ids),
            )
        )
    return tuple(sources), tuple(run_ids)

"""The run's URL ledger: what discovery found and the one terminal status each URL ended with."""

from __future__ import annotations

import datetime as dt

import polars as pl

from flows.core.urls import canonicalize_url

UTC_DATETIME = pl.Datetime("us", "UTC")

ENTRY_SCHEMA: dict[str, pl.DataType] = {
    "source_name": pl.String(),
    "discovered_via": pl.String(),
    "url": pl.String(),
    "entry_title": pl.String(),
    "entry_published_at": UTC_DATETIME,
    "warc_path": pl.String(),
    "warc_offset": pl.Int64(),
    "archived_at": UTC_DATETIME,
}

OUTCOME_SCHEMA: dict[str, pl.DataType] = {
    "url": pl.String(),
    "status": pl.String(),
    "http_status": pl.Int32(),
    "final_url": pl.String(),
    "content_type": pl.String(),
    "body_bytes": pl.Int64(),
    "attempts": pl.Int32(),
    "error": pl.String(),
    "warc_record_id": pl.String(),
    "archived_path": pl.String(),
    "archived_offset": pl.Int64(),
    "etag": pl.String(),
    "last_modified": pl.String(),
    "fetched_at": UTC_DATETIME,
}

FETCH_COLUMNS = [
    "run_id", "url", "canonical_url", "source_name", "discovered_via", "entry_title", "entry_published_at",
    "status", "http_status", "final_url", "content_type", "body_bytes", "attempts", "error",
    "warc_record_id", "warc_path", "warc_offset", "etag", "last_modified", "fetched_at",
]  # fmt: skip


def _canonical_or_none(url: str) -> str | None:
    try:
        return canonicalize_url(url)
    except ValueError:
        return None


def in_window_expr(run_date: dt.date) -> pl.Expr:
    """True for entries dated on `run_date` (by feed/sitemap date, else WARC capture date) or undated:
    what a backfill of that night re-reads.
    """
    entry_date = pl.coalesce("entry_published_at", "archived_at").dt.date()
    return entry_date.is_null() | (entry_date == run_date)


def entries_frame(rows: list[dict]) -> pl.DataFrame:
    """Collect discovered entries into one frame, one row per URL (the first source to announce a URL
    keeps it, so every URL gets exactly one terminal status in the run).
    """
    frame = pl.DataFrame(rows, schema=ENTRY_SCHEMA) if rows else pl.DataFrame(schema=ENTRY_SCHEMA)
    return (
        frame.with_columns(url=pl.col("url").str.strip_chars())
        .filter(pl.col("url").str.len_chars() > 0)
        .unique(subset="url", keep="first", maintain_order=True)
        .with_columns(canonical_url=pl.col("url").map_elements(_canonical_or_none, return_dtype=pl.String))
    )


def fetch_log_frame(entries: pl.DataFrame, outcomes: list[dict], *, run_id: str) -> pl.DataFrame:
    """Join discovered entries with their outcomes into `raw.fetches` rows.

    Raises ValueError naming the URLs when an entry has no outcome or a URL has two: the ledger must
    account for every URL exactly once.
    """
    outcome_frame = pl.DataFrame(outcomes, schema=OUTCOME_SCHEMA, orient="row" if not outcomes else None)
    repeated = outcome_frame.filter(pl.col("url").is_duplicated())["url"].unique().to_list()
    if repeated:
        raise ValueError(f"URLs with more than one terminal status: {repeated[:5]}")
    log = entries.join(outcome_frame, on="url", how="left")
    missing = log.filter(pl.col("status").is_null())["url"].to_list()
    if missing:
        raise ValueError(f"URLs without a terminal status: {missing[:5]}")
    # Where the response is archived now: the run's own archive, else the WARC source it came from.
    return log.with_columns(
        run_id=pl.lit(run_id),
        warc_path=pl.coalesce("archived_path", "warc_path"),
        warc_offset=pl.coalesce("archived_offset", "warc_offset"),
    ).select(FETCH_COLUMNS)

"""Fetch stage: download every new URL politely; each URL ends with one terminal status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters.http import Fetcher, FetchResult, FetchStatus, fetch_all


@dataclass(frozen=True)
class FetchedPage:
    """A fetched HTML page with what discovery said about it."""

    url: str
    final_url: str
    source_name: str
    html: str
    fetched_at: dt.datetime
    entry_published_at: dt.datetime | None


def _outcome(result: FetchResult) -> dict:
    return {
        "url": result.url,
        "status": result.status.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "body_bytes": len(result.body) if result.body is not None else None,
        "attempts": result.attempts,
        "error": result.error,
        "fetched_at": result.fetched_at,
    }


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_pages(
    entries: pl.DataFrame, fetcher: Fetcher, seen_canonical_urls: set[str]
) -> tuple[list[dict], list[FetchedPage]]:
    """Fetch the entries not seen in an earlier run; return every URL's outcome and the fetched pages."""
    logger = get_run_logger()
    now = dt.datetime.now(dt.UTC)
    outcomes: list[dict] = []
    to_fetch: list[str] = []
    for url, canonical in zip(entries["url"], entries["canonical_url"], strict=True):
        if canonical is None:
            outcomes.append(
                {
                    "url": url,
                    "status": FetchStatus.INVALID_URL.value,
                    "attempts": 0,
                    "error": "not an absolute http(s) URL",
                    "fetched_at": now,
                }
            )
        elif canonical in seen_canonical_urls:
            outcomes.append(
                {"url": url, "status": FetchStatus.ALREADY_SEEN.value, "attempts": 0, "fetched_at": now}
            )
        else:
            to_fetch.append(url)
    by_url = {row["url"]: row for row in entries.iter_rows(named=True)}
    pages: list[FetchedPage] = []
    for count, result in enumerate(fetch_all(fetcher, to_fetch), start=1):
        outcomes.append(_outcome(result))
        if result.status == FetchStatus.FETCHED and result.text is not None:
            entry = by_url[result.url]
            pages.append(
                FetchedPage(
                    url=result.url,
                    final_url=result.final_url or result.url,
                    source_name=entry["source_name"],
                    html=result.text,
                    fetched_at=result.fetched_at,
                    entry_published_at=entry["entry_published_at"],
                )
            )
        if count % 50 == 0 or count == len(to_fetch):
            logger.info("fetched %d/%d URLs", count, len(to_fetch))
    return outcomes, pages

"""Fetch stage: get every new or changed URL's page (over HTTP, or from a WARC file) and archive it.

Each URL ends with one terminal status. Pages fetched over HTTP are appended to the run's WARC archive
so a later re-extraction never needs the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters.archive import WarcArchive, WarcReadError, read_warc_response
from flows.adapters.http import HTML_TYPES, Fetcher, FetchResult, FetchStatus, fetch_all
from flows.core.encoding import decode_html


@dataclass(frozen=True)
class FetchedPage:
    """A fetched HTML page with what discovery said about it."""

    url: str
    final_url: str
    source_name: str
    html: str
    fetched_at: dt.datetime
    entry_published_at: dt.datetime | None


@dataclass(frozen=True)
class StoredPage:
    """What the warehouse knows of a page an earlier run stored: when, and its HTTP validators."""

    extracted_at: dt.datetime
    etag: str | None
    last_modified: str | None


def _outcome(result: FetchResult, archived: tuple[str, str, int] | None) -> dict:
    record_id, path, offset = archived or (None, None, None)
    return {
        "url": result.url,
        "status": result.status.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "body_bytes": len(result.body) if result.body is not None else None,
        "attempts": result.attempts,
        "error": result.error,
        "warc_record_id": record_id,
        "archived_path": path,
        "archived_offset": offset,
        "etag": result.headers.get("etag"),
        "last_modified": result.headers.get("last-modified"),
        "fetched_at": result.fetched_at,
    }


def is_changed_since(entry_published_at: dt.datetime | None, stored: StoredPage) -> bool:
    """Tell whether a feed or sitemap date (updated, lastmod) says the page changed after we stored it."""
    return entry_published_at is not None and entry_published_at > stored.extracted_at


def read_archived_page(url: str, warc_path: str, warc_offset: int) -> FetchResult:
    """Turn a response record of a WARC file into a fetch result, as if it had just been fetched."""
    now = dt.datetime.now(dt.UTC)
    try:
        response = read_warc_response(Path(warc_path), warc_offset)
    except (OSError, WarcReadError) as error:
        return FetchResult(url=url, status=FetchStatus.CONNECTION_ERROR, fetched_at=now, error=str(error))
    fetched_at = response.archived_at or now
    media_type = (response.content_type or "").split(";")[0].strip().lower()
    if response.http_status >= 400 or response.http_status < 200:
        return FetchResult(
            url=url,
            status=FetchStatus.HTTP_ERROR,
            fetched_at=fetched_at,
            http_status=response.http_status,
            error=f"HTTP {response.http_status} (archived)",
        )
    if media_type and media_type not in HTML_TYPES:
        return FetchResult(
            url=url,
            status=FetchStatus.NOT_HTML,
            fetched_at=fetched_at,
            http_status=response.http_status,
            content_type=response.content_type,
            error=f"content type {media_type!r} is not HTML",
        )
    return FetchResult(
        url=url, status=FetchStatus.FETCHED, fetched_at=fetched_at, http_status=response.http_status,
        final_url=response.url, content_type=response.content_type, body=response.body,
        text=decode_html(response.body, response.content_type), attempts=0, headers=response.headers,
    )  # fmt: skip


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_pages(
    entries: pl.DataFrame,
    fetcher: Fetcher,
    stored: dict[str, StoredPage],
    archive: WarcArchive,
) -> tuple[list[dict], list[FetchedPage]]:
    """Fetch the entries that are new, or changed since an earlier run stored them (conditional GET).

    `stored` maps canonical URLs stored by earlier runs to what is known of them. Entries read from WARC
    files are taken from there, without network. Returns every URL's outcome and the fetched pages.
    """
    logger = get_run_logger()
    now = dt.datetime.now(dt.UTC)
    outcomes: list[dict] = []
    results: list[tuple[FetchResult, tuple[str, str, int] | None]] = []
    to_fetch: list[str] = []
    validators: dict[str, StoredPage] = {}
    for entry in entries.iter_rows(named=True):
        url, canonical = entry["url"], entry["canonical_url"]
        if canonical is None:
            outcomes.append({"url": url, "status": FetchStatus.INVALID_URL.value, "attempts": 0,
                             "error": "not an absolute http(s) URL", "fetched_at": now})  # fmt: skip
        elif canonical in stored and not is_changed_since(entry["entry_published_at"], stored[canonical]):
            outcomes.append(
                {"url": url, "status": FetchStatus.ALREADY_SEEN.value, "attempts": 0, "fetched_at": now}
            )
        elif entry["warc_path"] is not None:
            result = read_archived_page(url, entry["warc_path"], entry["warc_offset"])
            results.append((result, None))
        else:
            to_fetch.append(url)
            if canonical in stored:
                validators[url] = stored[canonical]
    if to_fetch:
        logger.info("fetching %d URLs (%d conditional)", len(to_fetch), len(validators))

    def fetch_one(url: str) -> FetchResult:
        known = validators.get(url)
        return fetcher.fetch(url, etag=known.etag if known else None,
                             last_modified=known.last_modified if known else None)  # fmt: skip

    for count, result in enumerate(fetch_all(fetcher, to_fetch, fetch=fetch_one), start=1):
        archived = None
        if result.status == FetchStatus.FETCHED and result.body is not None:
            record_id, offset = archive.record_response(
                result.final_url or result.url, result.http_status or 200, result.headers, result.body,
                result.fetched_at,
            )  # fmt: skip
            archived = (record_id, str(archive.path), offset)
        results.append((result, archived))
        if count % 100 == 0 or count == len(to_fetch):
            logger.info("fetched %d/%d URLs", count, len(to_fetch))
    by_url = {row["url"]: row for row in entries.iter_rows(named=True)}
    pages: list[FetchedPage] = []
    for result, archived in results:
        outcomes.append(_outcome(result, archived))
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
    return outcomes, pages

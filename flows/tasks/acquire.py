"""Acquire stage: fetch and extract one batch of URLs (one host's, or one WARC file's) per task.

A batch is the unit Prefect schedules, on threads by default or on a Dask cluster. Batches are cut by
host so that per-host politeness holds without shared state between workers. Inside a batch, pages go
through fetch → archive → extract in chunks, so memory stays bounded by one chunk's HTML however
large the night. Extraction runs on every core through a process pool (or inline on Dask workers,
which are processes already).
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import failpoints, progress
from flows.adapters.archive import WarcArchive, WarcReadError, read_warc_response
from flows.adapters.http import HTML_TYPES, Fetcher, FetchResult, FetchStatus, fetch_all
from flows.core.encoding import decode_html
from flows.core.pages import PageReading
from flows.settings import Settings
from flows.tasks.extraction_process import read_job
from flows.tasks.workers import WorkerProcesses


@dataclass(frozen=True)
class StoredPage:
    """What the warehouse knows of a page an earlier run stored: when, and its HTTP validators."""

    extracted_at: dt.datetime
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Batch:
    """URLs of one host (or one WARC file) to acquire in one task, with validators for conditional GETs."""

    key: str
    entries: tuple[dict, ...]
    validators: dict[str, StoredPage] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchResult:
    """Every URL's outcome, the readings of the fetched pages, and where the time went."""

    key: str
    outcomes: list[dict]
    readings: list[PageReading]
    fetch_s: float
    extract_s: float


def plan_batches(
    entries: list[dict], stored: dict[str, StoredPage], *, now: dt.datetime
) -> tuple[list[dict], list[Batch]]:
    """Decide what happens to every discovered entry: settled at once (invalid, already seen) or acquired.

    Returns the settled outcomes and the batches, one per host (per WARC file for WARC entries).
    """
    settled: list[dict] = []
    groups: dict[str, list[dict]] = {}
    validators: dict[str, dict[str, StoredPage]] = {}
    for entry in entries:
        url, canonical = entry["url"], entry["canonical_url"]
        if canonical is None:
            settled.append({"url": url, "status": FetchStatus.INVALID_URL.value, "attempts": 0,
                            "error": "not an absolute http(s) URL", "fetched_at": now})  # fmt: skip
            continue
        known = stored.get(canonical)
        if known is not None and not is_changed_since(entry["entry_published_at"], known):
            settled.append(
                {"url": url, "status": FetchStatus.ALREADY_SEEN.value, "attempts": 0, "fetched_at": now}
            )
            continue
        key = (
            f"warc:{entry['warc_path']}" if entry.get("warc_path") else (urlsplit(url).hostname or "").lower()
        )
        groups.setdefault(key, []).append(entry)
        if known is not None:
            validators.setdefault(key, {})[url] = known
    batches = [Batch(key, tuple(rows), validators.get(key, {})) for key, rows in groups.items()]
    return settled, batches


def is_changed_since(entry_published_at: dt.datetime | None, stored: StoredPage) -> bool:
    """Tell whether a feed or sitemap date (updated, lastmod) says the page changed after we stored it."""
    return entry_published_at is not None and entry_published_at > stored.extracted_at


def outcome_row(result: FetchResult, archived: tuple[str, str, int] | None) -> dict:
    """The fetch-log row of one result; `archived` is (record id, WARC path, offset) when archived."""
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


# -- extraction on every core ----------------------------------------------------------------------
# Shared within the flow process: acquisition extracts on it, normalization detects mentions on it.
EXTRACTION_PROCESSES = WorkerProcesses()


def extraction_pool(workers: int) -> Executor | None:
    """The process pool extraction shares within this process (created on first use); None for inline."""
    return EXTRACTION_PROCESSES.start(workers) if workers > 1 else None


def shutdown_extraction_pool() -> None:
    """Stop the extraction processes (once normalization, their last user, is done)."""
    EXTRACTION_PROCESSES.stop()


def extract_readings(jobs: list[tuple[str, dict]], pool: Executor | None) -> list[PageReading]:
    """Read pages in the pool (in order), or inline without one."""
    if pool is None:
        return [read_job(job) for job in jobs]
    return list(pool.map(read_job, jobs, chunksize=max(1, len(jobs) // 16)))


# -- the task ----------------------------------------------------------------------------------------
@task(name="acquire", cache_policy=NO_CACHE)
def acquire_batch(batch: Batch, settings: Settings, archive_dir: Path, extract_workers: int) -> BatchResult:
    """Fetch (or read from WARC), archive and extract one batch; every URL ends with one terminal status."""
    logger = get_run_logger()
    failpoints.reach("fetch")
    pool = extraction_pool(extract_workers)
    outcomes: list[dict] = []
    readings: list[PageReading] = []
    fetch_s = extract_s = 0.0
    archive_path = archive_dir / f"{_safe(batch.key)}-{uuid.uuid4().hex[:8]}.warc.gz"
    by_url = {entry["url"]: entry for entry in batch.entries}
    with Fetcher(settings) as fetcher, WarcArchive(archive_path) as archive:

        def fetch_one(url: str) -> FetchResult:
            entry = by_url[url]
            if entry.get("warc_path"):
                return read_archived_page(url, entry["warc_path"], entry["warc_offset"])
            known = batch.validators.get(url)
            return fetcher.fetch(url, etag=known.etag if known else None,
                                 last_modified=known.last_modified if known else None)  # fmt: skip

        urls = list(by_url)
        for start in range(0, len(urls), settings.batch_size):
            chunk = urls[start : start + settings.batch_size]
            began = time.perf_counter()
            jobs: list[tuple[str, dict]] = []
            article_urls: list[str] = []
            for result in fetch_all(fetcher, chunk, fetch=fetch_one):
                archived = None
                if (
                    result.status == FetchStatus.FETCHED
                    and result.body is not None
                    and not by_url[result.url].get("warc_path")
                ):
                    record_id, offset = archive.record_response(
                        result.final_url or result.url, result.http_status or 200, result.headers, result.body,
                        result.fetched_at,
                    )  # fmt: skip
                    archived = (record_id, str(archive_path), offset)
                outcomes.append(outcome_row(result, archived))
                if result.status == FetchStatus.FETCHED and result.text is not None:
                    entry = by_url[result.url]
                    article_urls.append(result.url)
                    jobs.append((result.text, {
                        "url": result.url, "final_url": result.final_url or result.url,
                        "source_name": entry["source_name"], "fetched_at": result.fetched_at,
                        "entry_published_at": entry["entry_published_at"],
                    }))  # fmt: skip
            fetched = time.perf_counter()
            failpoints.reach("extract")
            chunk_readings = extract_readings(jobs, pool)
            extract_s += time.perf_counter() - fetched
            fetch_s += fetched - began
            not_articles = {
                url
                for url, reading in zip(article_urls, chunk_readings, strict=True)
                if not reading.is_article
            }
            for outcome in outcomes[-len(chunk) :]:
                if outcome["url"] in not_articles:
                    outcome["status"] = FetchStatus.NOT_ARTICLE.value
            readings.extend(chunk_readings)
            progress.advance(len(chunk))
            logger.info("%s: %d/%d URLs acquired", batch.key, min(start + len(chunk), len(urls)), len(urls))
    if archive_path.exists() and archive_path.stat().st_size == 0:
        archive_path.unlink()
    return BatchResult(batch.key, outcomes, readings, fetch_s, extract_s)


def _safe(key: str) -> str:
    return (
        "".join(character if character.isalnum() or character in "-." else "_" for character in key)[:80]
        or "batch"
    )


def default_extract_workers() -> int:
    """Extraction processes to use by default: one per core."""
    return os.cpu_count() or 1

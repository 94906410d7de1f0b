"""Discover stage: ask every source which article URLs it has now."""

from __future__ import annotations

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters.http import Fetcher
from flows.adapters.sources import Source, discover
from flows.core.fetch_log import entries_frame


@task(name="discover", cache_policy=NO_CACHE)
def discover_entries(sources: list[Source], fetcher: Fetcher) -> tuple[pl.DataFrame, dict[str, str]]:
    """Return one row per discovered URL, and the sources that could not be read with the reason."""
    logger = get_run_logger()
    rows, errors = [], {}
    for source in sources:
        found = discover(source, fetcher)
        if found.error:
            errors[source.name] = found.error
            logger.warning("source %s: %s", source.name, found.error)
        rows.extend(
            {
                "source_name": source.name,
                "discovered_via": source.kind,
                "url": entry.url,
                "entry_title": entry.title,
                "entry_published_at": entry.published_at,
                "warc_path": entry.warc_path,
                "warc_offset": entry.warc_offset,
                "archived_at": entry.archived_at,
            }
            for entry in found.entries
        )
        logger.info("source %s: %d entries", source.name, len(found.entries))
    return entries_frame(rows), errors

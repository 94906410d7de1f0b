"""Discover stage: ask every source which article URLs it has now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import failpoints
from flows.adapters.http import Fetcher
from flows.adapters.sources import Source, discover
from flows.core.fetch_log import entries_frame


@dataclass(frozen=True)
class DiscoveryReport:
    """One row per discovered URL, what each source announced, and the sources that could not be read."""

    entries: pl.DataFrame
    per_source: pl.DataFrame  # raw.source_discoveries rows without run_id
    errors: dict[str, str]


@task(name="discover", cache_policy=NO_CACHE)
def discover_entries(sources: list[Source], fetcher: Fetcher) -> DiscoveryReport:
    """Ask every source for its entries; a source that cannot be read is reported, not raised."""
    logger = get_run_logger()
    failpoints.reach("discover")
    rows: list[dict[str, object]] = []
    errors: dict[str, str] = {}
    per_source: list[dict[str, object]] = []
    for source in sources:
        found = discover(source, fetcher)
        per_source.append({"source_name": source.name, "entries_found": len(found.entries),
                           "discovery_error": found.error, "discovered_at": dt.datetime.now(dt.UTC)})  # fmt: skip
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
    return DiscoveryReport(
        entries=entries_frame(rows),
        per_source=pl.DataFrame(per_source, schema=SOURCE_DISCOVERY_SCHEMA),
        errors=errors,
    )


SOURCE_DISCOVERY_SCHEMA: dict[str, pl.DataType] = {
    "source_name": pl.String(),
    "entries_found": pl.Int32(),
    "discovery_error": pl.String(),
    "discovered_at": pl.Datetime("us", "UTC"),
}

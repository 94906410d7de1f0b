"""Extract stage: trafilatura text and metadata plus publication dates for every fetched page."""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.core.pages import PageReading, read_page
from flows.tasks.fetch import FetchedPage


@task(name="extract", cache_policy=NO_CACHE)
def extract_pages(pages: list[FetchedPage]) -> list[tuple[FetchedPage, PageReading]]:
    """Read every fetched page; pages that are not articles come back with `is_article` False."""
    logger = get_run_logger()
    readings = [
        (
            page,
            read_page(
                page.html,
                url=page.url,
                final_url=page.final_url,
                source_name=page.source_name,
                fetched_at=page.fetched_at,
                entry_published_at=page.entry_published_at,
            ),
        )
        for page in pages
    ]
    articles = sum(reading.is_article for _, reading in readings)
    logger.info(
        "extracted %d pages: %d articles, %d other pages", len(readings), articles, len(readings) - articles
    )
    return readings

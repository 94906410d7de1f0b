"""The normalize stage gives the same rows whether mentions are detected inline or on the process pool."""

from __future__ import annotations

import datetime as dt
import os

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from prefect.logging import disable_run_logger

from flows.adapters.actor_dictionary import load_actor_dictionary
from flows.core.encoding import decode_html
from flows.core.pages import read_page
from flows.sample_site.pages import site_pages
from flows.settings import Settings
from flows.tasks.acquire import EXTRACTION_PROCESSES, shutdown_extraction_pool
from flows.tasks.normalize import MIN_DETECTION_CHUNK, normalize_night
from tests.flows.process_probe import has_imported, process_id

FETCHED_AT = dt.datetime(2023, 10, 2, 3, 0, tzinfo=dt.UTC)


def sample_readings(copies: int):
    """Every sample-site article page, read `copies` times under distinct URLs."""
    pages = [
        (f"https://{host}{path}", page)
        for host, by_path in site_pages().items()
        for path, page in by_path.items()
        if page.status == 200 and page.content_type.startswith("text/html")
    ]
    readings = []
    for copy in range(copies):
        for url, page in pages:
            html = decode_html(page.body, page.content_type)
            copy_url = f"{url.rstrip('/')}-copy{copy}/" if url.endswith("/") else f"{url}?copy={copy}"
            reading = read_page(
                html, url=copy_url, final_url=copy_url, source_name="sample", fetched_at=FETCHED_AT,
                entry_published_at=None,
            )  # fmt: skip
            if reading.is_article:
                readings.append(reading)
    return readings


@pytest.mark.slow
def test_pool_detection_equals_inline_detection():
    readings = sample_readings(copies=7)
    assert len(readings) > 2 * MIN_DETECTION_CHUNK  # enough for several chunks on two workers
    dictionary = load_actor_dictionary(Settings().dbt_project_dir / "seeds")
    empty_first_seen = pl.DataFrame(
        schema={"article_id": pl.String, "first_seen_at": pl.Datetime("us", "UTC")}
    )
    empty_stories = pl.DataFrame(
        schema={
            "article_id": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "story_id": pl.String,
        }
    )

    def normalize(workers: int):
        with disable_run_logger():
            return normalize_night.fn(
                readings, run_id="nightly-2023-10-02", dictionary=dictionary,
                stored_first_seen=empty_first_seen, recent_stories=empty_stories, workers=workers,
            )  # fmt: skip

    inline = normalize(1)
    try:
        pooled = normalize(2)
        # the workers found the detection function without importing Prefect (57 MB and 1.1 s each)
        assert EXTRACTION_PROCESSES.call(process_id) != os.getpid()
        assert EXTRACTION_PROCESSES.call(has_imported, "flows.core.actors")
        assert not EXTRACTION_PROCESSES.call(has_imported, "prefect")
    finally:
        shutdown_extraction_pool()
    assert inline.actor_mentions.height > 1000
    # extracted_at is the clock at normalization
    assert_frame_equal(pooled.articles.drop("extracted_at"), inline.articles.drop("extracted_at"))
    for name in ("actor_mentions", "date_candidates", "date_mentions"):
        pooled_rows, inline_rows = getattr(pooled, name), getattr(inline, name)
        assert_frame_equal(pooled_rows.sort(pooled_rows.columns), inline_rows.sort(inline_rows.columns))

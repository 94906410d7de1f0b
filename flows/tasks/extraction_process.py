"""What the extraction processes run (see flows.tasks.acquire and flows.tasks.normalize).

A function reaches a worker process by name, and the process imports its module to find it: these live
apart from the Prefect tasks so that the processes do not import Prefect, which cost each of them about
57 MB and 1.1 s of CPU (`import flows.tasks.acquire` against `import flows.core.pages`, /usr/bin/time).
"""

from __future__ import annotations

import polars as pl

from flows.core.actors import ActorDictionary, detect_mentions
from flows.core.dates import date_mentions_frame
from flows.core.pages import PageReading, read_page


def read_job(job: tuple[str, dict]) -> PageReading:
    """Read one fetched page: `job` is its HTML and `read_page`'s keyword arguments."""
    html, fields = job
    return read_page(html, **fields)


def detect_chunk(texts: pl.DataFrame, dictionary: ActorDictionary) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Actor mentions and date mentions of a chunk of articles."""
    return (
        detect_mentions(texts, dictionary),
        date_mentions_frame(texts.select("article_id", "run_id", "body_text", "published_at")),
    )

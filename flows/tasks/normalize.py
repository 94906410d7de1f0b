"""Normalize stage: article rows, story clusters, actor mentions and date mentions, all in polars."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.core.actors import ActorDictionary
from flows.core.articles import keep_earliest_first_seen, normalize_articles, pages_frame
from flows.core.pages import PageReading
from flows.core.stories import assign_story_ids
from flows.tasks.acquire import extraction_pool
from flows.tasks.extraction_process import detect_chunk

# Articles per detect_mentions call: its candidate spans take about 120 MB per 1,000 articles, held by
# every worker at once, so chunks stay between these bounds.
DETECTION_CHUNK = 500
MIN_DETECTION_CHUNK = 100  # smaller chunks cost more in process hand-over than they save


@dataclass(frozen=True)
class NormalizedNight:
    """Everything the load stage writes for the articles of one run."""

    articles: pl.DataFrame
    actor_mentions: pl.DataFrame
    date_candidates: pl.DataFrame
    date_mentions: pl.DataFrame


@task(name="normalize", cache_policy=NO_CACHE)
def normalize_night(
    readings: list[PageReading],
    *,
    run_id: str,
    dictionary: ActorDictionary,
    stored_first_seen: pl.DataFrame,
    recent_stories: pl.DataFrame,
    workers: int = 1,
) -> NormalizedNight:
    """Build the night's article, mention and date rows from the extracted pages.

    `stored_first_seen` (article_id, first_seen_at) keeps first-seen times from earlier runs;
    `recent_stories` (article_id, body_text, published_at, story_id) lets new copies join stories that
    earlier runs stored. With `workers` > 1, actor and date mentions are detected in chunks on the
    extraction process pool (every core); story clustering, sequential by nature, runs here meanwhile.
    """
    logger = get_run_logger()
    article_readings = [reading for reading in readings if reading.is_article]
    articles = normalize_articles(
        pages_frame([reading.record for reading in article_readings]),
        run_id=run_id,
        extracted_at=dt.datetime.now(dt.UTC),
    )
    articles = keep_earliest_first_seen(articles, stored_first_seen)
    # Detection expands every text into candidate spans: chunks keep that working set small.
    texts = articles.select("article_id", "run_id", "title", "body_text", "published_at")
    chunk_size = max(MIN_DETECTION_CHUNK, min(DETECTION_CHUNK, math.ceil(texts.height / max(workers, 1))))
    chunks = list(texts.iter_slices(chunk_size)) or [texts]
    pool = extraction_pool(workers) if len(chunks) > 1 else None
    # A pool's map submits every chunk now and clustering below runs meanwhile; inline, map is lazy and
    # detection runs when the results are read.
    detected = (pool.map if pool else map)(detect_chunk, chunks, itertools.repeat(dictionary))
    if articles.is_empty():  # no new copy to place: stored stories need no re-clustering
        recent_stories = recent_stories.clear()
    clustered = assign_story_ids(
        pl.concat(
            [
                articles.select(
                    "article_id", "body_text", "published_at", pl.lit(None, pl.String).alias("story_id")
                ),
                recent_stories.filter(~pl.col("article_id").is_in(articles["article_id"].implode())),
            ],
            how="vertical_relaxed",
        )
    )
    articles = articles.drop("story_id").join(clustered.select("article_id", "story_id"), on="article_id")
    article_ids = set(articles["article_id"])
    candidates = pl.DataFrame(
        [
            row
            for reading in article_readings
            for row in reading.date_candidates
            if row["article_id"] in article_ids
        ],
        schema={
            "article_id": pl.String,
            "evidence": pl.String,
            "raw_value": pl.String,
            "candidate_at": pl.Datetime("us", "UTC"),
            "precision": pl.String,
            "is_accepted": pl.Boolean,
            "reject_reason": pl.String,
        },
    ).unique(subset=["article_id", "evidence", "raw_value"], keep="first")
    chunk_mentions, chunk_dates = zip(*detected, strict=True)
    mentions = pl.concat(chunk_mentions)
    date_mentions = pl.concat(chunk_dates)
    logger.info(
        "normalized %d articles in %d stories: %d actor mentions, %d date mentions",
        articles.height,
        articles["story_id"].n_unique(),
        mentions.height,
        date_mentions.height,
    )
    return NormalizedNight(articles, mentions, candidates, date_mentions)

"""Shape extracted pages into article rows: identities, hashes, counts and dates, in polars batches."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from flows.core.urls import article_id, canonicalize_url, source_domain

UTC_DATETIME = pl.Datetime("us", "UTC")

# One row per extracted page, as the extract stage hands them over.
PAGE_SCHEMA: dict[str, pl.DataType] = {
    "url": pl.String(),
    "final_url": pl.String(),
    "source_name": pl.String(),
    "fetched_at": UTC_DATETIME,
    "title": pl.String(),
    "author": pl.String(),
    "description": pl.String(),
    "sitename": pl.String(),
    "hostname": pl.String(),
    "language": pl.String(),
    "body_text": pl.String(),
    "published_at": UTC_DATETIME,
    "published_precision": pl.String(),
    "published_local_date": pl.Date(),
    "date_evidence": pl.String(),
    "modified_at": UTC_DATETIME,
    "extractor_version": pl.String(),
}

ARTICLE_COLUMNS = [
    "article_id", "canonical_url", "url", "final_url", "source_name", "source_domain", "run_id",
    "first_seen_at", "extracted_at", "title", "author", "description", "sitename", "hostname", "language",
    "body_text", "word_count", "content_hash", "story_id", "published_at", "published_precision",
    "published_local_date", "date_evidence", "modified_at", "extractor_version",
]  # fmt: skip


def pages_frame(records: list[dict]) -> pl.DataFrame:
    """Build the page frame from extract-stage records; missing keys become nulls, unknown keys raise."""
    return pl.DataFrame(records, schema=PAGE_SCHEMA, orient="row" if not records else None)


def normalized_text_expr(column: str) -> pl.Expr:
    """Lowercase text with whitespace runs collapsed: what two copies of one text have in common."""
    return pl.col(column).fill_null("").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def word_count_expr(column: str) -> pl.Expr:
    """Number of words (runs of word characters) in a text column; 0 for null."""
    return pl.col(column).fill_null("").str.count_matches(r"\w+").cast(pl.Int32)


def normalize_articles(pages: pl.DataFrame, *, run_id: str, extracted_at: dt.datetime) -> pl.DataFrame:
    """Turn extracted pages into `raw.articles` rows keyed by the canonical URL of the page's final URL.

    The canonical URL comes from the final URL after redirects (else the requested one); pages whose URL
    cannot be canonicalized raise ValueError naming the URL. When several pages share a canonical URL the
    latest fetch wins. `first_seen_at` is this fetch; the load stage keeps an earlier one already stored.
    `story_id` is left null for `assign_story_ids`, which clusters syndicated copies.
    """
    if pages.is_empty():
        return pl.DataFrame(schema=articles_schema())
    canonical = [
        canonicalize_url(final or url) for url, final in zip(pages["url"], pages["final_url"], strict=True)
    ]
    frame = (
        pages.with_columns(
            canonical_url=pl.Series(canonical, dtype=pl.String),
        )
        .with_columns(
            article_id=pl.col("canonical_url").map_elements(article_id, return_dtype=pl.String),
            source_domain=pl.col("canonical_url").map_elements(source_domain, return_dtype=pl.String),
            run_id=pl.lit(run_id),
            first_seen_at=pl.col("fetched_at"),
            extracted_at=pl.lit(extracted_at, dtype=UTC_DATETIME),
            word_count=word_count_expr("body_text"),
            content_hash=normalized_text_expr("body_text").map_elements(_sha256_hex, return_dtype=pl.String),
        )
        .sort("fetched_at")
        .unique(subset="article_id", keep="last", maintain_order=True)
        .with_columns(story_id=pl.lit(None, dtype=pl.String))
    )
    return frame.select(ARTICLE_COLUMNS)


def _sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def articles_schema() -> dict[str, pl.DataType]:
    """The polars schema of `raw.articles` rows."""
    page = PAGE_SCHEMA
    return {
        "article_id": pl.String(), "canonical_url": pl.String(), "url": pl.String(), "final_url": pl.String(),
        "source_name": pl.String(), "source_domain": pl.String(), "run_id": pl.String(),
        "first_seen_at": UTC_DATETIME, "extracted_at": UTC_DATETIME,
        **{column: page[column] for column in ("title", "author", "description", "sitename", "hostname",
                                               "language", "body_text")},
        "word_count": pl.Int32(), "content_hash": pl.String(), "story_id": pl.String(),
        "published_at": UTC_DATETIME, "published_precision": pl.String(),
        "published_local_date": pl.Date(), "date_evidence": pl.String(),
        "modified_at": UTC_DATETIME, "extractor_version": pl.String(),
    }  # fmt: skip


def keep_earliest_first_seen(articles: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """Replace `first_seen_at` with the stored one where the warehouse saw the article earlier.

    `stored` has columns article_id, first_seen_at (the articles already in the warehouse).
    """
    return (
        articles.join(stored.rename({"first_seen_at": "stored_first_seen_at"}), on="article_id", how="left")
        .with_columns(first_seen_at=pl.min_horizontal("first_seen_at", "stored_first_seen_at"))
        .drop("stored_first_seen_at")
    )

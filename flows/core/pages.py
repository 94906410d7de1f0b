"""Read one fetched page: extract its text and metadata, then resolve its publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flows.core.dates import published_stated_date, resolve_published_date
from flows.core.extraction import EXTRACTOR_VERSION, extract_page, parse_page, read_extractor_date
from flows.core.urls import article_id, canonicalize_url


@dataclass(frozen=True)
class PageReading:
    """An extracted page as a record for `pages_frame`, its date candidates, and the article verdict."""

    record: dict
    date_candidates: list[dict]
    is_article: bool


def read_page(
    html: str,
    *,
    url: str,
    final_url: str,
    source_name: str,
    fetched_at: dt.datetime,
    entry_published_at: dt.datetime | None,
) -> PageReading:
    """Extract one page and resolve its publication date from every piece of evidence it carries.

    Never raises on bad HTML: an unreadable page comes back with `is_article` False. Raises ValueError
    naming the URL only when `final_url` is not an absolute http(s) URL.
    """
    # One parse for both: extraction works on its own copy, and the date reading, last, may strip this one.
    tree = parse_page(html)
    page = extract_page(html if tree is None else tree, final_url)
    dates = resolve_published_date(
        html if tree is None else tree,
        final_url,
        extractor_date=lambda: read_extractor_date(html, final_url),  # the last resort: read only if needed
        feed_published_at=entry_published_at,
        fetched_at=fetched_at,
    )
    record = {
        "url": url,
        "final_url": final_url,
        "source_name": source_name,
        "fetched_at": fetched_at,
        "title": page.title,
        "author": page.author,
        "description": page.description,
        "sitename": page.sitename,
        "hostname": page.hostname,
        "language": page.language,
        "body_text": page.body_text,
        "published_at": dates.published_at,
        "published_precision": dates.precision,
        "published_local_date": published_stated_date(dates),
        "date_evidence": dates.evidence,
        "modified_at": dates.modified_at,
        "extractor_version": EXTRACTOR_VERSION,
    }
    page_article_id = article_id(canonicalize_url(final_url))
    candidates = [
        {
            "article_id": page_article_id,
            "evidence": candidate.evidence,
            "raw_value": candidate.raw_value,
            "candidate_at": candidate.candidate_at,
            "precision": candidate.precision,
            "is_accepted": candidate.is_accepted,
            "reject_reason": candidate.reject_reason,
        }
        for candidate in dates.candidates
    ]
    return PageReading(record=record, date_candidates=candidates, is_article=page.is_article)

import datetime as dt

import polars as pl
import pytest

from flows.core.articles import ARTICLE_COLUMNS, keep_earliest_first_seen, normalize_articles, pages_frame
from flows.core.urls import article_id

FETCHED = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


def page(**values):
    return {
        "url": "http://www.caspianwire.com/a/?utm_source=rss",
        "final_url": "http://www.caspianwire.com/a/?utm_source=rss",
        "source_name": "caspianwire",
        "fetched_at": FETCHED,
        "title": "Title",
        "body_text": "Three short words.",
        "published_at": dt.datetime(2023, 9, 20, 7, 15, tzinfo=dt.UTC),
        "extractor_version": "trafilatura-2.3.1",
        **values,
    }


def test_articles_are_keyed_by_the_canonical_final_url():
    articles = normalize_articles(pages_frame([page()]), run_id="nightly-2026-11-28", extracted_at=FETCHED)
    row = articles.row(0, named=True)
    assert articles.columns == ARTICLE_COLUMNS
    assert row["canonical_url"] == "http://www.caspianwire.com/a/"
    assert row["article_id"] == article_id("http://www.caspianwire.com/a/")
    assert row["source_domain"] == "caspianwire.com"
    assert row["word_count"] == 3
    assert row["first_seen_at"] == FETCHED
    assert row["story_id"] is None


def test_two_urls_redirecting_to_one_page_give_one_article_the_latest_fetch_wins():
    later = FETCHED + dt.timedelta(minutes=5)
    pages = pages_frame(
        [
            page(
                url="http://www.caspianwire.com/old", final_url="http://www.caspianwire.com/a/", title="old"
            ),
            page(
                url="http://www.caspianwire.com/a/",
                final_url="http://www.caspianwire.com/a/",
                title="new",
                fetched_at=later,
            ),
        ]
    )
    articles = normalize_articles(pages, run_id="r", extracted_at=later)
    assert articles.height == 1
    assert articles["title"].to_list() == ["new"]


def test_content_hash_ignores_case_and_whitespace():
    articles = normalize_articles(
        pages_frame(
            [
                page(url="http://a.com/1", final_url=None, body_text="Hello   World"),
                page(url="http://a.com/2", final_url=None, body_text="hello world"),
            ]
        ),
        run_id="r",
        extracted_at=FETCHED,
    )
    assert articles["content_hash"].n_unique() == 1


def test_a_bad_url_is_named_in_the_error():
    with pytest.raises(ValueError, match="not-a-url"):
        normalize_articles(
            pages_frame([page(url="not-a-url", final_url=None)]), run_id="r", extracted_at=FETCHED
        )


def test_first_seen_keeps_the_earlier_stored_time():
    articles = normalize_articles(pages_frame([page()]), run_id="r", extracted_at=FETCHED)
    earlier = FETCHED - dt.timedelta(days=3)
    stored = pl.DataFrame({"article_id": articles["article_id"], "first_seen_at": [earlier]})
    assert keep_earliest_first_seen(articles, stored)["first_seen_at"].to_list() == [earlier]
    nothing_stored = stored.clear()
    assert keep_earliest_first_seen(articles, nothing_stored)["first_seen_at"].to_list() == [FETCHED]


def test_no_pages_give_an_empty_frame_with_the_article_columns():
    assert normalize_articles(pages_frame([]), run_id="r", extracted_at=FETCHED).columns == ARTICLE_COLUMNS

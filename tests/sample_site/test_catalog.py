"""The catalog has what the end-to-end tests rely on: enough articles, days, outlets and special cases."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from flows.sample_site.server import catalog, non_article_entries, outlets

# sha256 of the project's seed article (shared/seed-article.txt), whose text the wire agency publishes.
SEED_SHA256 = "0de5779100258ffc3726b42fd6d2d04cfea13ad3a7b2401b0ad12103fd80efe2"


def test_catalog_is_big_enough_and_spread_over_days_and_outlets() -> None:
    articles = catalog()
    assert len(articles) >= 32
    assert len({article.published_date for article in articles}) >= 6
    assert len(outlets()) >= 4
    assert {article.outlet_hostname for article in articles} == {outlet.hostname for outlet in outlets()}
    assert len({article.url for article in articles}) == len(articles)


def test_every_article_is_news_length_prose() -> None:
    for article in catalog():
        words = len(article.text.split())
        assert 150 <= words <= 500, (article.url, words)
        assert article.title and article.summary and article.authors, article.url


def test_urls_are_absolute_on_the_outlets_own_realistic_hostname() -> None:
    for article in catalog():
        assert article.url == f"http://{article.outlet_hostname}{article.path}"
        assert article.outlet_hostname.rsplit(".", 1)[1] in {"com", "org", "net"}


def test_outlets_have_the_fields_the_pipeline_needs() -> None:
    kinds = Counter(feed.kind for outlet in outlets() for feed in outlet.feeds)
    assert kinds["rss"] >= 1 and kinds["atom"] >= 1 and kinds["sitemap"] >= 1
    assert any(outlet.is_state_media for outlet in outlets())
    for outlet in outlets():
        assert len(outlet.country_code) == 3 and outlet.country_code.isupper()
        assert outlet.feed_urls and all(
            url.startswith(f"http://{outlet.hostname}/") for url in outlet.feed_urls
        )


def test_the_seed_article_is_the_projects_seed_text_from_the_wire_agency() -> None:
    seeds = [article for article in catalog() if article.is_seed]
    assert len(seeds) == 1
    seed = seeds[0]
    assert hashlib.sha256(seed.text.encode("utf-8")).hexdigest() == SEED_SHA256
    assert seed.outlet_hostname == "www.caspianwire.com"
    assert "Blinken" in seed.title and "setback" in seed.title
    assert isinstance(seed.published, dt.datetime) and seed.published.tzinfo is not None
    assert seed.published_date == dt.date(2023, 9, 20)


def test_times_vary_and_no_article_changes_day_in_utc() -> None:
    timed = [article.published for article in catalog() if isinstance(article.published, dt.datetime)]
    assert len({when.utcoffset() for when in timed}) >= 4
    # A pipeline that stores UTC and one that stores local time must agree on the publication day.
    for when in timed:
        assert when.astimezone(dt.UTC).date() == when.date(), when


def test_one_story_is_syndicated_as_a_near_duplicate() -> None:
    groups = Counter(article.syndicated_group for article in catalog() if article.syndicated_group)
    assert list(groups.values()) == [2]
    first, second = (article for article in catalog() if article.syndicated_group)
    assert first.outlet_hostname != second.outlet_hostname
    assert first.title != second.title
    assert first.text != second.text
    assert first.text in second.text or second.text in first.text


def test_one_article_is_not_in_english() -> None:
    foreign = [article for article in catalog() if article.language != "en"]
    assert len(foreign) == 1
    assert foreign[0].language in {"de", "fr"}


def test_one_article_has_its_date_only_in_the_body_text() -> None:
    (article,) = (article for article in catalog() if article.is_date_only_in_text)
    assert type(article.published) is dt.date
    assert "on 22 September 2023" in article.text
    assert article.published == dt.date(2023, 9, 22)
    assert not any(ch.isdigit() for ch in article.path)


def test_expected_actors_are_named_in_the_text() -> None:
    for article in catalog():
        assert article.actors, article.url
        for actor in article.actors:
            assert actor in article.text, (article.url, actor)


def test_non_article_entries_cover_a_removed_page_and_a_tag_index() -> None:
    entries = {entry.kind: entry for entry in non_article_entries()}
    assert entries["missing"].status == 404
    assert entries["tag_index"].url.endswith("/tag/diplomacy/")
    article_urls = {article.url for article in catalog()}
    assert not article_urls & {entry.url for entry in non_article_entries()}

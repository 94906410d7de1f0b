"""trafilatura gets each outlet template right: the body without boilerplate, and the title."""

from __future__ import annotations

import re

import pytest
import trafilatura
from trafilatura.settings import Document

from flows.sample_site.catalog import CatalogArticle, outlet_configs
from flows.sample_site.server import catalog, outlets
from tests.sample_site.conftest import Fetch


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def extract(fetch: Fetch, article: CatalogArticle) -> Document:
    html = fetch(article.url).text
    document = trafilatura.bare_extraction(html, url=article.url, with_metadata=True)
    assert isinstance(document, Document), article.url
    return document


def first_article(hostname: str) -> CatalogArticle:
    return next(article for article in catalog() if article.outlet_hostname == hostname)


def test_newspaper_body_comes_without_comments_most_read_or_cookie_banner(fetch: Fetch) -> None:
    article = first_article("www.dailymeridian.com")
    page = fetch(article.url).text
    document = extract(fetch, article)
    text = squash(document.text)
    assert squash(article.paragraphs[1]) in text
    comments = [comment["text"] for config in outlet_configs() for comment in config.get("comments", [])]
    shown = [comment for comment in comments if comment in page]
    assert len(shown) == 3
    for comment in shown:
        assert comment not in text
    for boilerplate in (
        "Most read",
        "We use cookies",
        "Sign up to The Morning Meridian",
        "More on this story",
    ):
        assert boilerplate in page
        assert boilerplate not in text
    assert document.title == article.title


def test_wire_agency_title_and_date_come_from_its_metadata(fetch: Fetch) -> None:
    (seed,) = (article for article in catalog() if article.is_seed)
    document = extract(fetch, seed)
    assert document.title == seed.title
    assert document.date == "2023-09-20"
    assert squash(seed.paragraphs[0]) in squash(document.text)


@pytest.mark.parametrize("hostname", [outlet.hostname for outlet in outlets()])
def test_every_article_of_each_template_extracts_to_its_body_and_title(fetch: Fetch, hostname: str) -> None:
    for article in (article for article in catalog() if article.outlet_hostname == hostname):
        document = extract(fetch, article)
        assert squash(document.title) == squash(article.title), article.url
        assert squash(document.text) == squash(article.text), article.url

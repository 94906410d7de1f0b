"""Reading one fetched page: one parse serves extraction and dates; trafilatura's date is the last resort."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from flows.core.dates import resolve_published_date
from flows.core.extraction import extract_page, parse_page
from flows.core.pages import read_page

FETCHED_AT = dt.datetime(2023, 9, 25, 6, 0, tzinfo=dt.UTC)
URL = "https://www.caspianwire.com/news/talks-resume"
BODY = "<p>" + " ".join(["Negotiators met again in Geneva to discuss the border."] * 12) + "</p>"


def read(dated_markup: str):
    html = (
        "<html><head><title>Talks resume</title>"
        f"</head><body><article><h1>Talks resume</h1>{dated_markup}{BODY}</article></body></html>"
    )
    return read_page(
        html, url=URL, final_url=URL, source_name="s", fetched_at=FETCHED_AT, entry_published_at=None
    )


def test_a_page_dated_by_its_own_evidence_records_no_extractor_candidate() -> None:
    reading = read('<meta property="article:published_time" content="2023-09-21T06:15:00Z">')

    assert reading.record["date_evidence"] == "meta"
    assert [candidate["evidence"] for candidate in reading.date_candidates] == ["meta"]


def test_a_page_only_htmldate_can_date_gets_the_extractor_date() -> None:
    reading = read('<div id="timestamp">2023/09/19</div>')

    assert reading.record["published_at"] == dt.datetime(2023, 9, 19, tzinfo=dt.UTC)
    assert reading.record["date_evidence"] == "extractor"
    assert [(c["evidence"], c["is_accepted"]) for c in reading.date_candidates] == [("extractor", True)]


def test_a_page_nothing_dates_has_no_date() -> None:
    reading = read("")

    assert reading.record["published_at"] is None
    assert reading.date_candidates == []


def sample_article_pages() -> list[tuple[str, str]]:
    from flows.core.encoding import decode_html
    from flows.sample_site.pages import site_pages

    return [
        (f"https://{host}{path}", decode_html(page.body, page.content_type))
        for host, by_path in site_pages().items()
        for path, page in by_path.items()
        if page.status == 200 and page.content_type.startswith("text/html")
    ]


def test_extraction_leaves_the_shared_tree_as_it_found_it() -> None:
    for url, html in sample_article_pages()[:10]:
        tree = parse_page(html)
        before = etree.tostring(tree)

        extract_page(tree, url)

        assert etree.tostring(tree) == before, url


def test_dates_read_from_the_shared_tree_equal_dates_read_from_the_html() -> None:
    pages = sample_article_pages()
    assert len(pages) > 20
    for url, html in pages:
        from_html = resolve_published_date(
            html, url, extractor_date=None, feed_published_at=None, fetched_at=FETCHED_AT
        )
        from_tree = resolve_published_date(
            parse_page(html), url, extractor_date=None, feed_published_at=None, fetched_at=FETCHED_AT
        )
        assert from_tree == from_html, url

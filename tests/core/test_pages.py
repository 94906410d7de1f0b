"""Reading one fetched page: trafilatura's own date is the last resort, read only when nothing else dates it."""

from __future__ import annotations

import datetime as dt

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

"""Publication-date resolution: each evidence kind, time zones, precision, rejections, priority, modified_at."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from flows.core.date_parsing import parse_date_text, parse_date_value
from flows.core.dates import DateResolution, published_stated_date, resolve_published_date

FETCHED_AT = datetime(2023, 9, 25, 6, 0, tzinfo=UTC)
PLAIN_URL = "https://www.caspianwire.com/news/talks-resume"


def page(head: str = "", body: str = "<p>Nothing dated here.</p>") -> str:
    return f"<html><head><title>Talks resume</title>{head}</head><body>{body}</body></html>"


def resolve(html: str, url: str = PLAIN_URL, **kwargs) -> DateResolution:
    options = {"extractor_date": None, "feed_published_at": None, "fetched_at": FETCHED_AT} | kwargs
    return resolve_published_date(html, url, **options)


def accepted(resolution: DateResolution):
    return [candidate for candidate in resolution.candidates if candidate.is_accepted]


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ('<meta property="article:published_time" content="2023-09-21T10:15:00+04:00">', ""),
        ('<meta name="parsely-pub-date" content="2023-09-21T10:15:00+04:00">', ""),
        ('<meta name="sailthru.date" content="2023-09-21 06:15:00 UTC">', ""),
        ('<meta name="DC.date" content="2023-09-21T06:15:00Z">', ""),
        ('<meta itemprop="datePublished" content="2023-09-21T06:15:00Z">', ""),
        (
            "",
            '<article><header><time datetime="2023-09-21T06:15:00Z">21 Sep</time></header><p>x</p></article>',
        ),
        ("", '<span itemprop="datePublished" content="2023-09-21T06:15Z">Sept 21</span>'),
    ],
)
def test_meta_and_markup_evidence_resolve_to_the_utc_minute(head: str, body: str) -> None:
    resolution = resolve(page(head, body))

    assert resolution.published_at == datetime(2023, 9, 21, 6, 15, tzinfo=UTC)
    assert resolution.precision == "minute"
    assert resolution.evidence == "meta"


def test_jsonld_inside_graph_is_read_and_converted_to_utc() -> None:
    script = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Caspian Wire"},
        {"@type": "NewsArticle", "headline": "Talks", "datePublished": "2023-09-21T23:30:00-05:00",
         "dateModified": "2023-09-22T08:00:00-05:00"}]}</script>"""

    resolution = resolve(page(script))

    assert resolution.evidence == "jsonld"
    assert resolution.published_at == datetime(2023, 9, 22, 4, 30, tzinfo=UTC)
    assert resolution.modified_at == datetime(2023, 9, 22, 13, 0, tzinfo=UTC)
    assert published_stated_date(resolution) == date(2023, 9, 21)  # the newsroom's own day


def test_jsonld_article_outranks_jsonld_of_listed_items() -> None:
    script = """<script type="application/ld+json">[
        {"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle", "datePublished": "2023-09-01"}]},
        {"@type": "NewsArticle", "datePublished": "2023-09-20"}]</script>"""

    assert resolve(page(script)).published_at == datetime(2023, 9, 20, tzinfo=UTC)


def test_url_date_gives_day_precision() -> None:
    resolution = resolve(page(), url="https://www.caspianwire.com/2023/09/21/talks-resume/")

    assert (resolution.published_at, resolution.precision, resolution.evidence) == (
        datetime(2023, 9, 21, tzinfo=UTC),
        "day",
        "url",
    )


def test_feed_date_is_used_when_the_page_has_none() -> None:
    feed_at = datetime(2023, 9, 21, 8, 0, tzinfo=UTC)

    resolution = resolve(page(), feed_published_at=feed_at)

    assert (resolution.published_at, resolution.evidence, resolution.precision) == (feed_at, "feed", "minute")


def test_feed_date_at_midnight_is_a_day() -> None:
    resolution = resolve(page(), feed_published_at=datetime(2023, 9, 21, tzinfo=UTC))

    assert resolution.precision == "day"


def test_labelled_text_date_keeps_its_time_and_zone() -> None:
    body = "<div class='byline'>By Leyla Aliyeva. Published 22 September 2023, 14:05 CEST</div><p>Text.</p>"

    resolution = resolve(page(body=body))

    assert resolution.evidence == "text"
    assert resolution.published_at == datetime(2023, 9, 22, 12, 5, tzinfo=UTC)
    assert resolution.precision == "minute"


def test_dateline_at_the_start_of_the_article_is_text_evidence() -> None:
    body = "<article><p>BAKU, September 21, 2023 — Talks resumed on Thursday.</p></article>"

    resolution = resolve(page(body=body))

    assert (resolution.published_at, resolution.evidence) == (datetime(2023, 9, 21, tzinfo=UTC), "text")


def test_extractor_date_is_the_last_resort() -> None:
    resolution = resolve(page(), extractor_date="2023-09-19")

    assert (resolution.published_at, resolution.evidence, resolution.precision) == (
        datetime(2023, 9, 19, tzinfo=UTC),
        "extractor",
        "day",
    )


def test_an_extractor_date_function_is_called_only_when_no_other_candidate_is_valid() -> None:
    calls: list[str] = []

    def extractor() -> str:
        calls.append("called")
        return "2023-09-19"

    dated = resolve(page('<meta property="article:published_time" content="2023-09-21T06:15:00Z">'),
                    extractor_date=extractor)  # fmt: skip
    assert (dated.evidence, calls) == ("meta", [])
    assert "extractor" not in {candidate.evidence for candidate in dated.candidates}

    # an invalid candidate (in the future) does not count: the extractor is asked and wins
    future = resolve(page('<meta property="article:published_time" content="2030-01-01T00:00:00Z">'),
                     extractor_date=extractor)  # fmt: skip
    assert (future.published_at, future.evidence, calls) == (
        datetime(2023, 9, 19, tzinfo=UTC),
        "extractor",
        ["called"],
    )
    assert [c.reject_reason for c in future.candidates if c.evidence == "meta"] == ["future"]


def test_meta_outranks_url_feed_and_extractor_which_are_superseded() -> None:
    html = page('<meta property="article:published_time" content="2023-09-21T06:15:00Z">')

    resolution = resolve(
        html,
        url="https://www.caspianwire.com/2023/09/20/talks/",
        extractor_date="2023-09-19",
        feed_published_at=datetime(2023, 9, 22, tzinfo=UTC),
    )

    assert resolution.evidence == "meta"
    reasons = {candidate.evidence: candidate.reject_reason for candidate in resolution.candidates}
    assert reasons == {"meta": None, "url": "superseded", "feed": "superseded", "extractor": "superseded"}


def test_day_only_winner_gives_way_to_a_timed_candidate_on_the_same_day() -> None:
    html = page('<meta name="date" content="2023-09-21">')

    resolution = resolve(html, feed_published_at=datetime(2023, 9, 21, 9, 30, tzinfo=UTC))

    assert (resolution.published_at, resolution.precision, resolution.evidence) == (
        datetime(2023, 9, 21, 9, 30, tzinfo=UTC),
        "minute",
        "feed",
    )


def test_future_and_too_old_candidates_are_rejected_with_reasons() -> None:
    html = page(
        '<meta property="article:published_time" content="2031-01-01T00:30:00Z">'
        '<meta name="date" content="1970-01-02">'
    )

    resolution = resolve(html, url="https://www.caspianwire.com/2023/09/21/talks/")

    reasons = {candidate.raw_value: candidate.reject_reason for candidate in resolution.candidates}
    assert reasons["2031-01-01T00:30:00Z"] == "future"
    assert reasons["1970-01-02"] == "too_old"
    assert resolution.evidence == "url"


def test_a_date_within_a_day_after_fetching_is_not_future() -> None:
    html = page('<meta property="article:published_time" content="2023-09-25T20:00:00Z">')

    assert resolve(html).published_at == datetime(2023, 9, 25, 20, 0, tzinfo=UTC)


def test_min_date_is_configurable() -> None:
    html = page('<meta name="date" content="2001-05-04">')

    assert resolve(html, min_date=date(2010, 1, 1)).published_at is None


def test_unparseable_value_is_recorded_and_not_accepted() -> None:
    resolution = resolve(page('<meta property="article:published_time" content="soon, probably">'))

    assert resolution.published_at is None
    assert [(c.raw_value, c.candidate_at, c.reject_reason) for c in resolution.candidates] == [
        ("soon, probably", None, "unparseable")
    ]


def test_modified_before_published_is_dropped() -> None:
    html = page(
        '<meta property="article:published_time" content="2023-09-21T10:00:00Z">'
        '<meta property="article:modified_time" content="2023-09-20T10:00:00Z">'
    )

    assert resolve(html).modified_at is None


def test_modified_time_from_meta() -> None:
    html = page(
        '<meta property="article:published_time" content="2023-09-21T10:00:00Z">'
        '<meta property="article:modified_time" content="2023-09-21T12:30:00+02:00">'
    )

    assert resolve(html).modified_at == datetime(2023, 9, 21, 10, 30, tzinfo=UTC)


def test_candidates_are_unique_per_evidence_and_raw_value() -> None:
    html = page(
        '<meta property="article:published_time" content="2023-09-21T10:00:00Z">'
        '<meta property="og:published_time" content="2023-09-21T10:00:00Z">'
    )

    keys = [(c.evidence, c.raw_value) for c in resolve(html).candidates]

    assert len(keys) == len(set(keys)) == 1


@pytest.mark.parametrize(
    "html", ["", "   ", "\x00\xff\xfe garbage \x89PNG\r\n", "<html><body></html>", "<<<>>>"]
)
def test_bad_html_does_not_raise_and_still_uses_other_evidence(html: str) -> None:
    resolution = resolve(html, url="https://www.caspianwire.com/2023/09/21/x", extractor_date="not a date")

    assert resolution.evidence == "url"
    assert any(c.reject_reason == "unparseable" for c in resolution.candidates)


def test_naive_fetched_at_is_read_as_utc() -> None:
    html = page('<meta property="article:published_time" content="2023-09-26T10:00:00Z">')

    assert resolve(html, fetched_at=datetime(2023, 9, 25, 12, 0)).published_at is not None


def test_printed_day_prefers_a_zoned_stamp_of_the_same_instant() -> None:
    head = (
        '<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-12-25T01:59:50+02:00"}'
        "</script>"
    )

    resolution = resolve(page(head), fetched_at=datetime(2021, 1, 1, tzinfo=UTC))

    assert resolution.published_at == datetime(2020, 12, 24, 23, 59, 50, tzinfo=UTC)
    assert published_stated_date(resolution) == date(2020, 12, 25)


def test_printed_day_is_none_without_a_date() -> None:
    assert published_stated_date(resolve(page())) is None


@pytest.mark.parametrize(
    ("raw_value", "expected_at", "precision"),
    [
        ("2020-12-05T23:15:0Z", datetime(2020, 12, 5, 23, 15, tzinfo=UTC), "minute"),
        ("20200516T09:51:53Z", datetime(2020, 5, 16, 9, 51, 53, tzinfo=UTC), "minute"),
        ("2020-09-25T16:02:50CDT", datetime(2020, 9, 25, 21, 2, 50, tzinfo=UTC), "minute"),
        ("2020-12-29T16:19:16+0300", datetime(2020, 12, 29, 13, 19, 16, tzinfo=UTC), "minute"),
        ("Sun, 11 Oct 2020 07:34:36 GMT", datetime(2020, 10, 11, 7, 34, 36, tzinfo=UTC), "minute"),
        ("Mar 28, 2020, 06:15 PM IST", datetime(2020, 3, 28, 12, 45, tzinfo=UTC), "minute"),
        ("2020/10/04 15:05:21", datetime(2020, 10, 4, 15, 5, 21, tzinfo=UTC), "minute"),
        ("2020-05-15", datetime(2020, 5, 15, tzinfo=UTC), "day"),
        ("2020-05-15T00:00:00", datetime(2020, 5, 15, tzinfo=UTC), "day"),
        ("15. März 2020", datetime(2020, 3, 15, tzinfo=UTC), "day"),
        ("6 de mayo de 2020", datetime(2020, 5, 6, tzinfo=UTC), "day"),
    ],
)
def test_parse_date_value_formats(raw_value: str, expected_at: datetime, precision: str) -> None:
    parsed = parse_date_value(raw_value)

    assert parsed is not None
    assert (parsed.at, parsed.precision) == (expected_at, precision)


@pytest.mark.parametrize("raw_value", ["", "2020-02-30", "yesterday-ish", "2020-13-01T10:00:00Z", None])
def test_parse_date_value_gives_none_for_impossible_or_unreadable_values(raw_value: str | None) -> None:
    assert parse_date_value(raw_value) is None


def test_parse_date_text_reads_a_time_before_the_date() -> None:
    parsed = parse_date_text("Updated 04:25 PM IST Apr 08, 2020")

    assert parsed is not None
    assert parsed.at == datetime(2020, 4, 8, 10, 55, tzinfo=UTC)
    assert parsed.stated_date == date(2020, 4, 8)

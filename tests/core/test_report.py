"""The report renderer escapes everything scraped, links only http(s), and needs nothing from outside."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from expectations.outcome import ExpectationOutcome, ValidationOutcome
from flows.core.report import (
    ArticleSample,
    FailureReason,
    RunSummary,
    SourceYield,
    format_console_summary,
    render_report_html,
    safe_href,
    sparkline_points,
    summary_markdown,
)

HOSTILE_TITLE = '<script>document.title="pwned"</script>Breaking'
HOSTILE_AUTHOR = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
HOSTILE_URL = "javascript:alert(document.cookie)"


def outcome(*results: ExpectationOutcome, is_success: bool = False) -> ValidationOutcome:
    return ValidationOutcome(
        run_id="nightly-2026-11-28", is_success=is_success, results=results, elapsed_s=1.25
    )


def result(
    message: str, *, severity: str = "critical", is_success: bool = False, examples=()
) -> ExpectationOutcome:
    return ExpectationOutcome(
        suite="raw_extraction",
        expectation="body_present",
        severity=severity,
        column="body_text",
        source_id="caspianwire",
        is_success=is_success,
        observed_value=1.0,
        unexpected_examples=tuple(examples),
        message=message,
    )


@pytest.fixture
def summary() -> RunSummary:
    return RunSummary(
        run_id="nightly-2026-11-28",
        warehouse_path="/srv/newsdesk/warehouse.duckdb",
        discovered=30,
        fetched=22,
        unchanged=3,
        skipped=1,
        failed=4,
        extracted_articles=21,
        mentions=40,
        actors=5,
        failures_by_reason=(
            FailureReason("http_error", 3, "https://www.caspianwire.com/a", "HTTP 404"),
            FailureReason("timeout", 1, HOSTILE_URL, "<b>read timeout</b>"),
        ),
        sources=(
            SourceYield("caspianwire", 10, 8, 1, 2, 0.25, 1.0, 2.0, (8.0, 8.0, 2.0), (1.0, 1.0, 0.25)),
            SourceYield("steppeherald", 10, 8, 1, 8, 1.0, 0.5, None, (), ()),
        ),
        newest_articles=(
            ArticleSample(
                "caspianwire", HOSTILE_TITLE, HOSTILE_URL, HOSTILE_AUTHOR, dt.datetime(2026, 11, 27, 23, 0)
            ),
            ArticleSample("steppeherald", "Calm title", "https://www.steppeherald.kz/n/1", None, None),
        ),
        trend_run_ids=("nightly-2026-11-26", "nightly-2026-11-27", "nightly-2026-11-28"),
    )


@pytest.fixture
def html(summary: RunSummary) -> str:
    failing = result(
        f"source caspianwire: title {HOSTILE_TITLE} in 1 of 8 articles; e.g. {HOSTILE_URL}",
        examples=[f"{HOSTILE_URL} (title={HOSTILE_TITLE})", "https://www.caspianwire.com/b (title=<i>x</i>)"],
    )
    return render_report_html(
        summary,
        outcome(failing, result("fine", is_success=True)),
        data_docs_href="../gx/uncommitted/data_docs/local_site/index.html",
        dbt_docs_href="javascript:alert(1)",
    )


def test_scraped_markup_is_escaped_not_rendered(html: str):
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "<b>read timeout" not in html
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;Breaking" in html
    assert "&lt;img src=x onerror=" in html


def test_only_http_links_become_links(html: str):
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs, "the page has links"
    assert all(href.startswith(("https://", "http://", "../gx/")) for href in hrefs), hrefs
    assert "https://www.caspianwire.com/b" in hrefs
    assert "dbt docs not generated" in html


def test_the_page_loads_nothing_from_outside_and_forbids_scripts(html: str):
    assert "default-src 'none'" in html
    assert not re.search(r"<(link|script|iframe|object|embed)\b", html, re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\ssrc\s*=", html, re.IGNORECASE)
    assert "url(" not in html


def test_the_page_shows_counts_reasons_trends_and_findings(html: str):
    assert "FAILED" in html
    assert ">30<" in html and "URLs discovered" in html
    assert "http_error" in html and "75%" in html
    assert html.count("<polyline") == 2, "one sparkline per trend with history"
    assert "source caspianwire: title" in html
    assert "1 passed expectations" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.caspianwire.com/a?b=1", "https://www.caspianwire.com/a?b=1"),
        ("http://news.example.org/x", "http://news.example.org/x"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("https:///nohost", None),
        ("//evil.com/x", None),
        ("https://a.com/\njavascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(url, expected):
    assert safe_href(url) == expected


def test_sparkline_scales_to_the_box_and_skips_gaps():
    points = sparkline_points([10, None, 5, 0], width=90, height=22)
    assert points == "0.0,2.0 60.0,11.0 90.0,20.0"
    assert sparkline_points([None, None]) == ""
    assert sparkline_points([]) == ""


def test_console_summary_names_counts_reasons_and_paths(summary: RunSummary):
    text = format_console_summary(
        summary,
        outcome(result("source caspianwire: body_text empty in 8 of 8 articles")),
        report_path="/srv/reports/nightly-2026-11-28.html",
    )
    assert text.splitlines()[0].startswith("newsdesk nightly-2026-11-28: FAILED — 1 critical, 0 warnings")
    assert re.search(r"^  URLs discovered +30$", text, re.M)
    # the stages the URLs went through add up to those discovered, in the console as in the report
    stage_rows = dict(re.findall(r"^  (\S.*?) {2,}(\d+)$", text, re.M))
    parts = ("pages fetched", "unchanged", "skipped (robots, not an article)", "fetches failed")
    assert sum(int(stage_rows[label]) for label in parts) == int(stage_rows["URLs discovered"])
    html = render_report_html(summary, outcome())
    assert all(f'<div class="label">{label}</div>' in html for label in parts)
    assert "fetch failures by reason: http_error 3, timeout 1" in text
    assert "CRITICAL source caspianwire: body_text empty in 8 of 8 articles" in text
    assert "warehouse: /srv/newsdesk/warehouse.duckdb" in text
    assert "report:    /srv/reports/nightly-2026-11-28.html" in text


def test_markdown_escapes_untrusted_text(summary: RunSummary):
    markdown = summary_markdown(summary, outcome(result(f"title [x]({HOSTILE_URL}) {HOSTILE_TITLE}")))
    assert "<script" not in markdown
    assert "](javascript" not in markdown
    assert "| URLs discovered | 30 |" in markdown

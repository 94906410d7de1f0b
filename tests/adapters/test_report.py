"""The morning report from a fixture warehouse: counts per stage, trends, files, and hostile content in a browser."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from expectations.outcome import ExpectationOutcome, ValidationOutcome
from flows.adapters.quality import QUALITY_SCHEMA, compute_source_metrics
from flows.adapters.report import format_console_summary, summarize_run, summary_markdown, write_report
from tests.expectations.warehouse_fixture import build_warehouse, run_id_for

NIGHTS = [dt.date(2026, 11, 25), dt.date(2026, 11, 26), dt.date(2026, 11, 27), dt.date(2026, 11, 28)]
RUN_ID = run_id_for(NIGHTS[-1])
REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
HOSTILE_TITLE = '<script>document.title="pwned"</script>Pipeline scandal'
HOSTILE_AUTHOR = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
HOSTILE_BODY = "<script>document.body.setAttribute('data-pwned','2')</script>" + "Body text. " * 40
HOSTILE_URL = "javascript:document.title='pwned-by-link'"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four nights with stored source metrics; on the last one caspianwire's template breaks."""
    database = tmp_path_factory.mktemp("report") / "warehouse.duckdb"
    connection = build_warehouse(database, NIGHTS)
    connection.execute(QUALITY_SCHEMA.read_text())
    connection.execute(
        "delete from raw.articles where source_name = 'caspianwire' and run_id = ? and url not like '%story-0'",
        [RUN_ID],
    )
    connection.execute(
        "update raw.articles set title = ?, author = ?, body_text = ?, url = ? where url like ?",
        [HOSTILE_TITLE, HOSTILE_AUTHOR, HOSTILE_BODY, HOSTILE_URL, "%caspianwire%2026-11-28/story-0"],
    )
    connection.execute(
        "update raw.fetches set status = 'timeout', error = '<b>slow</b>' where url like ?", ["%story-9"]
    )
    for night in NIGHTS:
        metrics = compute_source_metrics(connection, run_id_for(night), night)
        connection.register("metrics", metrics)
        connection.execute("insert into raw.source_run_metrics by name select * from metrics")
        connection.unregister("metrics")
    connection.close()
    return database


def hostile_outcome(data_docs: Path | None = None) -> ValidationOutcome:
    results = (
        ExpectationOutcome(
            suite="source_drift",
            expectation="extraction_yield_drift",
            severity="warning",
            column="extraction_yield_ratio",
            source_id="caspianwire",
            is_success=False,
            observed_value=0.125,
            unexpected_examples=(),
            message="source caspianwire: extraction yield dropped: 0.12 this run vs a mean of 1.00",
        ),
        ExpectationOutcome(
            suite="raw_extraction",
            expectation="title_present",
            severity="critical",
            column="title",
            source_id="caspianwire",
            is_success=False,
            observed_value=1.0,
            unexpected_examples=(f"{HOSTILE_URL} (title={HOSTILE_TITLE})",),
            message=f"source caspianwire: title odd in 1 of 1 articles; e.g. {HOSTILE_URL} (title={HOSTILE_TITLE})",
        ),
    )
    return ValidationOutcome(
        run_id=RUN_ID, is_success=False, results=results, elapsed_s=1.4, data_docs_path=data_docs
    )


def test_summary_counts_every_stage(warehouse: Path):
    summary = summarize_run(warehouse, RUN_ID)
    assert (summary.discovered, summary.fetched, summary.unchanged, summary.failed) == (30, 24, 3, 3)
    assert summary.extracted_articles == 17
    assert summary.mentions == 34
    assert summary.actors == 4
    assert (summary.run_date, summary.run_status) == (NIGHTS[-1], "succeeded")


def test_summary_reports_failures_by_reason_and_source_trends(warehouse: Path):
    summary = summarize_run(warehouse, RUN_ID)
    assert [(reason.status, reason.count) for reason in summary.failures_by_reason] == [("timeout", 3)]
    assert summary.failures_by_reason[0].example_error == "<b>slow</b>"
    caspianwire = next(source for source in summary.sources if source.source_id == "caspianwire")
    assert caspianwire.articles == 1
    assert caspianwire.articles_trend == (8.0, 8.0, 8.0, 1.0)
    assert caspianwire.yield_trend == (1.0, 1.0, 1.0, 0.125)
    assert summary.trend_run_ids == tuple(run_id_for(night) for night in NIGHTS)


def test_summary_of_an_unknown_run_is_all_zeros(warehouse: Path):
    summary = summarize_run(warehouse, "nightly-1999-01-01")
    assert (summary.discovered, summary.extracted_articles, summary.sources) == (0, 0, ())


def test_write_report_writes_the_run_page_and_latest_with_relative_links(warehouse: Path, tmp_path: Path):
    docs = tmp_path / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    docs.parent.mkdir(parents=True)
    docs.write_text("docs")
    dbt_docs = tmp_path / "dbt_target" / "static_index.html"
    dbt_docs.parent.mkdir()
    dbt_docs.write_text("dbt")
    paths = write_report(
        warehouse, RUN_ID, hostile_outcome(docs), tmp_path / "reports", dbt_docs_path=dbt_docs
    )
    assert paths.html_path == tmp_path / "reports" / f"{RUN_ID}.html"
    assert paths.latest_path.read_text() == paths.html_path.read_text()
    html = paths.html_path.read_text()
    assert 'href="../gx/gx/uncommitted/data_docs/local_site/index.html"' in html
    assert 'href="../dbt_target/static_index.html"' in html
    assert "<script" not in html.lower()


def test_write_report_refuses_a_run_id_that_is_a_path(warehouse: Path, tmp_path: Path):
    with pytest.raises(ValueError, match="cannot name a report file"):
        write_report(warehouse, "../../etc/passwd", hostile_outcome(), tmp_path)


def test_console_and_markdown_summaries(warehouse: Path, tmp_path: Path):
    summary = summarize_run(warehouse, RUN_ID)
    paths = write_report(warehouse, RUN_ID, hostile_outcome(), tmp_path, summary=summary)
    text = format_console_summary(summary, hostile_outcome(), paths)
    assert "fetch failures by reason: timeout 3" in text
    assert f"report:    {paths.html_path}" in text
    assert f"warehouse: {warehouse}" in text
    markdown = summary_markdown(summary, hostile_outcome())
    assert "<script" not in markdown


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install -y chromium)"
)
def test_hostile_content_does_not_run_in_a_real_browser(warehouse: Path, tmp_path: Path):
    paths = write_report(warehouse, RUN_ID, hostile_outcome(), tmp_path / "reports")
    artifacts = REPO_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    screenshot = artifacts / "report.png"
    base = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--hide-scrollbars",
        "--window-size=1200,1600",
    ]
    url = paths.html_path.as_uri()
    dom = subprocess.run(
        [*base, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    subprocess.run([*base, f"--screenshot={screenshot}", url], capture_output=True, timeout=120, check=True)

    assert "<title>newsdesk · nightly-2026-11-28 · failed</title>" in dom
    assert "pwned" not in re.search(r"<title>.*?</title>", dom, re.DOTALL).group(0)
    assert "data-pwned" not in re.sub(r"&lt;.*?&gt;", "", dom), "an injected handler set an attribute"
    assert not re.search(r"<img\b", dom, re.IGNORECASE)
    assert "&lt;script&gt;document.title" in dom, "the hostile title is shown as text"
    assert 'href="javascript:' not in dom.lower()
    assert screenshot.stat().st_size > 10_000

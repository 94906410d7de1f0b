"""A night whose data breaks a critical expectation still writes its report and publishes, then fails."""

import json

import duckdb
import pytest

from flows.sample_site.pages import Page
from flows.sample_site.server import serve_pages

pytestmark = pytest.mark.slow

HOST = "www.brokentemplate.com"
SENTENCES = [
    "Negotiators from both delegations met behind closed doors to review the latest draft of the agreement.",
    "Officials described the atmosphere as businesslike, although several questions remain unresolved.",
    "Mediators said a further round of talks would be needed before any text could be initialled.",
    "Opposition politicians criticised the lack of transparency and demanded a parliamentary debate.",
    "Observers noted that the border commission has not yet published its technical recommendations.",
    "Humanitarian agencies called for guaranteed access to the affected districts during the talks.",
    "The foreign ministry promised a detailed statement once the delegations return to their capitals.",
    "Analysts cautioned that similar announcements in the past had not led to a lasting settlement.",
]


def undated_article(number: int) -> Page:
    """An article page with no date anywhere: not in meta tags, JSON-LD, the URL, the feed or the text."""
    paragraphs = "".join(
        f"<p>{sentence} (Dispatch {number}.{index}.)</p>" for index, sentence in enumerate(SENTENCES * 2)
    )
    html = f"<html><head><title>Talks continue, dispatch {number}</title></head><body><article>" \
           f"<h1>Talks continue, dispatch {number}</h1>{paragraphs}</article></body></html>"  # fmt: skip
    return Page(200, "text/html; charset=utf-8", html.encode())


def test_a_critical_failure_exits_1_after_the_report_and_is_recorded(run_newsdesk, tmp_path):
    urls = tmp_path / "urls.txt"
    # Undated articles: the source's date coverage is 0, below the critical 50%.
    urls.write_text("".join(f"http://{HOST}/story-{number}\n" for number in range(3)))
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - {name: broken, kind: urls, path: urls.txt}\n")
    pages = {HOST: {f"/story-{number}": undated_article(number) for number in range(3)}}
    with serve_pages(pages) as address:
        completed = run_newsdesk(
            "run", "--sources", str(sources), "--state-dir", str(tmp_path / "state"), "--run-date", "2026-11-28",
            env={"NEWSDESK_HOST_OVERRIDES": json.dumps({HOST: address}),
                 "NEWSDESK_ALLOWED_NETWORKS": json.dumps(["127.0.0.0/8"]), "NEWSDESK_PER_HOST_DELAY_S": "0"},
        )  # fmt: skip
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "CRITICAL" in completed.stdout
    assert "source broken" in completed.stdout
    assert (tmp_path / "state" / "reports" / "latest.html").exists()
    with duckdb.connect(str(tmp_path / "state" / "warehouse.duckdb"), read_only=True) as warehouse:
        assert warehouse.execute("select status from raw.runs").fetchall() == [("failed_validation",)]
        assert warehouse.execute("select count(*) from fct_articles").fetchone() == (3,)
        failed = warehouse.execute(
            "select count(*) from raw.validation_results where run_id = 'nightly-2026-11-28' and not is_success"
        ).fetchone()
    assert failed is not None and failed[0] >= 1

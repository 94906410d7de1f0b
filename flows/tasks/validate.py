"""Validate and report stages: Great Expectations over the night's data, then the morning report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.adapters.quality import ValidationOutcome, run_validation
from flows.adapters.report import ReportPaths, summarize_run, summary_markdown, write_report


@task(name="validate", cache_policy=NO_CACHE)
def validate_night(build: Path, run_id: str, run_date: dt.date, gx_dir: Path) -> ValidationOutcome:
    """Run every expectation suite over the night's data and store the results in the warehouse."""
    outcome = run_validation(build, run_id, run_date=run_date, gx_dir=gx_dir)
    failed = [result for result in outcome.results if not result.is_success]
    get_run_logger().info(
        "validation: %d expectations, %d failed (%d critical)",
        len(outcome.results),
        len(failed),
        sum(result.severity == "critical" for result in failed),
    )
    return outcome


@task(name="report", cache_policy=NO_CACHE)
def report_night(
    build: Path,
    run_id: str,
    outcome: ValidationOutcome,
    report_dir: Path,
    dbt_docs_path: Path | None,
    published_path: Path,
) -> ReportPaths:
    """Write the HTML report and attach its summary to the flow run as a markdown artifact."""
    summary = summarize_run(build, run_id, published_path=published_path)
    paths = write_report(build, run_id, outcome, report_dir, dbt_docs_path=dbt_docs_path, summary=summary)
    create_markdown_artifact(
        key="nightly-summary", markdown=summary_markdown(summary, outcome), description=f"newsdesk {run_id}"
    )
    return paths

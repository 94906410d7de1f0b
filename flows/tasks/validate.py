"""Validate and report stages: Great Expectations over the night's data, then the morning report.

Validation runs in a process of its own, started once the extraction processes are gone
(`start_validator`, after normalization, to keep peak memory down): importing Great Expectations takes
3 to 8 s, and there it happens on the other core while the night is loaded and built, instead of after
the dbt build. On a night with nothing new that import was a third of the run. The process then opens
the context and saves the suites (about half a second) before the data are there.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from expectations.outcome import ValidationOutcome
from flows.adapters.report import ReportPaths, summarize_run, summary_markdown, write_report
from flows.tasks.validation_process import (
    build_data_docs,
    import_great_expectations,
    prepare_validation,
    run_validation,
)
from flows.tasks.workers import WorkerProcesses

VALIDATION_PROCESS = WorkerProcesses(warm_up=import_great_expectations)
# The Data Docs the validation process renders after `validate_night` returned (`finish_data_docs`).
_PENDING_DOCS: list[Future[Path | None]] = []


def start_validator(gx_dir: Path) -> None:
    """Start the validation process and its import of Great Expectations, unless it already runs; the
    process then prepares the context in `gx_dir` (`prepare_validation`) while the flow goes on.

    An error in either surfaces again, with its message, when the validation runs.
    """
    VALIDATION_PROCESS.start(1).submit(prepare_validation, gx_dir)


def stop_validator(*, wait: bool = True, finish_queued: bool = False) -> None:
    """Stop the validation process (at the end of a flow run; safe when none was started).

    With `wait` False the process exits while the caller goes on (see `WorkerProcesses.stop`); with
    `finish_queued` it first does the work already submitted (the Data Docs) instead of cancelling it.
    """
    VALIDATION_PROCESS.stop(wait=wait, cancel_queued=not finish_queued)


def finish_data_docs() -> None:
    """Wait until the validation process has rendered the night's Data Docs; re-raise its error if any."""
    while _PENDING_DOCS:
        _PENDING_DOCS.pop().result()


@task(name="validate", cache_policy=NO_CACHE)
def validate_night(
    build: Path, run_id: str, run_date: dt.date, gx_dir: Path, keep_runs: int, *, defer_docs: bool = False
) -> ValidationOutcome:
    """Run every expectation suite over the night's data and store the results in the warehouse.

    Great Expectations keeps the results of the newest `keep_runs` validations (the warehouse keeps
    all). Runs in the validation process when `start_validator` started one, else in this process.
    With `defer_docs` the validation process renders the Data Docs after returning the outcome, while
    the flow reports and publishes; `finish_data_docs` waits for them.
    """
    validator = VALIDATION_PROCESS.running()
    arguments = (build, run_id, run_date, gx_dir, keep_runs)
    _PENDING_DOCS.clear()  # a crashed run's
    if validator is None:
        outcome = run_validation(*arguments)
    else:
        outcome = validator.submit(run_validation, *arguments, defer_docs=defer_docs).result()
        if defer_docs:
            _PENDING_DOCS.append(validator.submit(build_data_docs, gx_dir))
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

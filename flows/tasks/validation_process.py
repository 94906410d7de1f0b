"""What the validation process runs (see flows.tasks.validate).

A function reaches a worker process by name, and the process imports its module to find it: these live
apart from the Prefect tasks so that the process does not import Prefect (about 3 s of its start), and
each imports what it needs when called, so the flow's own process, which names them, imports neither
Great Expectations nor pandas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from expectations.outcome import ValidationOutcome


def import_great_expectations() -> None:
    """Import what validation needs (Great Expectations and the suites), once per process."""
    import expectations.checkpoint  # noqa: F401


def prepare_validation(gx_dir: Path) -> None:
    """Open the Great Expectations context and save the suites, ahead of `run_validation` in this process."""
    from expectations.checkpoint import prepare_context

    prepare_context(gx_dir)


def run_validation(
    build: Path, run_id: str, run_date: dt.date, gx_dir: Path, keep_runs: int, *, defer_docs: bool = False
) -> ValidationOutcome:
    """Validate the run (flows.adapters.quality, which brings pandas). With `defer_docs` the Data Docs
    are left for `build_data_docs` in the same process.
    """
    from flows.adapters.quality import run_validation as validate_run

    return validate_run(
        build, run_id, run_date=run_date, gx_dir=gx_dir, keep_runs=keep_runs, defer_docs=defer_docs
    )


def build_data_docs(gx_dir: Path) -> Path | None:
    """Render the Data Docs `run_validation(defer_docs=True)` left in this process; their index."""
    from expectations.checkpoint import build_deferred_docs

    return build_deferred_docs(gx_dir)

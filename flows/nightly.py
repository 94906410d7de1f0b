"""The flows: a nightly (discover → acquire → normalize → load → dbt → validate → report → publish) and
a re-extraction of archived pages through the same stages, without the network.

Everything is built on a copy of the warehouse and published by one atomic rename at the end, so a
crash at any point leaves the published warehouse as the last complete night, and re-running the night
repairs everything (see flows/adapters/warehouse.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import polars as pl
from prefect import flow, get_run_logger
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from expectations.outcome import ValidationOutcome
from flows import __version__, failpoints, progress
from flows.adapters import warehouse
from flows.adapters.actor_dictionary import load_actor_dictionary
from flows.adapters.exports import export_marts
from flows.adapters.http import Fetcher, FetchStatus
from flows.adapters.report import ReportPaths
from flows.adapters.sources import load_sources
from flows.core.extraction import EXTRACTOR_VERSION
from flows.core.fetch_log import entries_frame, fetch_log_frame, in_window_expr
from flows.settings import Settings
from flows.tasks.acquire import (
    BatchResult,
    acquire_batch,
    default_extract_workers,
    plan_batches,
    shutdown_extraction_pool,
)
from flows.tasks.discover import DiscoveryReport, discover_entries
from flows.tasks.load import (
    archived_entries,
    finish_run,
    load_night,
    read_article_state,
    read_stored_pages,
    sources_frame,
)
from flows.tasks.normalize import normalize_night
from flows.tasks.transform import build_marts, document_marts, start_dbt_process, stop_dbt_process
from flows.tasks.validate import (
    finish_data_docs,
    report_night,
    start_validator,
    stop_validator,
    validate_night,
)

STORY_WINDOW = dt.timedelta(days=7)  # how far back a new copy may find the story it syndicates
T = TypeVar("T")


@dataclass(frozen=True)
class NightlyResult:
    """Where a finished run left its outputs, whether its data passed validation, and stage timings."""

    run_id: str
    warehouse_path: Path
    report: ReportPaths
    validation: ValidationOutcome
    discovery_errors: dict[str, str]
    stage_seconds: dict[str, float]
    dbt_docs_path: Path | None = None
    export_dir: Path | None = None


class CriticalValidationFailed(RuntimeError):
    """The night was loaded, built, reported and published, but a critical expectation failed."""

    def __init__(self, result: NightlyResult):
        failed = [r for r in result.validation.results if not r.is_success and r.severity == "critical"]
        super().__init__(
            f"{len(failed)} critical expectation(s) failed for {result.run_id}: "
            + "; ".join(r.message for r in failed[:5])
            + f" (report: {result.report.html_path})"
        )
        self.result = result


def task_runner_for(settings: Settings):
    """Threads by default; a Dask cluster (`settings.dask_address`: tcp://HOST:PORT, or 'local')."""
    if not settings.dask_address:
        return ThreadPoolTaskRunner(max_workers=settings.fetch_workers)
    from prefect_dask import DaskTaskRunner

    if settings.dask_address == "local":
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": 2,
                "threads_per_worker": 2,
                "processes": True,
                "dashboard_address": None,
            },
        )
    return DaskTaskRunner(address=settings.dask_address)


def run(
    settings: Settings, *, reextract_archive: bool = False, progress_mode: progress.Mode = "off"
) -> NightlyResult:
    """Run the nightly (or the re-extraction) with the task runner the settings ask for."""
    chosen = reextract if reextract_archive else nightly
    tracker = progress.StageProgress(progress_mode, logging.getLogger("newsdesk"))
    progress.install(tracker)
    if not reextract_archive:  # (a re-extraction always has pages to extract: see _process)
        start_dbt_process()  # dbt's import overlaps the flow run's start; the flow's own start is a no-op then
    try:
        return chosen.with_options(task_runner=task_runner_for(settings))(settings)
    finally:
        tracker.finish()
        progress.install(None)
        shutdown_extraction_pool()
        stop_dbt_process()
        stop_validator()


@flow(name="newsdesk-nightly")
def nightly(settings: Settings) -> NightlyResult:
    """Run one night end to end on a build copy of the warehouse, then publish it atomically.

    Raises SourcesFileError for a bad sources file, DbtBuildFailed when the marts do not build, and
    CriticalValidationFailed (after writing the report and publishing) when a critical expectation fails.
    """
    if settings.sources_file is None:
        raise ValueError("no sources file: pass --sources FILE (or --demo), or set NEWSDESK_SOURCES_FILE")
    start_dbt_process()
    sources = load_sources(settings.sources_file)
    build = warehouse.prepare_build(settings.warehouse)
    progress.stage(f"discover: {len(sources)} sources")
    with Fetcher(settings) as fetcher:
        discovery = discover_entries(sources, fetcher)
    entries = discovery.entries
    if settings.is_backfill:
        entries = entries.filter(in_window_expr(settings.run_date))
    return _process(settings, build, settings.run_id, entries, discovery, sources_frame(sources))


@flow(name="newsdesk-reextract")
def reextract(settings: Settings) -> NightlyResult:
    """Extract again every page the archive holds (after the extractor or its settings changed),
    without the network, and rebuild the marts from the result.
    """
    build = warehouse.prepare_build(settings.warehouse)
    entries = entries_frame(archived_entries(build))
    get_run_logger().info("re-extracting %d archived pages", entries.height)
    return _process(settings, build, f"reextract-{settings.run_date.isoformat()}", entries, None, None)


def unvisited(value: T) -> T:
    """`value` wrapped in Prefect's `quote`, typed as the value itself, which is what the task receives.

    Prefect otherwise walks every item of a task's inputs looking for futures to resolve: about 0.65 ms
    a page for the night's readings (7 s for 10,000 pages, with the other core idle). Our large inputs
    hold no futures.
    """
    return cast(T, quote(value))


def _process(
    settings: Settings,
    build: Path,
    run_id: str,
    entries: pl.DataFrame,
    discovery: DiscoveryReport | None,
    sources: pl.DataFrame | None,
) -> NightlyResult:
    logger = get_run_logger()
    started_at = dt.datetime.now(dt.UTC)
    is_reextract = run_id.startswith("reextract-")
    stored = {} if is_reextract else read_stored_pages(build, run_id)
    settled, batches = plan_batches(entries.to_dicts(), stored, now=started_at)
    logger.info("run %s: %d URLs, %d to acquire in %d batches", run_id, entries.height,
                entries.height - len(settled), len(batches))  # fmt: skip

    archive_dir = settings.archive_dir / run_id
    workers = 1 if settings.dask_address else (settings.extract_workers or default_extract_workers())
    progress.stage(f"fetch and extract: {entries.height} URLs, {len(batches)} batches")
    progress.start("acquire", sum(len(batch.entries) for batch in batches))
    if batches:
        stop_dbt_process(wait=False)  # its memory is the extraction processes' until they are gone
    # (batches are not quoted: on Dask a quote, a tuple, reaches the task as a plain tuple; and a batch's
    # entries cost Prefect about 0.1 s to walk, on a worker thread)
    futures = [acquire_batch.submit(batch, settings, archive_dir, workers) for batch in batches]
    results: list[BatchResult] = []
    for future in as_completed(futures):
        results.append(future.result())
    progress.finish()
    outcomes = settled + [outcome for result in results for outcome in result.outcomes]
    if is_reextract:
        # Read from the archive, not fetched: the fetch log and its counts must not say otherwise.
        outcomes = [
            {**outcome, "status": FetchStatus.REEXTRACTED.value}
            if outcome["status"] == FetchStatus.FETCHED.value
            else outcome
            for outcome in outcomes
        ]
    readings = [reading for result in results for reading in result.readings]
    stage_seconds = {
        "fetch": sum(result.fetch_s for result in results),
        "extract": sum(result.extract_s for result in results),
    }

    failpoints.reach("normalize")
    progress.stage("normalize")
    published_dates = [
        r.record["published_at"] for r in readings if r.is_article and r.record["published_at"]
    ]
    first_seen, recent = read_article_state(
        build, since=min(published_dates, default=started_at) - STORY_WINDOW
    )
    dictionary = load_actor_dictionary(settings.dbt_project_dir / "seeds")
    night = normalize_night(
        unvisited(readings),
        run_id=run_id,
        dictionary=dictionary,
        stored_first_seen=first_seen,
        recent_stories=recent,
        workers=workers,
    )
    del futures, results, readings  # the pages live on as the night's rows: let them go (peak memory)
    shutdown_extraction_pool()  # its processes are not needed past normalization: free their memory now
    # dbt's import (when not done yet) overlaps load, and Great Expectations' import and the context's
    # opening overlap load and dbt build, on the other core
    start_dbt_process()
    start_validator(settings.gx_dir)
    failpoints.reach("load")
    progress.stage("load")
    run_row = {
        "run_id": run_id,
        "run_date": settings.run_date,
        "started_at": started_at,
        "finished_at": None,
        "status": "running",
        "newsdesk_version": __version__,
        "extractor_version": EXTRACTOR_VERSION,
        "sources_file": str(settings.sources_file) if settings.sources_file else None,
    }
    load_night(
        build,
        run_row=run_row,
        sources=sources,
        fetch_log=fetch_log_frame(entries, outcomes, run_id=run_id),
        source_discoveries=discovery.per_source if discovery else None,
        night=night,
        dictionary=dictionary,
    )
    has_new_articles = not night.articles.is_empty()
    del night  # loaded: the warehouse has it now
    failpoints.reach("dbt")
    progress.stage("dbt build")
    build_marts(
        settings.dbt_project_dir,
        build,
        settings.dbt_target_dir,
        full_refresh=settings.full_refresh,
        # the first build of a warehouse builds everything, articles or not
        has_new_articles=has_new_articles or not warehouse.has_table(build, "main", "fct_articles"),
        memory_limit=settings.dbt_memory_limit,
    )
    dbt_docs = (
        document_marts(
            settings.dbt_project_dir,
            build,
            settings.dbt_target_dir,
            settings.report_dir,
            memory_limit=settings.dbt_memory_limit,
        )
        if settings.generate_dbt_docs
        else None
    )
    stop_dbt_process(wait=False)  # done with dbt: its memory is validation's
    failpoints.reach("validate")
    progress.stage("validate")
    validation = validate_night(
        build,
        run_id,
        settings.run_date,
        settings.gx_dir,
        settings.data_docs_runs,
        # On a night with nothing new the docs' 1.3 s are a tenth of its time: they overlap the report and
        # the export then. After a big night they are rendered first: rendered during the export, they
        # raised a 10,000-page night's peak RSS to 1,503-1,577 MB (four runs), against 1,446-1,489 (three).
        defer_docs=not has_new_articles,
    )
    # The process renders the deferred Data Docs, if any, then exits (about a second) while the flow goes on.
    stop_validator(wait=False, finish_queued=True)
    finish_run(build, run_id, "succeeded" if validation.is_success else "failed_validation")
    failpoints.reach("report")
    progress.stage("report")
    report = report_night(build, run_id, validation, settings.report_dir, dbt_docs, settings.warehouse)
    failpoints.reach("publish")
    progress.stage("publish")
    warehouse.publish(build, settings.warehouse)
    logger.info("published %s; report %s", settings.warehouse, report.latest_path)
    progress.stage("export Parquet")
    export_marts(settings.warehouse, settings.export_dir)
    finish_data_docs()
    discovery_errors = discovery.errors if discovery else {}
    result = NightlyResult(
        run_id,
        settings.warehouse,
        report,
        validation,
        discovery_errors,
        stage_seconds,
        dbt_docs,
        settings.export_dir,
    )
    if not validation.is_success and settings.fail_on_critical:
        raise CriticalValidationFailed(result)
    return result

"""The nightly flow: discover → fetch → extract → normalize → load → dbt build → validate → report → publish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger

from flows import __version__
from flows.adapters import warehouse
from flows.adapters.actor_dictionary import load_actor_dictionary
from flows.adapters.archive import WarcArchive
from flows.adapters.http import Fetcher
from flows.adapters.quality import ValidationOutcome
from flows.adapters.report import ReportPaths
from flows.adapters.sources import load_sources
from flows.core.extraction import EXTRACTOR_VERSION
from flows.core.fetch_log import fetch_log_frame
from flows.settings import Settings
from flows.tasks.discover import discover_entries
from flows.tasks.extract import extract_pages
from flows.tasks.fetch import fetch_pages
from flows.tasks.load import finish_run, load_night, read_article_state, read_stored_pages
from flows.tasks.normalize import normalize_night
from flows.tasks.transform import build_marts
from flows.tasks.validate import report_night, validate_night

STORY_WINDOW = dt.timedelta(days=7)  # how far back a new copy may find the story it syndicates


@dataclass(frozen=True)
class NightlyResult:
    """Where a finished night left its outputs, and whether its data passed validation."""

    run_id: str
    warehouse_path: Path
    report: ReportPaths
    validation: ValidationOutcome
    discovery_errors: dict[str, str]


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


@flow(name="newsdesk-nightly", log_prints=True)
def nightly(settings: Settings) -> NightlyResult:
    """Run one night end to end on a build copy of the warehouse, then publish it atomically.

    Raises SourcesFileError for a bad sources file, DbtBuildFailed when the marts do not build, and
    CriticalValidationFailed (after writing the report and publishing) when a critical expectation fails.
    """
    logger = get_run_logger()
    if settings.sources_file is None:
        raise ValueError("no sources file: pass --sources FILE (or --demo)")
    run_id = settings.run_id
    started_at = dt.datetime.now(dt.UTC)
    sources = load_sources(settings.sources_file)
    dictionary = load_actor_dictionary(settings.dbt_project_dir / "seeds")
    published = settings.warehouse
    build = warehouse.prepare_build(published)
    logger.info("run %s: %d sources, building %s", run_id, len(sources), build)

    stored = read_stored_pages(build, run_id)
    with Fetcher(settings) as fetcher, WarcArchive(settings.archive_dir / f"{run_id}.warc.gz") as archive:
        entries, discovery_errors = discover_entries(sources, fetcher)
        outcomes, pages = fetch_pages(entries, fetcher, stored, archive)
    readings = extract_pages(pages)
    not_articles = {page.url for page, reading in readings if not reading.is_article}
    for outcome in outcomes:
        if outcome["url"] in not_articles:
            outcome["status"] = "not_article"
    published_dates = [
        r.record["published_at"] for _, r in readings if r.is_article and r.record["published_at"]
    ]
    first_seen, recent = read_article_state(
        build, since=min(published_dates, default=started_at) - STORY_WINDOW
    )
    night = normalize_night(
        readings, run_id=run_id, dictionary=dictionary, stored_first_seen=first_seen, recent_stories=recent
    )
    run_row = {
        "run_id": run_id,
        "run_date": settings.run_date,
        "started_at": started_at,
        "finished_at": None,
        "status": "running",
        "newsdesk_version": __version__,
        "extractor_version": EXTRACTOR_VERSION,
        "sources_file": str(settings.sources_file),
    }
    load_night(
        build,
        run_row=run_row,
        sources=sources,
        fetch_log=fetch_log_frame(entries, outcomes, run_id=run_id),
        night=night,
        dictionary=dictionary,
    )
    build_marts(settings.dbt_project_dir, build, settings.dbt_target_dir)
    validation = validate_night(build, run_id, settings.run_date, settings.state_dir / "gx")
    finish_run(build, run_id, "succeeded" if validation.is_success else "failed_validation")
    report = report_night(build, run_id, validation, settings.report_dir, None)
    warehouse.publish(build, published)
    logger.info("published %s; report %s", published, report.latest_path)
    result = NightlyResult(run_id, published, report, validation, discovery_errors)
    if not validation.is_success and settings.fail_on_critical:
        raise CriticalValidationFailed(result)
    return result

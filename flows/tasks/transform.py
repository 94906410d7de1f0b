"""Transform stage: build the marts with dbt on the build warehouse.

dbt runs in a process of its own when the flow started one (`start_dbt_process`): importing dbt takes
about 2 s, and there it happens on the other core while the flow starts, discovers and loads, instead
of at the start of the build. On a night with nothing new that import was a seventh of the run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters.dbt import DbtBuildResult, generate_dbt_docs, import_dbt, run_dbt_build
from flows.tasks.workers import WorkerProcesses


class DbtBuildFailed(RuntimeError):
    """dbt build failed: a model did not build or a dbt test did not pass."""


# What a night without new or re-extracted articles can change: its fetch log, sources and run, and
# everything built on them. Article, mention and actor models would rebuild to the same rows.
FETCH_LOG_SELECTION = ("stg_raw__fetches+", "stg_raw__sources+", "stg_raw__runs+", "stg_raw__countries+")


DBT_PROCESS = WorkerProcesses(warm_up=import_dbt)


def start_dbt_process() -> None:
    """Start the process dbt runs in, and its import of dbt, unless it already runs.

    It holds about 120 MB once dbt is imported: a night with pages to extract stops it
    (`stop_dbt_process`) before the extraction processes start and starts it again once they are gone.
    """
    DBT_PROCESS.start(1)


def stop_dbt_process(*, wait: bool = True) -> None:
    """Stop the dbt process (safe when none runs); with `wait` False it exits while the caller goes on."""
    DBT_PROCESS.stop(wait=wait)


@task(name="dbt build", cache_policy=NO_CACHE)
def build_marts(
    project_dir: Path,
    build: Path,
    target_dir: Path,
    *,
    full_refresh: bool = False,
    has_new_articles: bool = True,
    memory_limit: str,
) -> DbtBuildResult:
    """Run `dbt build` (models, seeds, data tests); raise DbtBuildFailed naming the failing nodes.

    A night tests the data it can have changed (the lookback window of the big facts); dbt's unit tests
    check SQL logic, not data, and run in the test suite instead. A night with no new articles builds
    only what its fetch log feeds (FETCH_LOG_SELECTION). `memory_limit` is DuckDB's while dbt runs (the
    setting dbt_memory_limit).
    """
    logger = get_run_logger()
    result = DBT_PROCESS.call(
        run_dbt_build,
        project_dir,
        build,
        target_dir,
        full_refresh=full_refresh,
        select=() if has_new_articles or full_refresh else FETCH_LOG_SELECTION,
        exclude=["resource_type:unit_test"],
        test_window_only=True,
        # the manifest only changes with the project: a fetch-log night leaves the last one in place
        write_artifacts=has_new_articles or full_refresh,
        memory_limit=memory_limit,
    )
    logger.info("dbt build finished in %.1f s: %s", result.elapsed_s, result.status_counts)
    if not result.is_success:
        failures = "; ".join(f"{node}: {message}" for node, message in result.failures)
        raise DbtBuildFailed(f"dbt build failed: {failures}")
    return result


@task(name="dbt docs", cache_policy=NO_CACHE)
def document_marts(
    project_dir: Path,
    build: Path,
    target_dir: Path,
    report_dir: Path,
    *,
    memory_limit: str,
) -> Path | None:
    """Write dbt's static documentation site beside the reports (`dbt-docs.html`); return its path.

    The site describes the project, so it is regenerated only when a model, test or description changed
    (a digest of the manifest's node checksums and descriptions), not every night. A failure to document
    is logged as a warning and gives None: the night's data does not depend on it.
    """
    published = report_dir / "dbt-docs.html"
    digest_file = report_dir / "dbt-docs.digest"
    digest = project_digest(target_dir / "manifest.json")
    if published.exists() and digest and digest_file.exists() and digest_file.read_text() == digest:
        get_run_logger().info("dbt docs unchanged since the project last changed: %s", published)
        return published
    try:
        static_page = DBT_PROCESS.call(
            generate_dbt_docs, project_dir, build, target_dir, nightly_vars=True, memory_limit=memory_limit
        )
    except RuntimeError as error:
        get_run_logger().warning("dbt docs were not generated: %s", error)
        return None
    report_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(static_page, published)
    if digest:
        digest_file.write_text(digest)
    return published


def project_digest(manifest_path: Path) -> str | None:
    """A digest of what the docs site shows of the project (nodes, their SQL checksums, descriptions);
    None when dbt has written no readable manifest.
    """
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    parts = sorted(
        f"{node_id}:{node.get('checksum', {}).get('checksum')}:{node.get('description')}:"
        f"{sorted((name, column.get('description')) for name, column in node.get('columns', {}).items())}"
        for node_id, node in {**manifest.get("nodes", {}), **manifest.get("sources", {})}.items()
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

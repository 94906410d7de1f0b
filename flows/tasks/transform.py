"""Transform stage: build the marts with dbt on the build warehouse."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.adapters.dbt import DbtBuildResult, run_dbt_build


class DbtBuildFailed(RuntimeError):
    """dbt build failed: a model did not build or a dbt test did not pass."""


@task(name="dbt build", cache_policy=NO_CACHE)
def build_marts(project_dir: Path, build: Path, target_dir: Path) -> DbtBuildResult:
    """Run `dbt build` (models, seeds, tests); raise DbtBuildFailed naming the failing nodes."""
    logger = get_run_logger()
    result = run_dbt_build(project_dir, build, target_dir)
    logger.info("dbt build finished in %.1f s: %s", result.elapsed_s, result.status_counts)
    if not result.is_success:
        failures = "; ".join(f"{node}: {message}" for node, message in result.failures)
        raise DbtBuildFailed(f"dbt build failed: {failures}")
    return result

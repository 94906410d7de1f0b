"""Time dbt builds on a synthetic warehouse: a full build, an incremental night on top, the same night alone.

The question it answers: does a nightly cost what its own new data costs, whatever the warehouse's size?
The incremental facts should make a night of 1,000 articles on a 100,000-article warehouse take about as
long as a night of 1,000 articles on an empty one (target ratio at most 1.3).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.adapters.dbt import DbtBuildResult, run_dbt_build
from flows.adapters.warehouse import apply_schema
from flows.settings import REPO_ROOT
from flows.warehouse_scale.generator import Batch, add_articles, create_dictionary

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
LAST_HISTORY_DATE = dt.date(2026, 11, 27)
TARGET_RATIO = 1.3


@dataclass(frozen=True)
class BenchmarkFigures:
    """Seconds for each build, the warehouse's size, and the incremental/empty ratio."""

    articles: int
    mentions: int
    new_articles: int
    generate_s: float
    full_build_s: float
    incremental_build_s: float
    empty_build_s: float

    @property
    def ratio(self) -> float:
        """Incremental night on the full warehouse over the same night on an empty one."""
        return self.incremental_build_s / self.empty_build_s

    def lines(self) -> list[str]:
        """The figures as printable lines."""
        verdict = "ok" if self.ratio <= TARGET_RATIO else "over target"
        return [
            f"synthetic raw layer: {self.articles:,} articles, {self.mentions:,} mentions "
            f"(generated in {self.generate_s:.1f} s)",
            f"full dbt build:                                {self.full_build_s:6.1f} s",
            f"incremental build, {self.new_articles:,} new articles on top:  {self.incremental_build_s:6.1f} s",
            f"build of {self.new_articles:,} articles on an empty warehouse: {self.empty_build_s:6.1f} s",
            f"ratio incremental / empty: {self.ratio:.2f} (target <= {TARGET_RATIO}: {verdict})",
        ]


def run_benchmark(articles: int, new_articles: int, workdir: Path) -> BenchmarkFigures:
    """Generate the warehouse in `workdir`, build it, add a night, and build that night alone elsewhere.

    Raises RuntimeError naming dbt's failures when a build fails.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    target_dir = workdir / "dbt_target"
    night = Batch(
        first=articles, count=new_articles, last_date=LAST_HISTORY_DATE + dt.timedelta(days=1), days=1
    )

    # Warm-up: dbt's import and first parse are paid once per process, not by any timed build.
    _build(_warehouse(workdir / "warmup.duckdb"), target_dir, "warmup")

    started = time.perf_counter()
    large = _warehouse(workdir / "large.duckdb")
    with duckdb.connect(str(large)) as connection:
        counts = add_articles(connection, Batch(first=0, count=articles, last_date=LAST_HISTORY_DATE))
    generate_s = time.perf_counter() - started
    full = _build(large, target_dir, "full", test_window_only=False)

    with duckdb.connect(str(large)) as connection:
        add_articles(connection, night, seed=0.7)
    incremental = _build(large, target_dir, "incremental")

    small = _warehouse(workdir / "small.duckdb")
    with duckdb.connect(str(small)) as connection:
        add_articles(connection, night, seed=0.7)
    empty = _build(small, target_dir, "empty")

    return BenchmarkFigures(
        articles=counts["articles"],
        mentions=counts["actor_mentions"],
        new_articles=new_articles,
        generate_s=generate_s,
        full_build_s=full.elapsed_s,
        incremental_build_s=incremental.elapsed_s,
        empty_build_s=empty.elapsed_s,
    )


def _warehouse(path: Path) -> Path:
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as connection:
        apply_schema(connection)
        create_dictionary(connection)
    return path


def _build(database: Path, target_dir: Path, name: str, *, test_window_only: bool = True) -> DbtBuildResult:
    # Builds run as the nightly's (flows/tasks/transform.py): no unit tests (they test SQL logic, not
    # data, and run in the test suite), and on nights the data tests of the large facts look at the rows
    # a night can have rewritten. The full build tests every row.
    result = run_dbt_build(
        DBT_PROJECT_DIR,
        database,
        target_dir,
        exclude=["resource_type:unit_test"],
        test_window_only=test_window_only,
    )
    if not result.is_success:
        raise RuntimeError(f"dbt build failed on {database.name}: {result.failures[:5]}")
    if result.run_results_path is not None:  # kept per build, to see which nodes took the time
        shutil.copyfile(result.run_results_path, target_dir / f"run_results_{name}.json")
    return result


def main(articles: int, new_articles: int, workdir: Path | None, keep: bool) -> BenchmarkFigures:
    """Run the benchmark and print its figures; the working folder is removed unless `keep`."""
    chosen = workdir or Path(tempfile.mkdtemp(prefix="newsdesk-scale-"))
    try:
        figures = run_benchmark(articles, new_articles, chosen)
    finally:
        if not keep and workdir is None:
            shutil.rmtree(chosen, ignore_errors=True)
    for line in figures.lines():
        print(line)
    return figures

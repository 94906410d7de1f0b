"""Time dbt builds on a synthetic warehouse: a full build, an incremental night on top, the same night alone.

The question it answers: does a nightly cost what its own new data costs, whatever the warehouse's size?
The incremental facts should make a night of 1,000 articles on a 100,000-article warehouse take about as
long as a night of 1,000 articles on an empty one (target ratio at most 1.3). On a shared machine each
timed build can be repeated: the two sides take turns, every incremental attempt starts from a copy of
the same pre-night warehouse, every empty one from a fresh file, and the best of each side makes the ratio.
"""

from __future__ import annotations

import datetime as dt
import os
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
    incremental_runs: tuple[TimedBuild, ...]
    empty_runs: tuple[TimedBuild, ...]

    @property
    def incremental_build_s(self) -> float:
        """The fastest incremental night on the full warehouse."""
        return min(run.elapsed_s for run in self.incremental_runs)

    @property
    def empty_build_s(self) -> float:
        """The fastest build of the same night on an empty warehouse."""
        return min(run.elapsed_s for run in self.empty_runs)

    @property
    def ratio(self) -> float:
        """Incremental night on the full warehouse over the same night on an empty one (best of each)."""
        return self.incremental_build_s / self.empty_build_s

    def lines(self) -> list[str]:
        """The figures as printable lines; with repeats, every attempt and its load average too."""
        verdict = "ok" if self.ratio <= TARGET_RATIO else "over target"
        best_of = f" (best of {len(self.incremental_runs)})" if len(self.incremental_runs) > 1 else ""
        lines = [
            f"synthetic raw layer: {self.articles:,} articles, {self.mentions:,} mentions "
            f"(generated in {self.generate_s:.1f} s)",
            f"full dbt build:                                {self.full_build_s:6.1f} s",
            f"incremental build, {self.new_articles:,} new articles on top:  {self.incremental_build_s:6.1f} s"
            + best_of,
            f"build of {self.new_articles:,} articles on an empty warehouse: {self.empty_build_s:6.1f} s"
            + best_of,
            f"ratio incremental / empty: {self.ratio:.2f} (target <= {TARGET_RATIO}: {verdict})",
        ]
        if best_of:
            for name, runs in (("incremental", self.incremental_runs), ("empty", self.empty_runs)):
                attempts = ", ".join(f"{run.elapsed_s:.1f} s (load {run.load_average:.2f})" for run in runs)
                lines.append(f"  {name} attempts: {attempts}")
        return lines


@dataclass(frozen=True)
class TimedBuild:
    """One timed dbt build and the 1-minute load average just before it started (the machine is shared)."""

    elapsed_s: float
    load_average: float


def run_benchmark(articles: int, new_articles: int, workdir: Path, repeat: int = 1) -> BenchmarkFigures:
    """Generate the warehouse in `workdir`, build it, add a night, and build that night alone elsewhere;
    the two night builds `repeat` times each.

    Raises RuntimeError naming dbt's failures when a build fails, ValueError when `repeat` < 1.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, not {repeat}")
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
    pre_night = workdir / "large_pre_night.duckdb"
    if repeat > 1:
        shutil.copyfile(large, pre_night)
    # The two sides take turns, so a burst of load elsewhere on the machine hits both alike.
    incremental_runs = []
    empty_runs = []
    for attempt in range(repeat):
        if attempt:
            shutil.copyfile(pre_night, large)
        incremental_runs.append(_timed_build(large, target_dir, "incremental"))
        small = _warehouse(workdir / "small.duckdb")
        with duckdb.connect(str(small)) as connection:
            add_articles(connection, night, seed=0.7)
        empty_runs.append(_timed_build(small, target_dir, "empty"))
    pre_night.unlink(missing_ok=True)

    return BenchmarkFigures(
        articles=counts["articles"],
        mentions=counts["actor_mentions"],
        new_articles=new_articles,
        generate_s=generate_s,
        full_build_s=full.elapsed_s,
        incremental_runs=tuple(incremental_runs),
        empty_runs=tuple(empty_runs),
    )


def _timed_build(database: Path, target_dir: Path, name: str) -> TimedBuild:
    load_average = os.getloadavg()[0]
    return TimedBuild(elapsed_s=_build(database, target_dir, name).elapsed_s, load_average=load_average)


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


def main(
    articles: int, new_articles: int, workdir: Path | None, keep: bool, repeat: int = 1
) -> BenchmarkFigures:
    """Run the benchmark and print its figures; the working folder is removed unless `keep`."""
    chosen = workdir or Path(tempfile.mkdtemp(prefix="newsdesk-scale-"))
    try:
        figures = run_benchmark(articles, new_articles, chosen, repeat)
    finally:
        if not keep and workdir is None:
            shutil.rmtree(chosen, ignore_errors=True)
    for line in figures.lines():
        print(line)
    return figures

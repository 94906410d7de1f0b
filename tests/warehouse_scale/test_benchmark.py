"""The scale benchmark's figures: the ratio takes the best attempt of each side; a small run end to end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flows.warehouse_scale.benchmark import BenchmarkFigures, TimedBuild, run_benchmark


def _figures(incremental: list[float], empty: list[float]) -> BenchmarkFigures:
    return BenchmarkFigures(
        articles=100_000,
        mentions=1_500_000,
        new_articles=1_000,
        generate_s=5.0,
        full_build_s=16.0,
        incremental_runs=tuple(TimedBuild(elapsed_s, 0.5) for elapsed_s in incremental),
        empty_runs=tuple(TimedBuild(elapsed_s, 2.5) for elapsed_s in empty),
    )


def test_the_ratio_takes_the_best_attempt_of_each_side():
    figures = _figures([7.0, 5.5, 6.0], [4.8, 5.0, 4.4])
    assert (figures.incremental_build_s, figures.empty_build_s) == (5.5, 4.4)
    assert figures.ratio == pytest.approx(1.25)
    lines = figures.lines()
    assert "best of 3" in lines[2] and "ok" in lines[4]
    assert lines[-2] == "  incremental attempts: 7.0 s (load 0.50), 5.5 s (load 0.50), 6.0 s (load 0.50)"


def test_a_single_attempt_prints_no_attempt_list():
    lines = _figures([7.0], [4.0]).lines()
    assert len(lines) == 5
    assert "over target" in lines[-1]


def test_the_command_documents_repeat():
    result = subprocess.run(
        [sys.executable, "-m", "flows.warehouse_scale", "--help"], capture_output=True, text=True, check=True
    )
    assert "--repeat" in result.stdout


def test_repeat_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        run_benchmark(100, 10, tmp_path, repeat=0)


@pytest.mark.slow
def test_a_small_run_times_every_attempt_from_the_same_night(tmp_path):
    figures = run_benchmark(300, 20, tmp_path, repeat=2)
    assert (figures.articles, len(figures.incremental_runs), len(figures.empty_runs)) == (300, 2, 2)
    assert figures.ratio > 0
    # The pre-night copy is gone; the last incremental attempt's run results are kept for inspection.
    assert not (tmp_path / "large_pre_night.duckdb").exists()
    assert (tmp_path / "dbt_target" / "run_results_incremental.json").exists()

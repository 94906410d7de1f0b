"""The runner's summary and report from measured nights, and counts read from a night's log."""

from __future__ import annotations

import pytest

from flows.benchmark.runner import figures_from_log, format_report, summarize

NIGHT_LOG = """\
04:16:31.563 | INFO    | Flow run 'peculiar-tiger' - run nightly-2023-10-01: 200 URLs, 200 to acquire in 4 batches
04:16:36.197 | INFO    | Task run 'acquire-771' - blog.policyhorizons.net: 43/43 URLs acquired
newsdesk nightly-2023-10-01: PASSED — 0 critical, 5 warnings, 110 passed (validated in 2.1 s)

  stage               count
  URLs discovered       200
  pages fetched         198
  articles extracted    197
"""


def _night(wall_s: float, articles: int, rss_mb: int, exit_code: int = 0) -> dict:
    return {
        "run_date": "2023-10-01",
        "exit_code": exit_code,
        "wall_s": wall_s,
        "flow_s": wall_s - 10,
        "docs_per_s": articles / wall_s if articles else None,
        "peak_rss_bytes": rss_mb * 1024**2,
        "peak_processes": 3,
        "counts": {"discovered": articles, "fetched": articles, "articles": articles},
        "counts_source": "warehouse",
        "timing_source": "prefect-api",
        "stages": [
            {"stage": "acquire", "seconds": 5.0, "busy_seconds": 9.0, "task_runs": 2, "documents": articles,
             "docs_per_s": articles / 5.0},
        ],
    }  # fmt: skip


def _results(small_wall: float, large_wall: float) -> dict:
    return {
        "machine": {"cores": 2, "cpu_model": "test", "ram_bytes": 8 * 1024**3, "python": "3.11",
                    "load_average_1m_at_start": 0.5},
        "parameters": {"pages": 100, "scale": 5, "rss_pages": 500},
        "bare": {"workers": 2, "pages": 500, "rate_all": 90.0, "rate_marginal": 100.0},
        "nights": {"100": _night(small_wall, 100, 900), "500": _night(large_wall, 500, 1600)},
        "fixed_cost": _night(12.0, 0, 500, exit_code=1),
    }  # fmt: skip


def test_summary_takes_the_marginal_rate_between_the_two_nights() -> None:
    results = _results(small_wall=30.0, large_wall=35.0)  # 400 more pages in 5 more seconds: 80 docs/s
    summary = summarize(results, 100, 500, 500)
    assert summary["e2e_marginal_docs_per_s"] == pytest.approx(80.0)
    assert summary["marginal_ratio"] == pytest.approx(0.8)
    assert summary["fixed_cost_s"] == 12.0
    assert summary["peak_rss_bytes"] == 1600 * 1024**2
    assert summary["meets"] == {"marginal_ratio": False, "fixed_cost": True, "peak_rss": False}
    results["summary"] = summary
    report = format_report(results)
    assert "0.80" in report and "MISSED" in report


def test_the_ratio_against_trafilatura_as_the_pipeline_runs_it_is_reported_beside() -> None:
    results = _results(small_wall=30.0, large_wall=35.0)  # 80 docs/s marginal
    results["bare_as_pipeline"] = {"workers": 2, "pages": 500, "rate_all": 150.0, "rate_marginal": 160.0,
                                   "options": {"fast": True}}  # fmt: skip
    summary = summarize(results, 100, 500, 500)
    assert summary["marginal_ratio"] == pytest.approx(0.8)  # the headline stays against the defaults
    assert summary["marginal_ratio_as_pipeline"] == pytest.approx(0.5)
    results["summary"] = summary
    report = format_report(results)
    assert "bare_extraction(with_metadata=True, fast=True)" in report
    assert "as the pipeline runs it: 0.50" in report


def test_summary_without_a_marginal_rate_says_why() -> None:
    summary = summarize(_results(small_wall=40.0, large_wall=35.0), 100, 500, 500)
    assert summary["marginal_ratio"] is None
    assert "took no longer" in summary["marginal_ratio_error"]
    assert summary["meets"]["marginal_ratio"] is False


def test_counts_from_the_log_prefer_the_summary_table() -> None:
    assert figures_from_log(NIGHT_LOG) == {"discovered": 200, "fetched": 198, "articles": 197}


def test_counts_from_a_log_without_a_summary_come_from_task_lines() -> None:
    log = "\n".join(NIGHT_LOG.splitlines()[:2])
    assert figures_from_log(log) == {"discovered": 200, "fetched": 43, "articles": None}


def test_repeated_passes_use_the_fastest_night_but_the_highest_memory_peak() -> None:
    results = _results(small_wall=30.0, large_wall=35.0)
    slow_large = _night(40.0, 500, 1400)  # first pass of 5N: slowed, but a lower memory peak
    fast_large = _night(34.0, 500, 1450)
    results["night_passes"] = {
        "100": [_night(31.0, 100, 900), _night(30.0, 100, 950)],
        "500": [slow_large, fast_large],
    }
    results["nights"] = {"100": results["night_passes"]["100"][1], "500": fast_large}
    summary = summarize(results, 100, 500, 500)
    assert summary["e2e_marginal_docs_per_s"] == pytest.approx(100.0)  # 400 pages in 34 - 30 s
    assert summary["marginal_ratio"] == summary["marginal_ratio_uncorrected"] == pytest.approx(1.0)
    assert "marginal_ratio_per_pass" not in summary  # no bare samples around the nights
    assert summary["peak_rss_bytes"] == 1450 * 1024**2
    results["summary"] = summary
    assert "passes: 40.0 s, 34.0 s (used); peak RSS 1400 MB, 1450 MB" in format_report(results)


def test_each_night_is_weighed_by_the_bare_rate_around_it() -> None:
    results = _results(small_wall=30.0, large_wall=35.0)
    # Pass 1: the machine ran at full speed (bare 100 docs/s) for N and at half speed for 5N: the 5N
    # night took 50 s for 25 s of full-speed work. Uncorrected, that pass alone reads 400 / 20 s.
    # Pass 2: a steady machine at 100 docs/s, the pipeline at 80 docs/s per extra page.
    small_1, large_1 = _night(30.0, 100, 900), _night(60.0, 500, 1400)
    small_1["bare_rate_around"], large_1["bare_rate_around"] = 100.0, 50.0
    small_2, large_2 = _night(30.0, 100, 900), _night(35.0, 500, 1400)
    small_2["bare_rate_around"], large_2["bare_rate_around"] = 100.0, 100.0
    results["night_passes"] = {"100": [small_1, small_2], "500": [large_1, large_2]}
    results["nights"] = {"100": small_1, "500": large_2}
    summary = summarize(results, 100, 500, 500)
    # pass 1: 400 / (60·50 − 30·100) has no work to show: 0 pages' worth, so it is left out
    assert summary["marginal_ratio_per_pass"] == [pytest.approx(0.8)]
    assert summary["marginal_ratio"] == pytest.approx(0.8)
    large_1["bare_rate_around"] = 60.0  # 60·60 − 3000 = 600 pages of work for 400 pages: 0.67
    summary = summarize(results, 100, 500, 500)
    assert summary["marginal_ratio_per_pass"] == [pytest.approx(400 / 600), pytest.approx(0.8)]
    assert summary["marginal_ratio"] == pytest.approx(800 / (600 + 500))  # both passes' pages over their work
    assert summary["marginal_ratio_uncorrected"] == pytest.approx(0.8)  # fastest nights, the bare pass
    results["summary"] = summary
    report = format_report(results)
    assert (
        "pass by pass 0.67, 0.80; uncorrected, the fastest nights against the faster bare pass: 0.80"
        in report
    )
    large_2["exit_code"] = 2  # a failed night is no measurement
    assert summarize(results, 100, 500, 500)["marginal_ratio_per_pass"] == [pytest.approx(400 / 600)]

"""The benchmark's arithmetic: marginal rate and ratio, stage names, and timings from logs and the API."""

from __future__ import annotations

import pytest

from flows.benchmark import figures

LOG = """\
04:08:00.783 | INFO    | Flow run 'dazzling-tapir' - Beginning flow run 'dazzling-tapir' for flow 'newsdesk-nightly'
04:08:01.157 | INFO    | Flow run 'dazzling-tapir' - run nightly-2023-09-26: 5 sources
04:08:01.244 | INFO    | Task run 'discover-fef' - source caspianwire-rss: 10 entries
04:08:01.277 | INFO    | Task run 'discover-fef' - Finished in state Completed()
04:08:01.279 | INFO    | Task run 'fetch-3f6' - fetching 38 URLs (0 conditional)
not a log line: a summary the CLI printed
04:08:12.256 | INFO    | Task run 'fetch-3f6' - Finished in state Completed()
04:08:14.811 | INFO    | Task run 'extract-dc9' - extracted 37 pages: 36 articles, 1 other pages
04:08:14.822 | INFO    | Task run 'extract-dc9' - Finished in state Completed()
04:08:31.465 | INFO    | Task run 'dbt build-819' - Finished in state Completed()
04:08:39.536 | INFO    | Flow run 'dazzling-tapir' - Finished in state Completed()
"""


def test_marginal_rate_cancels_the_fixed_cost() -> None:
    # 30 s of start-up plus 0.1 s per page: the marginal rate is 10 docs/s whatever the start-up.
    small, large = 1000, 5000
    assert figures.marginal_rate(small, 30 + small * 0.1, large, 30 + large * 0.1) == pytest.approx(10.0)


def test_marginal_ratio_divides_by_the_bare_rate() -> None:
    assert figures.marginal_ratio(1000, 130.0, 5000, 530.0, bare_rate=20.0) == pytest.approx(0.5)
    assert figures.marginal_ratio(2000, 50.0, 10000, 130.0, bare_rate=100.0) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("small", "t_small", "large", "t_large"),
    [(1000, 10.0, 1000, 20.0), (1000, 10.0, 5000, 10.0), (1000, 20.0, 5000, 15.0)],
)
def test_marginal_rate_refuses_runs_it_cannot_compare(small, t_small, large, t_large) -> None:
    with pytest.raises(ValueError):
        figures.marginal_rate(small, t_small, large, t_large)


def test_marginal_ratio_refuses_a_zero_bare_rate() -> None:
    with pytest.raises(ValueError):
        figures.marginal_ratio(1, 1.0, 2, 2.0, bare_rate=0.0)


def test_rate_is_none_without_time() -> None:
    assert figures.rate(10, 0.0) is None
    assert figures.rate(10, 4.0) == 2.5


@pytest.mark.parametrize(
    ("name", "stage"),
    [("fetch-3f6", "fetch"), ("dbt build-819", "dbt build"), ("extract-batch-12", "extract-batch"),
     ("extract-batch-12-a0c", "extract-batch"), ("report", "report")],
)  # fmt: skip
def test_stage_name_drops_run_suffixes_and_batch_numbers(name, stage) -> None:
    assert figures.stage_name(name) == stage


def test_stage_timings_from_a_log_start_at_the_line_before() -> None:
    runs, flow = figures.task_runs_from_log(LOG)
    timings = {timing.stage: timing for timing in figures.stage_timings(runs)}
    assert list(timings) == ["discover", "fetch", "extract", "dbt build"]
    assert timings["discover"].seconds == pytest.approx(1.277 - 1.157)
    assert timings["fetch"].seconds == pytest.approx(12.256 - 1.277)
    assert timings["dbt build"].seconds == pytest.approx(31.465 - 14.822)
    assert flow == (0.0, pytest.approx(39.536 - 0.783))


def test_log_timings_follow_the_clock_past_midnight() -> None:
    log = (
        "23:59:59.000 | INFO    | Flow run 'x' - Beginning flow run 'x'\n"
        "00:00:04.000 | INFO    | Task run 'fetch-abc' - Finished in state Completed()\n"
    )
    runs, _ = figures.task_runs_from_log(log)
    assert runs[0].finished_s == pytest.approx(5.0)


def test_a_log_without_run_lines_gives_nothing() -> None:
    assert figures.task_runs_from_log("hello\nworld\n") == ([], None)


def test_overlapping_task_runs_of_one_stage_share_its_wall_time() -> None:
    runs = figures.task_runs_from_api(
        [
            {"name": "extract-batch-0-aaa", "start_time": "2024-01-01T00:00:00Z", "end_time": "2024-01-01T00:00:10Z"},
            {"name": "extract-batch-1-bbb", "start_time": "2024-01-01T00:00:02Z", "end_time": "2024-01-01T00:00:12Z"},
            {"name": "load-ccc", "start_time": "2024-01-01T00:00:12Z", "end_time": "2024-01-01T00:00:13+00:00"},
            {"name": "never-started", "start_time": None, "end_time": None},
        ]
    )  # fmt: skip
    timings = {timing.stage: timing for timing in figures.stage_timings(runs)}
    assert set(timings) == {"extract-batch", "load"}
    assert timings["extract-batch"].seconds == pytest.approx(12.0)
    assert timings["extract-batch"].busy_seconds == pytest.approx(20.0)
    assert timings["extract-batch"].task_runs == 2
    assert timings["load"].seconds == pytest.approx(1.0)


def test_stage_documents_by_stage_kind() -> None:
    counts = {"discovered": 120, "fetched": 100, "articles": 95}
    assert figures.stage_documents("discover", counts) == 120
    assert figures.stage_documents("fetch", counts) == 100
    assert figures.stage_documents("extract-batch", counts) == 100
    assert figures.stage_documents("dbt build", counts) == 95


def test_the_fastest_pass_is_the_one_with_the_least_wall_time_that_did_not_fail() -> None:
    crashed = {"wall_s": 5.0, "exit_code": 2}  # stopped early: fast, but not a night
    slow, fast = {"wall_s": 40.0, "exit_code": 0}, {"wall_s": 35.0, "exit_code": 1}
    assert figures.fastest_pass([slow, crashed, fast]) is fast
    assert figures.fastest_pass([crashed]) is crashed  # every pass failed: the failure is still seen
    with pytest.raises(ValueError, match="no passes"):
        figures.fastest_pass([])


def test_the_speed_corrected_ratio_counts_each_run_in_pages_of_bare_work() -> None:
    # A steady machine: the plain marginal ratio.
    steady = figures.extra_bare_work(30, 100.0, 70, 100.0)
    assert figures.speed_corrected_ratio(4000, [steady]) == pytest.approx(
        figures.marginal_ratio(1000, 30, 5000, 70, 100.0)
    )
    # The larger run on a machine at half speed took twice as long for the same work.
    assert figures.extra_bare_work(30, 100.0, 140, 50.0) == pytest.approx(4000.0)
    # Pairs pool as a ratio of sums: 8,000 pages over 4,000 + 12,000 pages of work.
    assert figures.speed_corrected_ratio(4000, [4000.0, 12000.0]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="positive"):
        figures.extra_bare_work(30, 0.0, 70, 100.0)
    with pytest.raises(ValueError, match="no more work"):
        figures.extra_bare_work(30, 100.0, 40, 50.0)
    with pytest.raises(ValueError, match="no pair"):
        figures.speed_corrected_ratio(4000, [])

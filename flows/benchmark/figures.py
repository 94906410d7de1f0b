"""The benchmark's arithmetic: rates, the marginal end-to-end/bare ratio, and per-stage timings.

Pure: no IO, no Prefect. Stage timings come from one of two places, and say which:

- `prefect-api`: the task runs the Prefect server recorded for the flow run (start and end of each);
- `log`: the flow's log lines (`HH:MM:SS.mmm | INFO | Task run 'fetch-3f6' - ...`). The log states
  when a task run finished but not when it started, so a run is taken to start at the log line before
  its first own line: exact for stages that run one after another, approximate for overlapping ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_LOG_LINE_RE = re.compile(
    r"^(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})\.(?P<ms>\d{3}) \| (?P<level>\w+)\s*\| "
    r"(?P<kind>Task run|Flow run) '(?P<name>[^']+)' - (?P<message>.*)$"
)
_FINISHED_RE = re.compile(r"^Finished in state (?P<state>\w+)")
_RUN_SUFFIX_RE = re.compile(r"-[0-9a-f]{3}$")
_BATCH_SUFFIX_RE = re.compile(r"[-_ #]\d+$")


@dataclass(frozen=True)
class TaskRunSpan:
    """One task run: its stage (the task's name), and when it ran in seconds from a common origin."""

    name: str
    stage: str
    started_s: float
    finished_s: float
    state: str

    @property
    def seconds(self) -> float:
        return self.finished_s - self.started_s


@dataclass(frozen=True)
class StageTiming:
    """One stage of a night: wall time from its first task run's start to its last one's end, the sum
    of its task runs' own durations (more than the wall time when runs overlap), and how many runs."""

    stage: str
    seconds: float
    busy_seconds: float
    task_runs: int
    first_started_s: float


def rate(documents: float, seconds: float) -> float | None:
    """Documents per second, or None when no time was measured."""
    return documents / seconds if seconds > 0 else None


def marginal_rate(small_docs: int, small_seconds: float, large_docs: int, large_seconds: float) -> float:
    """Documents per second that the extra documents of the larger run cost: (n₂ − n₁) / (t₂ − t₁).

    Fixed start-up cost appears in both runs and cancels. Raises ValueError unless the larger run has
    more documents and took longer.
    """
    if large_docs <= small_docs:
        raise ValueError(f"the larger run needs more documents ({large_docs} <= {small_docs})")
    if large_seconds <= small_seconds:
        raise ValueError(
            f"the larger run took no longer ({large_seconds:.1f} s <= {small_seconds:.1f} s): "
            "the runs are too small or too noisy to tell a marginal rate"
        )
    return (large_docs - small_docs) / (large_seconds - small_seconds)


def fastest_pass(passes: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The pass of a night (or loop) with the least wall time among those that ran to the end (exit 0 or 1).

    A failed pass is returned only when every pass failed, so the failure is still seen. Raises
    ValueError for no passes.
    """
    if not passes:
        raise ValueError("no passes to choose from")
    finished = [run for run in passes if run.get("exit_code", 0) in (0, 1)] or list(passes)
    return min(finished, key=lambda run: run["wall_s"])


def extra_bare_work(
    small_seconds: float, small_bare_rate: float, large_seconds: float, large_bare_rate: float
) -> float:
    """What the larger run cost beyond the smaller one, in pages of bare extraction: t₂·r₂ − t₁·r₁.

    On a machine whose speed drifts, a run's seconds times the bare rate measured around it is its work
    counted in pages the bare loop would have extracted meanwhile. Raises ValueError when a rate is not
    positive or the larger run took no more work.
    """
    if small_bare_rate <= 0 or large_bare_rate <= 0:
        raise ValueError(f"the bare rates must be positive (got {small_bare_rate}, {large_bare_rate})")
    work = large_seconds * large_bare_rate - small_seconds * small_bare_rate
    if work <= 0:
        raise ValueError("the larger run took no more work than the smaller one: too small or too noisy")
    return work


def speed_corrected_ratio(extra_docs: int, extra_works: Sequence[float]) -> float:
    """The marginal ratio from one or more pairs of runs: extra documents over extra bare work, summed.

    (n₂ − n₁) per pair over the sum of `extra_bare_work`: a ratio of sums, so a pair whose difference
    came out small does not outweigh the others. With one steady rate r and one pair it is the plain
    marginal rate divided by r. Raises ValueError without pairs.
    """
    if not extra_works:
        raise ValueError("no pair of runs to take a ratio from")
    return extra_docs * len(extra_works) / sum(extra_works)


def marginal_ratio(
    small_docs: int, small_seconds: float, large_docs: int, large_seconds: float, bare_rate: float
) -> float:
    """The end-to-end marginal rate as a share of the bare extraction rate over the same extra pages.

    1.0 means the pipeline costs nothing beyond trafilatura for each extra page. Raises ValueError as
    `marginal_rate` does, or when `bare_rate` is not positive.
    """
    if bare_rate <= 0:
        raise ValueError(f"the bare rate must be positive (got {bare_rate})")
    return marginal_rate(small_docs, small_seconds, large_docs, large_seconds) / bare_rate


def stage_name(task_run_name: str) -> str:
    """The stage a task run belongs to: its name without Prefect's run suffix or a batch number.

    'fetch-3f6' -> 'fetch', 'dbt build-819' -> 'dbt build', 'extract-batch-12' -> 'extract-batch'.
    """
    return _BATCH_SUFFIX_RE.sub("", _RUN_SUFFIX_RE.sub("", task_run_name)) or task_run_name


def task_runs_from_log(text: str) -> tuple[list[TaskRunSpan], tuple[float, float] | None]:
    """Read task-run spans, and the flow run's (start, end), from a Prefect log; seconds from its first line.

    Lines that are not Prefect run log lines are skipped; a clock that passes midnight is followed. A
    task run with no "Finished in state" line ends at its last line. Returns ([], None) for a log
    without any run lines.
    """
    events: list[tuple[float, str, str, str]] = []  # (seconds, kind, name, message)
    origin: float | None = None
    day_offset, previous = 0.0, None
    for line in text.splitlines():
        match = _LOG_LINE_RE.match(line.strip())
        if not match:
            continue
        clock = int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"]) + int(match["ms"]) / 1000
        if previous is not None and clock + day_offset < previous - 3600:
            day_offset += 86400.0
        absolute = clock + day_offset
        previous = absolute
        origin = absolute if origin is None else origin
        events.append((absolute - origin, match["kind"], match["name"], match["message"]))
    if not events:
        return [], None
    spans: dict[str, dict] = {}
    flow_start = flow_end = None
    for position, (seconds, kind, name, message) in enumerate(events):
        finished = _FINISHED_RE.match(message)
        if kind == "Flow run":
            flow_start = seconds if flow_start is None else flow_start
            flow_end = seconds
            continue
        if name not in spans:
            before = events[position - 1][0] if position > 0 else seconds
            spans[name] = {"started": before, "finished": seconds, "state": "RUNNING"}
        spans[name]["finished"] = seconds
        if finished:
            spans[name]["state"] = finished["state"].upper()
    runs = [
        TaskRunSpan(name, stage_name(name), span["started"], span["finished"], span["state"])
        for name, span in spans.items()
    ]
    flow = (flow_start, flow_end) if flow_start is not None and flow_end is not None else None
    return runs, flow


def task_runs_from_api(task_runs: Iterable[Mapping], origin: dt.datetime | None = None) -> list[TaskRunSpan]:
    """Turn task runs as the Prefect API returns them (name, start_time, end_time, state_type) into spans.

    Seconds count from `origin` (default: the earliest start). Runs that never started are skipped.
    """
    parsed = []
    for run in task_runs:
        if not run.get("start_time"):
            continue
        started = _parse_instant(run["start_time"])
        ended = _parse_instant(run["end_time"]) if run.get("end_time") else started
        parsed.append((run["name"], started, ended, str(run.get("state_type") or "")))
    if not parsed:
        return []
    origin = origin or min(started for _, started, _, _ in parsed)
    return [
        TaskRunSpan(
            name,
            stage_name(name),
            (started - origin).total_seconds(),
            (ended - origin).total_seconds(),
            state,
        )
        for name, started, ended, state in sorted(parsed, key=lambda item: item[1])
    ]


def stage_timings(task_runs: Iterable[TaskRunSpan]) -> list[StageTiming]:
    """Group task runs by stage, in the order the stages started."""
    by_stage: dict[str, list[TaskRunSpan]] = {}
    for run in task_runs:
        by_stage.setdefault(run.stage, []).append(run)
    timings = [
        StageTiming(
            stage=stage,
            seconds=max(run.finished_s for run in runs) - min(run.started_s for run in runs),
            busy_seconds=sum(run.seconds for run in runs),
            task_runs=len(runs),
            first_started_s=min(run.started_s for run in runs),
        )
        for stage, runs in by_stage.items()
    ]
    return sorted(timings, key=lambda timing: timing.first_started_s)


def stage_documents(stage: str, counts: Mapping[str, int | None]) -> int | None:
    """How many documents a stage handles: URLs discovered, pages fetched (fetch and extract), or the
    night's articles (every later stage). A stage named for acquiring (fetch and extract in one) counts
    fetched pages. `counts` holds 'discovered', 'fetched' and 'articles'."""
    lowered = stage.lower()
    if "discover" in lowered:
        return counts.get("discovered")
    if any(word in lowered for word in ("fetch", "extract", "acquire")):
        return counts.get("fetched")
    return counts.get("articles")


def span_seconds(start: str | None, end: str | None) -> float | None:
    """Seconds between two ISO instants as the Prefect API gives them, or None if either is missing."""
    if not start or not end:
        return None
    return (_parse_instant(end) - _parse_instant(start)).total_seconds()


def _parse_instant(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)

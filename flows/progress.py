"""Progress of long stages: a live bar on a terminal, a log line every few seconds elsewhere.

Tasks running in this process (the default thread runner) report through `current()`; tasks on Dask
workers have no tracker there and report nothing, the flow still logs each finished batch.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

Mode = Literal["bar", "log", "off"]
LOG_EVERY_S = 5.0


class StageProgress:
    """Counts work done in a stage and shows it; safe to call from many threads."""

    def __init__(self, mode: Mode, logger: logging.Logger | logging.LoggerAdapter):
        self.mode = mode
        self._logger = logger
        self._lock = threading.Lock()
        self._stage = ""
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._last_log = 0.0
        self._bar: Progress | None = None
        self._bar_task: TaskID | None = None

    def start(self, stage: str, total: int) -> None:
        with self._lock:
            self._stage, self._total, self._done = stage, total, 0
            self._started = self._last_log = time.monotonic()
            if self.mode == "bar" and total:
                self._bar = Progress(
                    TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                    TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True,
                )  # fmt: skip
                self._bar_task = self._bar.add_task(stage, total=total, rate="")
                self._bar.start()

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self._done += count
            now = time.monotonic()
            rate = self._done / max(now - self._started, 1e-9)
            if self._bar is not None and self._bar_task is not None:
                self._bar.update(self._bar_task, completed=self._done, rate=f"{rate:.1f}/s")
            elif self.mode == "log" and (now - self._last_log >= LOG_EVERY_S or self._done >= self._total):
                self._last_log = now
                left = (self._total - self._done) / rate if rate else 0
                self._logger.info(
                    "%s: %d/%d (%.1f/s, about %.0f s left)", self._stage, self._done, self._total, rate, left
                )

    def stage(self, name: str) -> None:
        """Announce the stage that starts now (on a terminal; log mode has Prefect's own lines)."""
        if self.mode == "bar":
            Console(stderr=True).print(f"[bold]▸[/bold] {name}", highlight=False)

    def finish(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


_current: StageProgress | None = None


def install(progress: StageProgress | None) -> None:
    """Make `progress` the tracker tasks in this process report to (None removes it)."""
    global _current
    _current = progress


def stage(name: str) -> None:
    """Announce a stage to the installed tracker, if any."""
    if _current is not None:
        _current.stage(name)


def start(stage_name: str, total: int) -> None:
    """Start counting a long stage of `total` units on the installed tracker, if any."""
    if _current is not None:
        _current.start(stage_name, total)


def finish() -> None:
    """Close the installed tracker's live display, if any."""
    if _current is not None:
        _current.finish()


def advance(count: int = 1) -> None:
    """Report `count` units of work done, when a tracker is installed in this process."""
    if _current is not None:
        _current.advance(count)

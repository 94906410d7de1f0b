"""Worker processes the stages share within one flow run: the extraction pool, the dbt process and the
validation process.

All are spawned (not forked: the flow process runs threads, Prefect's and the fetcher's, that a fork
would copy mid-lock), created on first use, and exit when the flow process dies, SIGKILL included, so a
crash never leaves workers behind holding its output pipes open.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class WorkerProcesses:
    """One process pool, started on demand and stopped by the flow when its stage is over.

    `warm_up`, when given, is submitted as soon as the pool starts (a pool starts its processes on the
    first submission), so slow imports happen while the flow does other work; an error there surfaces
    again, with its message, when real work runs.
    """

    def __init__(self, warm_up: Callable[[], None] | None = None) -> None:
        self._warm_up = warm_up
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def start(self, workers: int) -> ProcessPoolExecutor:
        """The running pool, or a new one of `workers` processes."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=exit_with_parent,
                    initargs=(os.getpid(),),
                )
                if self._warm_up is not None:
                    self._pool.submit(self._warm_up)
            return self._pool

    def running(self) -> ProcessPoolExecutor | None:
        """The pool if it was started and not stopped since."""
        with self._lock:
            return self._pool

    def call(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Call `function` in the pool when it runs (and wait for it), else in this process."""
        pool = self.running()
        if pool is None:
            return function(*args, **kwargs)
        return pool.submit(function, *args, **kwargs).result()

    def stop(self, *, wait: bool = True, cancel_queued: bool = True) -> None:
        """Stop the processes, cancelling queued work unless `cancel_queued` is False (safe when none
        was started).

        With `wait` False it returns at once and the processes exit meanwhile (a process that imported
        Great Expectations takes about a second to); the interpreter still waits for them at its exit.
        """
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=wait, cancel_futures=cancel_queued)
            self._pool = None


def exit_with_parent(parent_pid: int) -> None:
    """Make a worker process exit when the process that started it dies."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()

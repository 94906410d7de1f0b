import atexit
import time

import psutil

from flows.tasks.workers import WorkerProcesses

EXIT_DELAY_S = 2.0


def _exit_slowly() -> None:
    """Make this worker process take a while to exit, as one that imported Great Expectations does."""
    atexit.register(time.sleep, EXIT_DELAY_S)


def _started_slow_exiting_pool(workers: WorkerProcesses) -> list:
    pool = workers.start(1)
    pool.submit(_exit_slowly).result()
    return list(pool._processes.values())


def test_stopping_without_waiting_returns_at_once_and_the_process_still_exits():
    workers = WorkerProcesses()
    processes = _started_slow_exiting_pool(workers)
    started = time.perf_counter()
    workers.stop(wait=False)
    assert time.perf_counter() - started < EXIT_DELAY_S / 2
    assert workers.running() is None
    # the pool's own thread reaps the process, so watch its pid rather than join it here
    deadline = time.monotonic() + 30
    while any(_is_running(process.pid) for process in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_is_running(process.pid) for process in processes)


def test_stopping_waits_for_the_processes_by_default():
    workers = WorkerProcesses()
    processes = _started_slow_exiting_pool(workers)
    started = time.perf_counter()
    workers.stop()
    assert time.perf_counter() - started >= EXIT_DELAY_S * 0.9
    assert all(process.exitcode is not None for process in processes)


def _is_running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False

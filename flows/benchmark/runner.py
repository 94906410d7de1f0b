"""Run the nightly benchmark: corpus, bare trafilatura loop, nights of N and scale·N pages, fixed cost, RSS.

    python -m flows.benchmark [--pages 2000] [--scale 5] [--rss-pages 10000] [--workdir DIR]

Every night runs twice by default (N, 5N, N, 5N), each between two timed samples of the bare loop that
measure the machine's speed around it (see docs/benchmark.md for the ratio they give).

Every night is a `newsdesk run` subprocess with a fresh state directory and warehouse, against one
long-lived `prefect server start` (PREFECT_HOME in the workdir), crawling the corpus on 127.0.0.1 with
no per-host delay and a permissive robots.txt. The figures are printed and written to
<workdir>/benchmark.json after every step, so a run stopped half-way keeps what it measured.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil
import yaml

from flows.benchmark import figures
from flows.benchmark.corpus import DEFAULT_NIGHT, DEFAULT_SEED, Corpus, build_corpus, corpus_sources
from flows.benchmark.server import serve_corpus
from flows.core.extraction import TRAFILATURA_OPTIONS
from flows.settings import REPO_ROOT

DEFAULT_WORKDIR = REPO_ROOT / ".newsdesk" / "benchmark"
TARGETS = {"marginal_ratio_min": 0.9, "fixed_cost_s_max": 15.0, "peak_rss_bytes_max": int(1.5 * 1024**3)}
RSS_SAMPLE_INTERVAL_S = 0.2
BIN = Path(sys.executable).parent
QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_UI_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures; returns 1 when a night fails outright (exit code > 1)."""
    args = _parser().parse_args(argv)
    small, large = args.pages, args.pages * args.scale
    if small < 1 or args.scale < 2:
        raise SystemExit("--pages must be at least 1 and --scale at least 2")
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "parameters": {
            "pages": small,
            "scale": args.scale,
            "rss_pages": args.rss_pages,
            "seed": args.seed,
            "run_date": args.run_date.isoformat(),
            "bare_workers": args.bare_workers,
            "night_passes": args.night_passes,
        },
        "targets": TARGETS,
    }
    output = workdir / "benchmark.json"

    def save() -> None:
        output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")

    _say(f"machine: {_machine_line(results['machine'])}")
    started = time.perf_counter()
    corpus = build_corpus(workdir / "corpus", max(large, args.rss_pages), seed=args.seed, night=args.run_date)
    _say(f"corpus: {len(corpus.pages)} pages in {corpus.directory} ({time.perf_counter() - started:.1f} s)")
    sources_file = workdir / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": corpus_sources()}, sort_keys=False), encoding="utf-8")

    results["bare_passes"] = [bare_benchmark(corpus, small, large, args.bare_workers)]
    results["bare"] = results["bare_passes"][0]
    save()
    _say(_bare_line(results["bare"], small, large))

    # Each night size runs `night_passes` times, the passes interleaved (N, 5N, N, 5N), and a sample of
    # the bare loop runs before the first night and after each one: on a shared machine the speed moves
    # by a third within minutes, so each night is weighed by the bare rate measured around it.
    sizes = sorted({small, large, args.rss_pages})
    passes: dict[str, list[dict[str, Any]]] = {str(size): [] for size in sizes}
    results["night_passes"] = passes
    nights: dict[str, Any] = {}
    results["nights"] = nights
    samples: list[dict[str, Any]] = []
    results["bare_samples"] = samples

    def sample_speed() -> None:
        if args.sample_pages:
            samples.append(bare_sample(corpus, small, large, args.bare_workers, args.sample_pages))
            _say(_sample_line(samples[-1], small, large))
            save()

    with prefect_server(workdir / "prefect") as api_url:
        env = night_environment(api_url, workdir / "prefect")
        sample_speed()
        for number, size in itertools.product(range(1, args.night_passes + 1), sizes):
            state_dir = workdir / "runs" / f"n{size}"
            with serve_corpus(corpus, size) as site:
                night_env = {**env, "NEWSDESK_HOST_OVERRIDES": json.dumps(site.host_overrides)}
                _say(f"night of {size} pages, pass {number} of {args.night_passes} ...")
                night = run_night(
                    sources_file, state_dir, args.run_date, night_env, api_url, expected_articles=size
                )
                passes[str(size)].append(night)
                nights[str(size)] = figures.fastest_pass(passes[str(size)])
                _say(_night_line(night))
                save()
                if size == small and number == 1:
                    _say("fixed cost: the same sources again the next night, every URL already seen ...")
                    results["fixed_cost"] = run_night(
                        sources_file,
                        state_dir,
                        args.run_date + dt.timedelta(days=1),
                        night_env,
                        api_url,
                        expected_articles=0,
                        fresh=False,
                    )
                    _say(_night_line(results["fixed_cost"]))
                    save()
            before = samples[-1]["rate"] if samples else None
            sample_speed()
            if before and samples[-1]["rate"]:
                night["bare_rate_around"] = (before + samples[-1]["rate"]) / 2
                save()
    # The bare loop again, now that the nights are over: on a shared machine one pass can be slowed
    # by other work, and the faster pass is the one the ratio is held against.
    results["bare_passes"].append(bare_benchmark(corpus, small, large, args.bare_workers))
    _say(_bare_line(results["bare_passes"][-1], small, large))
    results["bare"] = max(results["bare_passes"], key=lambda bare: bare["rate_marginal"] or 0.0)
    # The issue's bare loop uses trafilatura's defaults; for reference, a third pass gives it the options
    # the pipeline itself uses, to show what the pipeline adds to the same extraction.
    results["bare_as_pipeline"] = bare_benchmark(
        corpus, small, large, args.bare_workers, options=TRAFILATURA_OPTIONS
    )
    _say(_bare_line(results["bare_as_pipeline"], small, large))
    every_night = [*itertools.chain.from_iterable(passes.values()), results["fixed_cost"]]
    failed = any(night["exit_code"] not in (0, 1) for night in every_night)
    results["summary"] = summarize(results, small, large, args.rss_pages)
    results["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    save()
    print(format_report(results))
    _say(f"figures written to {output}")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m flows.benchmark",
        description="Benchmark the nightly on a synthetic corpus served on 127.0.0.1: docs/s per stage and "
        "end to end, the marginal end-to-end/bare-trafilatura ratio, the fixed cost of a night with "
        "nothing new, and the peak RSS of the nightly process tree.",
    )
    parser.add_argument(
        "--pages", type=int, default=2000, help="N: pages of the smaller night (default 2000)"
    )
    parser.add_argument("--scale", type=int, default=5, help="the larger night has scale·N pages (default 5)")
    parser.add_argument(
        "--rss-pages",
        type=int,
        default=10000,
        help="pages of the night whose peak RSS is reported (default 10000; reuses a night of that size)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help=f"corpus, runs and figures (default {DEFAULT_WORKDIR})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed (default %(default)s)")
    parser.add_argument(
        "--run-date",
        type=dt.date.fromisoformat,
        default=DEFAULT_NIGHT,
        help="the night to run; the corpus is published in the week before (default %(default)s)",
    )
    parser.add_argument(
        "--night-passes",
        type=_at_least(1),
        default=2,
        help="runs of each night size, interleaved; the fastest gives the stage table (default 2)",
    )
    parser.add_argument(
        "--sample-pages",
        type=_at_least(0),
        default=1000,
        help="pages of the bare-loop sample run around each night to weigh it by the machine's speed "
        "then (default 1000; 0: no samples, the ratio is uncorrected)",
    )
    parser.add_argument(
        "--bare-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes of the bare trafilatura loop (default: all cores, %(default)s)",
    )
    return parser


def _at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer no smaller than `minimum`."""

    def parse(value: str) -> int:
        number = int(value)
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} (got {value})")
        return number

    return parse


# --- the bare trafilatura loop ----------------------------------------------------------------------------


def bare_benchmark(
    corpus: Corpus, small: int, large: int, workers: int, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Time `bare_extraction(html, url=..., with_metadata=True, **options)` over the first `large` pages,
    read from the corpus files, on `workers` processes: pages 0..small and small..large timed separately.

    Worker start-up and trafilatura's import are outside the timing (`_time_bare_loop`).
    """
    options = dict(options or {})
    jobs = [(str(corpus.html_path(page)), page.url, options) for page in corpus.pages[:large]]
    (first_s, first), (rest_s, rest) = _time_bare_loop([jobs[:small], jobs[small:]], workers)
    return {
        "workers": workers,
        "options": options,
        "pages": large,
        "with_text": first + rest,
        "seconds_first": first_s,
        "seconds_marginal": rest_s,
        "seconds_all": first_s + rest_s,
        "rate_first": figures.rate(small, first_s),
        "rate_marginal": figures.rate(large - small, rest_s),
        "rate_all": figures.rate(large, first_s + rest_s),
    }


def bare_sample(corpus: Corpus, small: int, large: int, workers: int, pages: int) -> dict[str, Any]:
    """Time the bare loop over `pages` pages spread evenly over small..large (every k-th page): the same
    mix of light and heavy pages as the whole range, in a fraction of its time. Start-up is untimed.
    """
    stride = max(1, (large - small) // max(pages, 1))
    chosen = corpus.pages[small:large:stride][:pages]
    jobs: list[tuple[str, str, dict[str, Any]]] = [
        (str(corpus.html_path(page)), page.url, {}) for page in chosen
    ]
    ((seconds, _with_text),) = _time_bare_loop([jobs], workers)
    return {
        "workers": workers,
        "pages": len(jobs),
        "stride": stride,
        "seconds": seconds,
        "rate": figures.rate(len(jobs), seconds),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _time_bare_loop(
    segments: list[list[tuple[str, str, dict[str, Any]]]], workers: int
) -> list[tuple[float, int]]:
    """Extract each segment of jobs in turn on a pool of `workers` processes: (seconds, pages with text)
    per segment. Worker start-up and trafilatura's import are untimed (each worker extracts a page first).
    """
    context = multiprocessing.get_context("spawn")
    timings = []
    with context.Pool(workers, initializer=_bare_worker_init) as pool:
        pool.map(_bare_extract, segments[0][: workers * 2], chunksize=1)  # warm every worker
        chunk = max(1, min(16, len(segments[0]) // (workers * 4) or 1))
        for jobs in segments:
            started = time.perf_counter()
            extracted = pool.map(_bare_extract, jobs, chunksize=chunk)
            timings.append((time.perf_counter() - started, sum(extracted)))
    return timings


def _bare_worker_init() -> None:
    import trafilatura  # noqa: F401  (imported here so the timed loop does not pay for it)


def _bare_extract(job: tuple[str, str, dict[str, Any]]) -> int:
    from trafilatura import bare_extraction

    path, url, options = job
    html = Path(path).read_text(encoding="utf-8")
    document = bare_extraction(html, url=url, with_metadata=True, **options)
    text = document.get("text") if isinstance(document, dict) else getattr(document, "text", None)
    return int(bool(text))


# --- the Prefect server -----------------------------------------------------------------------------------


@contextlib.contextmanager
def prefect_server(home: Path, timeout_s: float = 180.0) -> Iterator[str]:
    """Run `prefect server start` on a free loopback port for the `with` block; yields its API URL.

    Its output goes to <home>/server.log. Raises RuntimeError if it is not healthy within `timeout_s`.
    """
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **QUIET_ENV, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    with (home / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout_s
            while not _is_healthy(api_url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"prefect server did not start; see {home / 'server.log'}")
                time.sleep(0.5)
            _say(f"prefect server: {api_url} (PREFECT_HOME={home})")
            yield api_url
        finally:
            _stop_process_group(process)


def _is_healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop_process_group(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _api_post(api_url: str, path: str, body: dict) -> Any:
    request = urllib.request.Request(
        f"{api_url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def api_flow_run(
    api_url: str, flow_run_name: str | None, started_after: dt.datetime
) -> tuple[dict | None, list[dict]]:
    """The flow run named `flow_run_name` (else the latest one started after `started_after`) and its
    task runs, from the Prefect server's REST API."""
    if flow_run_name:
        selector: dict = {"name": {"any_": [flow_run_name]}}
    else:
        selector = {"start_time": {"after_": started_after.isoformat()}}
    flow_runs = _api_post(
        api_url, "/flow_runs/filter", {"flow_runs": selector, "sort": "START_TIME_DESC", "limit": 1}
    )
    if not flow_runs:
        return None, []
    task_runs: list[dict] = []
    while True:
        page = _api_post(
            api_url,
            "/task_runs/filter",
            {"flow_runs": {"id": {"any_": [flow_runs[0]["id"]]}}, "limit": 200, "offset": len(task_runs)},
        )
        task_runs.extend(page)
        if len(page) < 200:
            return flow_runs[0], task_runs


# --- one night ----------------------------------------------------------------------------------------------


def night_environment(api_url: str, prefect_home: Path) -> dict[str, str]:
    """The environment of a benchmark night: the running Prefect server, loopback allowed, no delays."""
    env = {**os.environ, **QUIET_ENV}
    env.update(
        {
            "PREFECT_API_URL": api_url,
            "PREFECT_HOME": str(prefect_home),
            "PREFECT_LOGGING_LEVEL": "INFO",
            "NEWSDESK_PER_HOST_DELAY_S": "0",
            "NEWSDESK_ALLOW_PRIVATE_NETWORK": "true",
            "NEWSDESK_OBEY_ROBOTS": "true",
        }
    )
    return env


def run_night(
    sources_file: Path,
    state_dir: Path,
    run_date: dt.date,
    env: dict[str, str],
    api_url: str | None,
    *,
    expected_articles: int,
    fresh: bool = True,
) -> dict[str, Any]:
    """Run `newsdesk run` once and return its wall time, exit code, peak RSS, counts and stage timings.

    With `fresh`, the state directory (warehouse included) is removed first.
    """
    if fresh and state_dir.exists():
        shutil.rmtree(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    warehouse = state_dir / "warehouse.duckdb"
    log_path = state_dir / f"night-{run_date.isoformat()}.log"
    command = [
        str(BIN / "newsdesk"), "run", "--sources", str(sources_file), "--warehouse", str(warehouse),
        "--state-dir", str(state_dir), "--run-date", run_date.isoformat(), "--allow-private-network",
    ]  # fmt: skip
    started_at = dt.datetime.now(dt.UTC)
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        sampler = RssSampler(process.pid)
        sampler.start()
        exit_code = process.wait()
        wall_s = time.perf_counter() - started
        sampler.stop()
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    counts, counts_source = night_counts(warehouse, f"nightly-{run_date.isoformat()}", log_text)
    timings, flow_s, timing_source = night_stage_timings(log_text, api_url, started_at)
    stages = [
        {
            **asdict(timing),
            "documents": figures.stage_documents(timing.stage, counts),
            "docs_per_s": _rate_or_none(figures.stage_documents(timing.stage, counts), timing.seconds),
        }
        for timing in timings
    ]
    return {
        "run_date": run_date.isoformat(),
        "exit_code": exit_code,
        "wall_s": wall_s,
        "expected_articles": expected_articles,
        "docs_per_s": figures.rate(expected_articles, wall_s) if expected_articles else None,
        "flow_s": flow_s,
        "outside_flow_s": wall_s - flow_s if flow_s is not None else None,
        "peak_rss_bytes": sampler.peak_bytes,
        "peak_processes": sampler.peak_processes,
        "counts": counts,
        "counts_source": counts_source,
        "stages": stages,
        "timing_source": timing_source,
        "load_average_1m_after": os.getloadavg()[0],
        "log": str(log_path),
    }


def _rate_or_none(documents: int | None, seconds: float) -> float | None:
    return figures.rate(documents, seconds) if documents else None


def night_counts(warehouse: Path, run_id: str, log_text: str) -> tuple[dict[str, int | None], str]:
    """URLs discovered, pages fetched and articles loaded by one night: from the warehouse, else the log."""
    try:
        import duckdb

        with duckdb.connect(str(warehouse), read_only=True) as connection:
            fetch_row = connection.execute(
                "select count(*), count(*) filter (where status in ('fetched', 'not_article')) "
                "from raw.fetches where run_id = ?",
                [run_id],
            ).fetchone()
            article_row = connection.execute(
                "select count(*) from raw.articles where run_id = ?", [run_id]
            ).fetchone()
        if fetch_row is None or article_row is None:
            raise LookupError("count queries returned no row")
        (discovered, fetched), (articles,) = fetch_row, article_row
        return {"discovered": discovered, "fetched": fetched, "articles": articles}, "warehouse"
    except Exception as error:  # any failure to read the warehouse falls back to the log
        _say(f"  (counts from the log: the warehouse could not be read: {error})")
    return figures_from_log(log_text), "log"


def figures_from_log(log_text: str) -> dict[str, int | None]:
    """Counts the night's log states: URLs discovered ('run ...: N URLs', else the sum of 'source X: N
    entries', which counts a URL once per source announcing it), pages fetched and articles (the CLI's
    summary table, else the acquire/fetch/extract task lines). A count the log does not state is None."""
    announced = re.search(r"run nightly-\S+: (\d+) URLs", log_text)  # after de-duplication
    per_source = sum(int(found) for found in re.findall(r"source \S+: (\d+) entries", log_text))
    discovered = int(announced[1]) if announced else per_source
    summary_fetched = re.search(r"^\s*pages fetched\s+(\d+)\s*$", log_text, re.M)
    summary_articles = re.search(r"^\s*articles extracted\s+(\d+)\s*$", log_text, re.M)
    acquired = [int(found) for found in re.findall(r": (\d+)/\d+ URLs acquired", log_text)]
    fetched = [int(found) for found in re.findall(r"fetched (\d+)/\d+ URLs", log_text)]
    extracted = re.findall(r"extracted (\d+) pages: (\d+) articles", log_text)
    if summary_fetched:
        fetched_count: int | None = int(summary_fetched[1])
    elif acquired:
        fetched_count = sum(acquired)
    else:
        fetched_count = max(fetched) if fetched else None
    if summary_articles:
        articles: int | None = int(summary_articles[1])
    else:
        articles = sum(int(found) for _, found in extracted) if extracted else None
    return {"discovered": discovered, "fetched": fetched_count, "articles": articles}


def night_stage_timings(
    log_text: str, api_url: str | None, started_at: dt.datetime
) -> tuple[list[figures.StageTiming], float | None, str]:
    """Per-stage timings of one night and the flow run's own duration: from the Prefect API when it
    answers, else from the log."""
    runs, flow_span = figures.task_runs_from_log(log_text)
    flow_name = re.search(r"Flow run '([^']+)' - Beginning flow run", log_text)
    if api_url:
        try:
            flow_run, task_runs = api_flow_run(api_url, flow_name[1] if flow_name else None, started_at)
            api_runs = figures.task_runs_from_api(task_runs)
            if flow_run and api_runs:
                flow_s = figures.span_seconds(flow_run.get("start_time"), flow_run.get("end_time"))
                return figures.stage_timings(api_runs), flow_s, "prefect-api"
        except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
            _say(f"  (stage timings from the log: the Prefect API did not answer: {error})")
    flow_s = flow_span[1] - flow_span[0] if flow_span else None
    return figures.stage_timings(runs), flow_s, "log"


class RssSampler:
    """Sample the summed RSS of a process and all its descendants every 0.2 s, keeping the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_bytes = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for process in tree:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += process.memory_info().rss
            self.peak_bytes = max(self.peak_bytes, total)
            self.peak_processes = max(self.peak_processes, len(tree))
            self._stop.wait(RSS_SAMPLE_INTERVAL_S)


# --- figures and report -------------------------------------------------------------------------------------


def summarize(results: dict[str, Any], small: int, large: int, rss_pages: int) -> dict[str, Any]:
    """The headline figures with their targets: marginal ratio, fixed cost, peak RSS, end-to-end rates."""
    nights, bare = results["nights"], results["bare"]
    small_night, large_night = nights[str(small)], nights[str(large)]
    summary: dict[str, Any] = {
        "e2e_docs_per_s": {size: night["docs_per_s"] for size, night in nights.items()},
        "bare_docs_per_s_marginal": bare["rate_marginal"],
    }
    try:
        marginal = figures.marginal_rate(small, small_night["wall_s"], large, large_night["wall_s"])
        summary["e2e_marginal_docs_per_s"] = marginal
        summary["marginal_ratio"] = summary["marginal_ratio_uncorrected"] = marginal / bare["rate_marginal"]
        as_pipeline = results.get("bare_as_pipeline")
        summary["marginal_ratio_as_pipeline"] = (
            marginal / as_pipeline["rate_marginal"] if as_pipeline and as_pipeline["rate_marginal"] else None
        )
    except (ValueError, TypeError, ZeroDivisionError) as error:
        summary["e2e_marginal_docs_per_s"] = summary["marginal_ratio"] = None
        summary["marginal_ratio_uncorrected"] = summary["marginal_ratio_as_pipeline"] = None
        summary["marginal_ratio_error"] = str(error)
    # Weighed by the machine's speed around each night: the headline when speed samples ran.
    runs = results.get("night_passes", {})
    works = []
    for small_run, large_run in zip(runs.get(str(small), []), runs.get(str(large), []), strict=False):
        if {small_run.get("exit_code", 0), large_run.get("exit_code", 0)} - {0, 1}:
            continue  # a night that failed outright measured no night's work
        with contextlib.suppress(ValueError, TypeError, KeyError):
            works.append(
                figures.extra_bare_work(
                    small_run["wall_s"],
                    small_run["bare_rate_around"],
                    large_run["wall_s"],
                    large_run["bare_rate_around"],
                )
            )
    if works:
        summary["marginal_ratio_per_pass"] = [
            figures.speed_corrected_ratio(large - small, [w]) for w in works
        ]
        summary["marginal_ratio"] = figures.speed_corrected_ratio(large - small, works)
        summary.pop("marginal_ratio_error", None)
    summary["fixed_cost_s"] = results["fixed_cost"]["wall_s"]
    # The highest peak of every pass of that size, not the used pass's: memory is a limit, not a speed.
    rss_nights = results.get("night_passes", {}).get(str(rss_pages)) or [nights[str(rss_pages)]]
    summary["peak_rss_bytes"] = max(night["peak_rss_bytes"] for night in rss_nights)
    summary["meets"] = {
        "marginal_ratio": summary["marginal_ratio"] is not None
        and summary["marginal_ratio"] >= TARGETS["marginal_ratio_min"],
        "fixed_cost": summary["fixed_cost_s"] <= TARGETS["fixed_cost_s_max"],
        "peak_rss": summary["peak_rss_bytes"] <= TARGETS["peak_rss_bytes_max"],
    }
    return summary


def format_report(results: dict[str, Any]) -> str:
    """The figures as a plain-text report."""
    summary, parameters = results["summary"], results["parameters"]
    small, large = parameters["pages"], parameters["pages"] * parameters["scale"]
    lines = ["", f"newsdesk nightly benchmark — {_machine_line(results['machine'])}", ""]
    for size, night in results["nights"].items():
        lines.append(_night_line(night, header=f"night of {size} pages"))
        lines.extend(_stage_lines(night))
        runs = results.get("night_passes", {}).get(size, [])
        if len(runs) > 1:
            walls = ", ".join(f"{run['wall_s']:.1f} s" + (" (used)" if run == night else "") for run in runs)
            lines.append(f"    passes: {walls}; peak RSS {', '.join(_mb(run) for run in runs)}")
    lines.append(_night_line(results["fixed_cost"], header=f"fixed cost (night of {small}, all seen)"))
    lines.extend(_stage_lines(results["fixed_cost"]))
    lines.append("")
    passes = results.get("bare_passes", [results["bare"]])
    for number, bare in enumerate(passes, start=1):
        label = f" (pass {number} of {len(passes)}{', used' if bare is results['bare'] else ''})"
        lines.append(_bare_line(bare, small, large) + (label if len(passes) > 1 else ""))
    if results.get("bare_as_pipeline"):
        lines.append(_bare_line(results["bare_as_pipeline"], small, large) + " (as the pipeline runs it)")
    lines += [
        "",
        "headline                                   measured        target",
        f"  marginal e2e docs/s ({small}→{large})        {_fmt_rate(summary['e2e_marginal_docs_per_s']):>10}",
        f"  marginal ratio e2e / bare                {_fmt(summary['marginal_ratio'], '.2f'):>10}     "
        f">= {TARGETS['marginal_ratio_min']}  {_mark(summary['meets']['marginal_ratio'])}",
        *_ratio_notes(summary),
        f"  fixed cost, nothing new (s)              {summary['fixed_cost_s']:>10.1f}     "
        f"<= {TARGETS['fixed_cost_s_max']:.0f}   {_mark(summary['meets']['fixed_cost'])}",
        f"  peak RSS at {parameters['rss_pages']} pages (MB)           "
        f"{summary['peak_rss_bytes'] / 1024**2:>10.0f}     <= {TARGETS['peak_rss_bytes_max'] / 1024**2:.0f} "
        f"{_mark(summary['meets']['peak_rss'])}",
    ]
    if summary.get("marginal_ratio_error"):
        lines.append(f"  (no marginal ratio: {summary['marginal_ratio_error']})")
    return "\n".join(lines) + "\n"


def _ratio_notes(summary: dict[str, Any]) -> list[str]:
    """How the headline ratio was reached, and the uncorrected figures beside it."""
    per_pass = summary.get("marginal_ratio_per_pass")
    notes = []
    if per_pass:
        notes.append(
            "  (weighed by the bare rate around each night, over the passes together; pass by pass "
            + ", ".join(f"{ratio:.2f}" for ratio in per_pass)
            + f"; uncorrected, the fastest nights against the faster bare pass: "
            f"{_fmt(summary.get('marginal_ratio_uncorrected'), '.2f')})"
        )
    notes.append(
        "  (uncorrected, against trafilatura as the pipeline runs it: "
        f"{_fmt(summary.get('marginal_ratio_as_pipeline'), '.2f')})"
    )
    return notes


def _sample_line(sample: dict[str, Any], small: int, large: int) -> str:
    return (
        f"bare trafilatura sample, {sample['workers']} processes: {_fmt_rate(sample['rate'])} docs/s over "
        f"{sample['pages']} pages (one in {sample['stride']} of pages {small}..{large})"
    )


def _mb(night: dict[str, Any]) -> str:
    return f"{night['peak_rss_bytes'] / 1024**2:.0f} MB"


def _bare_line(bare: dict[str, Any], small: int, large: int) -> str:
    options = "".join(f", {name}={value}" for name, value in (bare.get("options") or {}).items())
    return (
        f"bare trafilatura bare_extraction(with_metadata=True{options}), {bare['workers']} processes: "
        f"{_fmt_rate(bare['rate_all'])} docs/s over {bare['pages']} pages, "
        f"{_fmt_rate(bare['rate_marginal'])} docs/s over pages {small}..{large}"
    )


def _night_line(night: dict[str, Any], header: str | None = None) -> str:
    counts = night["counts"]
    return (
        f"{header or 'night'} {night['run_date']}: {night['wall_s']:.1f} s wall "
        f"({_fmt(night.get('flow_s'), '.1f')} s in the flow), exit {night['exit_code']}, "
        f"{_fmt_rate(night['docs_per_s'])} docs/s end to end, peak RSS {night['peak_rss_bytes'] / 1024**2:.0f} MB "
        f"({night['peak_processes']} processes); discovered {counts['discovered']}, fetched {counts['fetched']}, "
        f"articles {counts['articles']} (counts: {night['counts_source']}, stages: {night['timing_source']})"
    )


def _stage_lines(night: dict[str, Any]) -> list[str]:
    return [
        f"    {stage['stage']:<14} {stage['seconds']:>8.1f} s  {stage['documents'] if stage['documents'] is not None else '-':>6} docs"
        f"  {_fmt_rate(stage['docs_per_s']):>9} docs/s"
        + (
            f"  ({stage['task_runs']} task runs, {stage['busy_seconds']:.1f} s busy)"
            if stage["task_runs"] > 1
            else ""
        )
        for stage in night["stages"]
    ]


def machine_info() -> dict[str, Any]:
    """Cores, memory, Python and CPU model of this machine, and its load when the benchmark started."""
    model = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "ram_bytes": psutil.virtual_memory().total,
        "python": platform.python_version(),
        "cpu_model": model,
        "platform": platform.platform(),
        "load_average_1m_at_start": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def _machine_line(machine: dict[str, Any]) -> str:
    return (
        f"{machine['cores']} cores ({machine['cpu_model']}), {machine['ram_bytes'] / 1024**3:.1f} GB RAM, "
        f"Python {machine['python']}, load {machine['load_average_1m_at_start']:.2f} at start"
    )


def _fmt_rate(value: float | None) -> str:
    return _fmt(value, ".1f")


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _mark(is_met: bool) -> str:
    return "ok" if is_met else "MISSED"


def _say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)

"""Run the dbt project in-process (dbtRunner) against one DuckDB file, and let go of that file afterwards.

dbt-duckdb keeps its DuckDB connection in a class-level environment that outlives `dbtRunner.invoke()`:
left alone, the process holds the file open and a later `duckdb.connect(path, read_only=True)` in the
same process fails with "different configuration". Every function here closes that environment and
resets dbt's adapters before returning, so the caller can reopen, rename or replace the file.

Callers must close their own connections to the file before calling: DuckDB allows one writer
configuration per file per process.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DUCKDB_PATH_ENV = "NEWSDESK_DBT_DUCKDB_PATH"
MEMORY_LIMIT_ENV = "NEWSDESK_DBT_DUCKDB_MEMORY_LIMIT"
# DuckDB's memory limit while dbt runs (profiles.yml has the same default, for dbt run by hand). DuckDB
# spills to disk beyond it: a 10,000-page night's build peaked at 448 MB against 667 MB unlimited, in
# the same time; a full build of 100,000 articles at 609 MB against 2,173 MB, 20% slower.
DEFAULT_MEMORY_LIMIT = "256MB"
STATIC_DOCS_FILENAME = "static_index.html"

# Statuses dbt reports for nodes that did not do their job (models that errored, tests that failed).
_FAILURE_STATUSES = frozenset({"error", "fail", "runtime error"})
_WARNING_STATUSES = frozenset({"warn"})
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# The --vars of a nightly build. dbt parses the whole project again (about 2 s) whenever the vars differ
# from the last invocation's, so the nightly's docs generation passes the same ones.
NIGHTLY_VARS = "{data_tests_window_only: true}"

# dbt reads the profile's path from the process environment and keeps the connection in class state:
# two invocations at once in one process would trample each other.
_INVOKE_LOCK = threading.Lock()


@dataclass(frozen=True)
class DbtBuildResult:
    """What one `dbt build` did: overall success, time taken, node counts by status, and what failed."""

    is_success: bool
    elapsed_s: float
    status_counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    run_results_path: Path | None = None

    @property
    def node_count(self) -> int:
        """How many nodes (models, seeds, tests, unit tests) dbt reported on."""
        return sum(self.status_counts.values())

    def summary(self) -> str:
        """One line for logs, e.g. 'dbt build ok in 4.1s: pass=120 success=24'."""
        outcome = "ok" if self.is_success else "FAILED"
        counts = " ".join(f"{status}={count}" for status, count in sorted(self.status_counts.items()))
        return f"dbt build {outcome} in {self.elapsed_s:.1f}s: {counts or 'no nodes'}"


def run_dbt_build(
    project_dir: Path,
    database_path: Path,
    target_dir: Path,
    *,
    full_refresh: bool = False,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    test_window_only: bool = False,
    write_artifacts: bool = True,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> DbtBuildResult:
    """Run `dbt build` (seeds, models, unit and data tests) on the DuckDB file at `database_path`.

    Artifacts (manifest, run_results.json, compiled SQL) go to `target_dir`, logs to `target_dir/logs`;
    nothing is written into the project's own target/. Failing models and tests never raise: they come
    back in `failures` with `is_success` False, and so does an invocation dbt could not start (a broken
    project, an unreadable profile). Raises FileNotFoundError when `project_dir` has no dbt_project.yml.
    The DuckDB file is released before returning.

    `full_refresh` rebuilds the incremental facts from all raw rows. `test_window_only` lets the data
    tests of the large facts check only the rows within the lookback window (what a nightly can have
    rewritten; see dbt_project/macros/get_where_subquery.sql); ignored with `full_refresh`. `select` and
    `exclude` take dbt node selectors (e.g. exclude `resource_type:unit_test`). Without
    `write_artifacts`, dbt writes no manifest.json or run_results.json (`--no-write-json`: serializing
    the manifest twice is about a second of a small build) and `run_results_path` is None.
    `memory_limit` is DuckDB's (a size such as "256MB", or a share of RAM such as "50%").
    """
    arguments = ["build"]
    if not write_artifacts:
        arguments.append("--no-write-json")
    if full_refresh:
        arguments.append("--full-refresh")
    elif test_window_only:
        arguments.extend(["--vars", NIGHTLY_VARS])
    for selector in select:
        arguments.extend(["--select", selector])
    for selector in exclude:
        arguments.extend(["--exclude", selector])
    started = time.perf_counter()
    outcome = _invoke(arguments, project_dir, database_path, target_dir, memory_limit=memory_limit)
    elapsed_s = time.perf_counter() - started
    return _build_result(outcome, elapsed_s, target_dir, wrote_artifacts=write_artifacts)


def generate_dbt_docs(
    project_dir: Path,
    database_path: Path,
    target_dir: Path,
    *,
    nightly_vars: bool = False,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> Path:
    """Write dbt's documentation site as one self-contained HTML file and return its path.

    Runs `dbt docs generate --static` (which reads the catalog from the DuckDB file, so build first for
    complete column types). `nightly_vars` passes the nightly build's vars (NIGHTLY_VARS), which the
    docs do not depend on, so that the next night's build can reuse dbt's saved parse. Raises
    RuntimeError with dbt's message when generation fails, and FileNotFoundError when `project_dir` has
    no dbt_project.yml. The DuckDB file is released before returning.
    """
    arguments = ["docs", "generate", "--static"]
    if nightly_vars:
        arguments.extend(["--vars", NIGHTLY_VARS])
    outcome = _invoke(arguments, project_dir, database_path, target_dir, memory_limit=memory_limit)
    static_page = Path(target_dir) / STATIC_DOCS_FILENAME
    if not outcome.success or not static_page.exists():
        raise RuntimeError(f"dbt docs generate failed: {_describe_exception(outcome) or 'no static page'}")
    return static_page


def compile_analyses(
    project_dir: Path,
    database_path: Path,
    target_dir: Path,
    *,
    variables: Mapping[str, object] | None = None,
) -> dict[str, Path]:
    """Compile the project's analyses (`dbt compile --select resource_type:analysis`) and return each
    analysis name with the path of its compiled SQL, ready to run against the warehouse.

    `variables` are passed as --vars (e.g. {"analysis_actor_id": "gov:AZE"}). Raises RuntimeError with
    dbt's message when compilation fails, FileNotFoundError when `project_dir` has no dbt_project.yml.
    The DuckDB file is released before returning.
    """
    arguments = ["compile", "--select", "resource_type:analysis"]
    if variables:
        arguments.extend(["--vars", json.dumps(dict(variables))])
    outcome = _invoke(arguments, project_dir, database_path, target_dir)
    if not outcome.success:
        raise RuntimeError(
            f"dbt compile of the analyses failed: {_describe_exception(outcome) or outcome.result}"
        )
    compiled = sorted((Path(target_dir).resolve() / "compiled").glob("*/analyses/**/*.sql"))
    return {path.stem: path for path in compiled}


def import_dbt() -> None:
    """Import dbt and its DuckDB adapter (about 2 s), ahead of a first invocation in this process."""
    import dbt.adapters.duckdb
    import dbt.cli.main  # noqa: F401


def release_duckdb() -> None:
    """Close the DuckDB connection dbt-duckdb keeps between invocations and reset dbt's adapters.

    Safe to call when dbt was never run or already released.
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
        from dbt.adapters.factory import cleanup_connections, reset_adapters
    except ImportError:  # dbt-duckdb not importable: nothing can be holding the file.
        return
    with contextlib.suppress(Exception):
        cleanup_connections()
    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if environment is not None:
        environment.close()
    reset_adapters()


def _invoke(
    arguments: list[str],
    project_dir: Path,
    database_path: Path,
    target_dir: Path,
    *,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> Any:
    project_dir = Path(project_dir).resolve()
    if not (project_dir / "dbt_project.yml").is_file():
        raise FileNotFoundError(f"no dbt_project.yml in {project_dir}")
    target_dir = Path(target_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    common = [
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(target_dir / "logs"),
        "--quiet",
        "--no-use-colors",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
    ]
    # Imported here: `import dbt.cli.main` costs about 3 s, which code paths without dbt should not pay.
    from dbt.cli.main import dbtRunner

    with (
        _INVOKE_LOCK,
        _environment({DUCKDB_PATH_ENV: str(Path(database_path).resolve()), MEMORY_LIMIT_ENV: memory_limit}),
    ):
        try:
            return dbtRunner().invoke([*arguments, *common])
        finally:
            release_duckdb()


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    values = {**values, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    previous = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old_value in previous.items():
            if old_value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old_value


def _build_result(
    outcome: Any, elapsed_s: float, target_dir: Path, *, wrote_artifacts: bool
) -> DbtBuildResult:
    status_counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    for node_result in getattr(outcome.result, "results", None) or []:
        status = str(getattr(node_result.status, "value", node_result.status)).lower()
        status_counts[status] += 1
        if status in _FAILURE_STATUSES:
            failures.append((_node_name(node_result.node), _clean(node_result.message)))
        elif status in _WARNING_STATUSES:
            warnings.append((_node_name(node_result.node), _clean(node_result.message)))
    exception_message = _describe_exception(outcome)
    if exception_message:
        failures.append(("dbt", exception_message))
    run_results = Path(target_dir).resolve() / "run_results.json"
    written = wrote_artifacts and run_results.exists()  # else it is an earlier build's file
    return DbtBuildResult(
        is_success=bool(outcome.success) and not failures,
        elapsed_s=elapsed_s,
        status_counts=dict(status_counts),
        failures=failures,
        warnings=warnings,
        run_results_path=run_results if written else None,
    )


def _node_name(node: Any) -> str:
    # A unit test is only recognisable with its model: "fct_articles::test_name", as dbt prints it.
    model = getattr(node, "model", None)
    return f"{model}::{node.name}" if isinstance(model, str) and model else str(node.name)


def _describe_exception(outcome: Any) -> str:
    exception = getattr(outcome, "exception", None)
    return _clean(str(exception)) if exception is not None else ""


def _clean(message: object) -> str:
    return _ANSI_ESCAPE.sub("", str(message or "")).strip()

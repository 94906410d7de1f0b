"""The `newsdesk` command line: a thin layer over the flow and the library functions."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import ipaddress
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from flows.allocator import limit_malloc_arenas
from flows.settings import Settings

app = typer.Typer(
    name="newsdesk",
    help="Nightly news pipeline: discover, fetch, extract, normalize and load news articles into a validated "
    "DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def configure_environment(settings: Settings) -> None:
    """Point Prefect at the state directory and turn every library's telemetry off, before importing them.

    Values already set in the environment win, so an operator can point at a running Prefect server.
    """
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(settings.state_dir / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LOG_PRINTS": "true",
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


@contextlib.contextmanager
def demo_site(settings: Settings) -> Iterator[Settings]:
    """Serve the bundled sample site on 127.0.0.1 and yield settings that crawl it."""
    from flows.sample_site.server import serve_sample_site, write_sources_file

    with serve_sample_site() as site:
        sources_file = settings.state_dir / "demo-sources.yaml"
        write_sources_file(sources_file, site.sources)
        typer.echo(f"Serving the bundled sample site on {site.address} ({len(site.host_overrides)} outlets)")
        yield settings.model_copy(
            update={
                "sources_file": settings.sources_file or sources_file,
                "host_overrides": {**site.host_overrides, **settings.host_overrides},
                "allowed_networks": [*settings.allowed_networks, ipaddress.ip_network("127.0.0.0/8")],
                "per_host_delay_s": 0.0,
            }
        )


RunDate = Annotated[
    dt.datetime | None,
    typer.Option(
        "--run-date", formats=["%Y-%m-%d"], help="The night to run, YYYY-MM-DD (default: today, UTC)."
    ),
]
SourcesOption = Annotated[
    Path | None, typer.Option("--sources", help="Sources YAML: `sources: [{name, kind, url|path}]`.")
]
WarehouseOption = Annotated[
    Path | None, typer.Option(help="DuckDB file analysts open (default: <state-dir>/warehouse.duckdb).")
]
StateDirOption = Annotated[
    Path | None, typer.Option(help="Run state: reports, archives, Prefect home (default: ./.newsdesk).")
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(help="Allow URLs on loopback/private addresses (refused by default: feeds are untrusted)."),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        help="Run fetch/extract batches on a Dask cluster: tcp://HOST:PORT, or 'local' for a 2-worker one."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only warnings, errors and the final summary.")
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")]
FullRefreshOption = Annotated[
    bool,
    typer.Option(
        "--full-refresh", help="Rebuild the incremental facts from every raw row (after a model change)."
    ),
]


def _settings(**values: object) -> Settings:
    """Settings from the environment with the command line's values on top (None means not given)."""
    # Any: heterogeneous command-line values, validated by Settings itself.
    overrides: dict[str, Any] = {key: value for key, value in values.items() if value not in (None, False)}
    for key in ("sources_file", "warehouse_path", "state_dir"):
        if key in overrides:
            overrides[key] = Path(overrides[key]).resolve()
    if isinstance(overrides.get("run_date"), dt.datetime):
        overrides["run_date"] = overrides["run_date"].date()
    return Settings(**overrides)


def _configure_output(quiet: bool, verbose: bool) -> str:
    """Set log verbosity (before Prefect is imported) and choose how progress is shown."""
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose exclude each other")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING" if quiet else "DEBUG" if verbose else "INFO")
    if quiet:
        return "off"
    if sys.stderr.isatty() and not verbose:
        # Prefect's console lines would tear the live bar; on a terminal the bar and stage lines replace
        # them (warnings still print). Everything still goes to the Prefect API.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
        return "bar"
    return "log"


def _check_writable_paths(settings: Settings) -> None:
    """Refuse a state directory or warehouse the night could not write, before anything starts."""
    for path, option, label in (
        (settings.state_dir, "--state-dir", "state directory"),
        (settings.warehouse.parent, "--warehouse", "warehouse's folder"),
    ):
        if path.exists() and not path.is_dir():
            raise typer.BadParameter(f"{path} is a file, not a folder (the {label})", param_hint=option)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise typer.BadParameter(
                f"cannot use {path} as the {label}: {error.strerror or error}", param_hint=option
            ) from error
        if not os.access(path, os.W_OK):
            raise typer.BadParameter(f"cannot write to the {label} {path}", param_hint=option)
    if settings.warehouse.is_dir():
        raise typer.BadParameter(
            f"{settings.warehouse} is a directory, not a DuckDB file", param_hint="--warehouse"
        )


def _check_sources_file(path: Path | None) -> None:
    """Refuse a missing or malformed sources file before anything starts (the Prefect server takes seconds)."""
    from flows.adapters.sources import SourcesFileError, load_sources

    if path is None:
        return
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {path}", param_hint="--sources")
    try:
        load_sources(path)
    except SourcesFileError as error:
        raise typer.BadParameter(str(error), param_hint="--sources") from error


def _run_flow(settings: Settings, *, demo: bool, progress_mode: str, reextract_archive: bool = False) -> int:
    """Run one flow; print the summary; return the exit code (0 ok, 1 a critical expectation failed)."""
    from flows.adapters.sources import SourcesFileError
    from flows.nightly import CriticalValidationFailed, run

    with demo_site(settings) if demo else contextlib.nullcontext(settings) as run_settings:
        try:
            result = run(run_settings, reextract_archive=reextract_archive, progress_mode=progress_mode)  # type: ignore[arg-type]
            exit_code = 0
        except SourcesFileError as error:
            typer.echo(f"error: {error}", err=True)
            return 2
        except CriticalValidationFailed as failure:
            result, exit_code = failure.result, 1
    _print_summary(result)
    return exit_code


@app.command()
def run(
    sources: SourcesOption = None,
    warehouse: WarehouseOption = None,
    run_date: RunDate = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the bundled sample news site and crawl it.")
    ] = False,
    state_dir: StateDirOption = None,
    allow_private_network: AllowPrivateOption = False,
    dask_address: DaskOption = None,
    full_refresh: FullRefreshOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run one nightly: discover → fetch → extract → normalize → load → dbt build → validate → report.

    Exits 1 when a critical expectation fails (after the report is written), 2 on bad input.
    """
    settings = _settings(sources_file=sources, warehouse_path=warehouse, run_date=run_date, state_dir=state_dir,
                         allow_private_network=allow_private_network, dask_address=dask_address,
                         full_refresh=full_refresh)  # fmt: skip
    if not demo and settings.sources_file is None:
        raise typer.BadParameter(
            "give --sources FILE, or --demo to crawl the bundled sample site", param_hint="--sources"
        )
    _check_sources_file(settings.sources_file)
    _check_writable_paths(settings)
    if settings.dask_address and not os.environ.get("PREFECT_API_URL"):
        # Without a server every Dask worker would start (and leave behind) a temporary one of its own.
        raise typer.BadParameter(
            "Dask workers report to Prefect: run `prefect server start` and set PREFECT_API_URL",
            param_hint="--dask-address",
        )
    progress_mode = _configure_output(quiet, verbose)
    configure_environment(settings)
    raise typer.Exit(_run_flow(settings, demo=demo, progress_mode=progress_mode))


@app.command()
def backfill(
    from_date: Annotated[
        dt.datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First night, YYYY-MM-DD.")
    ],
    to_date: Annotated[
        dt.datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last night, YYYY-MM-DD.")
    ],
    sources: SourcesOption = None,
    warehouse: WarehouseOption = None,
    state_dir: StateDirOption = None,
    allow_private_network: AllowPrivateOption = False,
    demo: Annotated[bool, typer.Option("--demo", help="Backfill from the bundled sample site.")] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run the nightly for each date from --from to --to, each night re-reading only the entries dated on
    it (feed/sitemap dates, WARC capture dates) and undated ones. Stops at the first night that fails.
    """
    if to_date < from_date:
        raise typer.BadParameter(
            f"--to {to_date.date()} is before --from {from_date.date()}", param_hint="--to"
        )
    base = _settings(sources_file=sources, warehouse_path=warehouse, state_dir=state_dir,
                     allow_private_network=allow_private_network, is_backfill=True)  # fmt: skip
    if not demo and base.sources_file is None:
        raise typer.BadParameter("give --sources FILE, or --demo", param_hint="--sources")
    _check_sources_file(base.sources_file)
    _check_writable_paths(base)
    progress_mode = _configure_output(quiet, verbose)
    configure_environment(base)
    nights = (to_date.date() - from_date.date()).days + 1
    for offset in range(nights):
        night = from_date.date() + dt.timedelta(days=offset)
        typer.echo(f"backfill night {offset + 1}/{nights}: {night}")
        code = _run_flow(base.model_copy(update={"run_date": night}), demo=demo, progress_mode=progress_mode)
        if code:
            raise typer.Exit(code)


@app.command()
def reextract(
    warehouse: WarehouseOption = None,
    state_dir: StateDirOption = None,
    run_date: RunDate = None,
    full_refresh: FullRefreshOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Extract every archived page again (after the extractor or its settings changed) and rebuild the
    marts, without fetching anything: pages come from the run archives' WARC files. Add --full-refresh
    when the dbt models changed too.
    """
    settings = _settings(warehouse_path=warehouse, state_dir=state_dir, run_date=run_date,
                         full_refresh=full_refresh)  # fmt: skip
    if not settings.warehouse.exists():
        raise typer.BadParameter(f"no warehouse at {settings.warehouse}", param_hint="--warehouse")
    progress_mode = _configure_output(quiet, verbose)
    configure_environment(settings)
    raise typer.Exit(_run_flow(settings, demo=False, progress_mode=progress_mode, reextract_archive=True))


def _print_summary(result: object) -> None:
    from flows.adapters.report import format_console_summary, summarize_run

    summary = summarize_run(result.warehouse_path, result.run_id)  # type: ignore[attr-defined]
    typer.echo(format_console_summary(summary, result.validation, result.report))  # type: ignore[attr-defined]
    typer.echo(f"  parquet:   {result.export_dir}")  # type: ignore[attr-defined]
    if result.dbt_docs_path:  # type: ignore[attr-defined]
        typer.echo(f"  dbt docs:  {result.dbt_docs_path}")  # type: ignore[attr-defined]
    timings = result.stage_seconds  # type: ignore[attr-defined]
    if timings:
        typer.echo(
            "  time in batches: "
            + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items())
        )
    # after the list of paths, not inside it
    for source, error in result.discovery_errors.items():  # type: ignore[attr-defined]
        typer.echo(f"source {source} could not be read: {error}")


@app.command()
def serve(
    sources: SourcesOption = None,
    warehouse: WarehouseOption = None,
    state_dir: StateDirOption = None,
    allow_private_network: AllowPrivateOption = False,
    cron: Annotated[str, typer.Option(help="When to run: 'minute hour day month weekday'.")] = "30 2 * * *",
    timezone: Annotated[str, typer.Option(help="IANA timezone of --cron, e.g. Europe/Berlin.")] = "UTC",
) -> None:
    """Run the nightly on a cron schedule until interrupted; needs `prefect server start` and PREFECT_API_URL.

    Exits 2 on a bad --cron, --timezone or setting, or when no Prefect server is configured or answering.
    """
    overrides: dict[str, object] = {}
    for key, value in {"sources_file": sources, "warehouse_path": warehouse, "state_dir": state_dir}.items():
        if value is not None:
            overrides[key] = Path(value).resolve()
    if allow_private_network:
        overrides["allow_private_network"] = True
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if settings.sources_file is None:
        raise typer.BadParameter("give --sources FILE (or set NEWSDESK_SOURCES_FILE)", param_hint="--sources")
    if not settings.sources_file.exists():
        raise typer.BadParameter(f"no such file: {settings.sources_file}", param_hint="--sources")
    configure_environment(settings)
    from flows.schedule import NoPrefectServer, ScheduleError, serve_nightly

    try:
        serve_nightly(overrides, cron=cron, timezone=timezone)
    except (ScheduleError, NoPrefectServer) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error


@app.command()
def annotate(
    input_path: Annotated[
        Path,
        typer.Option(
            "--input",
            help="JSONL: one {id, text, published_at?} per line.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    output_path: Annotated[
        Path,
        typer.Option("--output", help="JSONL to write: {id, mentions, dates} per line.", dir_okay=False),
    ],
) -> None:
    """Detect actors and dates in texts with exactly the code the nightly uses (for evaluation and debugging)."""
    from flows.adapters.actor_dictionary import load_actor_dictionary
    from flows.core.annotation import annotate_texts
    from flows.core.date_parsing import parse_date_value

    settings = Settings()
    documents = []
    for number, line in enumerate(input_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            raise typer.BadParameter(
                f"{input_path}:{number}: not JSON ({error.msg})", param_hint="--input"
            ) from error
        if (
            not isinstance(document, dict)
            or "id" not in document
            or not isinstance(document.get("text"), str)
        ):
            raise typer.BadParameter(
                f"{input_path}:{number}: needs 'id' and a string 'text'", param_hint="--input"
            )
        published_at = document.get("published_at")
        if published_at and parse_date_value(str(published_at)) is None:
            raise typer.BadParameter(
                f"{input_path}:{number}: published_at {published_at!r} is no date (ISO 8601 expected)",
                param_hint="--input",
            )
        documents.append(document)
    dictionary = load_actor_dictionary(settings.dbt_project_dir / "seeds")
    annotated = annotate_texts(documents, dictionary)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    with output_path.open("w", encoding="utf-8") as output:
        for document in annotated:
            output.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
    typer.echo(f"annotated {len(annotated)} documents into {output_path}", err=True)


@app.command("sample-site")
def sample_site(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: any free port).")] = 8000,
) -> None:
    """Serve the bundled sample news site on 127.0.0.1 until interrupted, to look at what the demo crawls."""
    import time

    from flows.sample_site.server import serve_sample_site

    with serve_sample_site(port=port) as site:
        typer.echo(f"Serving on http://{site.address}/ ; send a Host header to pick an outlet, e.g.:")
        for host in site.host_overrides:
            typer.echo(f"  curl -H 'Host: {host}' http://{site.address}/robots.txt")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


def main() -> None:
    """The `newsdesk` console entry point: run the command, then exit without the interpreter's teardown.

    After a night the process holds dbt, Prefect, polars and their data: freeing that heap object by
    object at exit took 0.4-1.2 s of every run's wall time (the nothing-new night's is the benchmark's
    fixed cost). The exit handler registered here runs after every other one (they are registered later,
    and run first), after non-daemon threads were joined and child processes stopped; it shuts logging
    down, flushes stdout and stderr, and ends the process with the command's exit status. An interrupt
    (Ctrl-C) exits the usual way, with Python's own status for it. Before any thread starts, malloc's
    arenas are capped (flows/allocator.py).
    """
    limit_malloc_arenas()
    leaving = _ExitStatus()
    atexit.register(_exit_without_teardown, leaving)
    try:
        app()
    except SystemExit as exit_:
        leaving.status = exit_status(exit_.code)
        raise
    except Exception:
        leaving.status = 1  # Python prints the traceback, then exits 1
        raise
    leaving.status = 0


class _ExitStatus:
    """The status the process is leaving with; None until known (then the usual exit is taken)."""

    status: int | None = None


def exit_status(code: object) -> int:
    """The process status Python gives `SystemExit(code)`: None is 0, an int itself, anything else 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    return 1


def _exit_without_teardown(leaving: _ExitStatus) -> None:
    if leaving.status is None:
        return
    logging.shutdown()  # registered before this handler, so it would run after it
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(leaving.status)


if __name__ == "__main__":
    main()

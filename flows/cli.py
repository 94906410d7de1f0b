"""The `newsdesk` command line: a thin layer over the flow and the library functions."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

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
                "allow_private_network": True,
                "per_host_delay_s": 0.0,
            }
        )


@app.command()
def run(
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Sources YAML: `sources: [{name, kind, url|path}]`.")
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="DuckDB file analysts open [default: <state-dir>/warehouse.duckdb].")
    ] = None,
    run_date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--run-date", formats=["%Y-%m-%d"], help="The night to run, YYYY-MM-DD [default: today, UTC]."
        ),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the bundled sample news site and crawl it.")
    ] = False,
    state_dir: Annotated[
        Path | None, typer.Option(help="Run state: reports, archives, Prefect home [default: ./.newsdesk].")
    ] = None,
    allow_private_network: Annotated[
        bool,
        typer.Option(
            help="Allow URLs on loopback/private addresses (refused by default: feeds are untrusted)."
        ),
    ] = False,
) -> None:
    """Run one nightly: discover → fetch → extract → normalize → load → dbt build → validate → report.

    Exits 1 when a critical expectation fails (after the report is written), 2 on bad input.
    """
    overrides: dict = {}
    if sources is not None:
        overrides["sources_file"] = sources.resolve()
    if warehouse is not None:
        overrides["warehouse_path"] = warehouse.resolve()
    if run_date is not None:
        overrides["run_date"] = run_date.date()
    if state_dir is not None:
        overrides["state_dir"] = state_dir.resolve()
    if allow_private_network:
        overrides["allow_private_network"] = True
    settings = Settings(**overrides)
    if sources is None and not demo and settings.sources_file is None:
        raise typer.BadParameter(
            "give --sources FILE, or --demo to crawl the bundled sample site", param_hint="--sources"
        )
    if settings.sources_file is not None and not settings.sources_file.exists():
        raise typer.BadParameter(f"no such file: {settings.sources_file}", param_hint="--sources")
    configure_environment(settings)

    from flows.adapters.sources import SourcesFileError
    from flows.nightly import CriticalValidationFailed, NightlyResult, nightly

    with demo_site(settings) if demo else contextlib.nullcontext(settings) as run_settings:
        try:
            result: NightlyResult = nightly(run_settings)
            exit_code = 0
        except SourcesFileError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from error
        except CriticalValidationFailed as failure:
            result, exit_code = failure.result, 1
    _print_summary(result)
    raise typer.Exit(exit_code)


def _print_summary(result: object) -> None:
    from flows.adapters.report import format_console_summary, summarize_run

    summary = summarize_run(result.warehouse_path, result.run_id)  # type: ignore[attr-defined]
    typer.echo(format_console_summary(summary, result.validation, result.report))  # type: ignore[attr-defined]
    for source, error in result.discovery_errors.items():  # type: ignore[attr-defined]
        typer.echo(f"source {source} could not be read: {error}")


@app.command()
def annotate(
    input_path: Annotated[
        Path, typer.Option("--input", help="JSONL: one {id, text, published_at?} per line.")
    ],
    output_path: Annotated[
        Path, typer.Option("--output", help="JSONL to write: {id, mentions, dates} per line.")
    ],
) -> None:
    """Detect actors and dates in texts with exactly the code the nightly uses (for evaluation and debugging)."""
    from flows.adapters.actor_dictionary import load_actor_dictionary
    from flows.core.annotation import annotate_texts

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


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())

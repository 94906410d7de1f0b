"""Run the suites on pandas frames in a file-backed Great Expectations context and explain every result.

One Data Context lives under the directory the caller gives; it holds the suites (rebuilt from Python
on every run, so its JSON is never edited by hand), the validation results and the Data Docs site.
Analytics and progress bars are switched off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlparse

os.environ["GX_ANALYTICS_ENABLED"] = "false"

import great_expectations as gx
import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from expectations.outcome import ExpectationOutcome, outcome_from_result
from expectations.policy import KEEP_VALIDATION_RUNS
from expectations.suites import SUITE_MODULES

DATASOURCE_NAME = "newsdesk"
BATCH_DEFINITION_NAME = "whole_frame"
PARTIAL_EXAMPLES = 20


@dataclass(frozen=True)
class Batch:
    """One frame to validate with one suite: the whole run (`source_id` None) or one source's rows."""

    suite: str
    frame: pd.DataFrame
    source_id: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    context_row: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CheckpointResult:
    outcomes: tuple[ExpectationOutcome, ...]
    data_docs_path: Path | None


# Contexts opened, with every suite's validation definition saved, ahead of a validation
# (`prepare_context`): by context directory, each for the next `run_batches` there.
_PREPARED: dict[Path, tuple[Any, dict[str, Any]]] = {}
# Data Docs a validation left to build (`run_batches(defer_docs=True)`): by context directory, the
# context and the results to render, for `build_deferred_docs` in this process.
_DEFERRED_DOCS: dict[Path, tuple[Any, list[ValidationResultIdentifier]]] = {}


def suite_modules() -> dict[str, ModuleType]:
    """The suite modules by suite name."""
    return {module.SUITE_NAME: module for module in SUITE_MODULES}


def open_context(gx_dir: Path) -> Any:
    """Open (creating on first use) the file Data Context in `gx_dir`, with analytics and progress bars off."""
    gx_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=gx_dir)
    variables = context.variables
    if (
        variables.analytics_enabled is not False
        or _progress_bars_shown(variables.progress_bars)
        or variables.config_variables_file_path
    ):
        variables.analytics_enabled = False
        variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        # GE parses the config-variables YAML again on every read of a setting (about 300 reads, 0.3 s,
        # a validation); newsdesk substitutes no variables, so the context goes without the file.
        variables.config_variables_file_path = None
        variables.save()
        context = gx.get_context(mode="file", project_root_dir=gx_dir)
    return context


def _progress_bars_shown(progress: Any) -> bool:
    # Freshly set it is a ProgressBarsConfig, read back from the YAML a dict; both index by key.
    if progress is None:
        return True
    try:
        return bool(progress["globally"]) or bool(progress["metric_calculations"])
    except (KeyError, TypeError):
        return True


def run_batches(
    gx_dir: Path,
    run_id: str,
    batches: Sequence[Batch],
    *,
    build_docs: bool = True,
    keep_runs: int = KEEP_VALIDATION_RUNS,
    defer_docs: bool = False,
) -> CheckpointResult:
    """Validate every batch with its suite, store the results in the context and refresh its Data Docs.

    Only the results of the newest `keep_runs` validations (this one included) stay in the context
    and its Data Docs: older ones are deleted (`prune_results`). Raises KeyError for a batch naming a
    suite that does not exist, ValueError when `keep_runs` is below 1. An expectation that cannot be
    computed on its frame (a missing column) comes back as a failed outcome carrying the error.

    With `defer_docs`, the Data Docs are rendered later by `build_deferred_docs` in this process (the
    caller goes on meanwhile); `data_docs_path` is then where their index will be.
    """
    if keep_runs < 1:
        raise ValueError(f"keep_runs must be at least 1, got {keep_runs}")
    modules = suite_modules()
    context, definitions = _PREPARED.pop(gx_dir.resolve(), None) or (open_context(gx_dir), {})
    datasource = _pandas_datasource(context)
    run_time = dt.datetime.now(dt.UTC)
    outcomes: list[ExpectationOutcome] = []
    identifiers: list[ValidationResultIdentifier] = []
    for batch in batches:
        module = modules[batch.suite]
        if batch.suite not in definitions:
            definitions[batch.suite] = _validation_definition(context, datasource, module)
        definition = definitions[batch.suite]
        run_identifier = RunIdentifier(
            run_name=f"{run_id}--{batch.source_id}" if batch.source_id else run_id, run_time=run_time
        )
        index_columns = [module.EXAMPLE_COLUMN] if module.EXAMPLE_COLUMN in batch.frame.columns else []
        if (
            batch.source_id is None
            and "source_id" in batch.frame.columns
            and "source_id" not in index_columns
        ):
            # Whole-run checks still say which sources the offending rows came from.
            index_columns.append("source_id")
        result = definition.run(
            batch_parameters={"dataframe": batch.frame},
            expectation_parameters=dict(batch.parameters),
            result_format={
                "result_format": "SUMMARY",
                "partial_unexpected_count": PARTIAL_EXAMPLES,
                "unexpected_index_column_names": index_columns,
            },
            run_id=run_identifier,
        )
        identifiers.append(
            ValidationResultIdentifier(
                expectation_suite_identifier=ExpectationSuiteIdentifier(name=batch.suite),
                run_id=run_identifier,
                batch_identifier=f"{DATASOURCE_NAME}-{batch.suite}",
            )
        )
        outcomes.extend(_outcomes(batch, result))
    prune_results(context, keep_runs, current=run_time)
    docs_path = None
    if build_docs and identifiers:
        if defer_docs:
            _DEFERRED_DOCS[gx_dir.resolve()] = (context, identifiers)
            docs_path = _docs_index(context)
        else:
            docs_path = _build_docs(context, identifiers)
    return CheckpointResult(outcomes=tuple(outcomes), data_docs_path=docs_path)


def build_deferred_docs(gx_dir: Path) -> Path | None:
    """Render the Data Docs the last `run_batches(defer_docs=True)` on `gx_dir` in this process left, and
    return their index; None when none are left."""
    deferred = _DEFERRED_DOCS.pop(gx_dir.resolve(), None)
    return _build_docs(*deferred) if deferred else None


def prepare_context(gx_dir: Path) -> None:
    """Open the context in `gx_dir` and save every suite and its validation definition there, for the
    next `run_batches` on `gx_dir` in this process to use: a validation process does this while the
    night's data are still being built. (A context changed by another process meanwhile would be
    stale: prepare right before validating.)
    """
    context = open_context(gx_dir)
    datasource = _pandas_datasource(context)
    definitions = {
        name: _validation_definition(context, datasource, module) for name, module in suite_modules().items()
    }
    _PREPARED[gx_dir.resolve()] = (context, definitions)


def prune_results(context: Any, keep_runs: int, *, current: dt.datetime) -> int:
    """Delete the stored validation results, and their Data Docs pages, of all runs but the one at
    `current` and the newest `keep_runs` - 1 others (a run's results share their run time); return how
    many results were deleted. Folders left empty go too.
    """
    keys = context.validation_results_store.list_keys()
    others = sorted({key.run_id.run_time for key in keys} - {current}, reverse=True)
    kept = {current, *others[: keep_runs - 1]}
    old = [key for key in keys if key.run_id.run_time not in kept]
    root = Path(context.root_directory).resolve()
    for key in old:
        for site in context.get_docs_sites_urls(resource_identifier=key, only_if_exists=True):
            _remove_page(site["site_url"], root)
        context.validation_results_store.remove_key(key)
    if old:
        # GE's filesystem store leaves the folders of a removed key behind; so does a removed page.
        for folder in (root / "uncommitted" / "validations", root / "uncommitted" / "data_docs"):
            _remove_empty_folders(folder)
    return len(old)


def _remove_page(url: str | None, root: Path) -> None:
    """Delete the Data Docs page at a file URL (None: never built), if it is a page under `root`."""
    if not url or not url.startswith("file://"):
        return
    # Not urlparse: GE escapes the key's part of the URL only, and a "#" in the folder would cut it.
    page = Path(unquote(url.removeprefix("file://")))
    if page.suffix == ".html" and page.resolve().is_relative_to(root):
        page.unlink(missing_ok=True)


def _remove_empty_folders(top: Path) -> None:
    """Remove every empty folder below `top` (deepest first), keeping `top` itself."""
    for folder, _, _ in os.walk(top, topdown=False):
        if folder != str(top) and not any(os.scandir(folder)):
            with contextlib.suppress(OSError):  # filled meanwhile
                os.rmdir(folder)


def _pandas_datasource(context: Any) -> Any:
    try:
        return context.data_sources.get(DATASOURCE_NAME)
    except (KeyError, ValueError, LookupError):
        return context.data_sources.add_pandas(DATASOURCE_NAME)


def _validation_definition(context: Any, datasource: Any, module: ModuleType) -> Any:
    name = module.SUITE_NAME
    asset_names = {asset.name for asset in datasource.assets}
    asset = datasource.get_asset(name) if name in asset_names else datasource.add_dataframe_asset(name)
    definition_names = {definition.name for definition in asset.batch_definitions}
    batch_definition = (
        asset.get_batch_definition(BATCH_DEFINITION_NAME)
        if BATCH_DEFINITION_NAME in definition_names
        else asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION_NAME)
    )
    suite = context.suites.add_or_update(module.build_suite())
    return context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
    )


def _outcomes(batch: Batch, result: Any) -> list[ExpectationOutcome]:
    outcomes = []
    for expectation_result in result.results:
        config = expectation_result.expectation_config
        severity = getattr(config.severity, "value", config.severity) or "critical"
        exception = expectation_result.exception_info or {}
        if "raised_exception" not in exception and exception:
            # Several metrics may fail at once: the info is then keyed by metric.
            exception = next(iter(exception.values()), {})
        exception_message = exception.get("exception_message") if exception.get("raised_exception") else None
        outcomes.append(
            outcome_from_result(
                suite=batch.suite,
                source_id=batch.source_id,
                expectation_type=config.type,
                kwargs=config.kwargs,
                meta=config.meta or {},
                severity=str(severity),
                success=bool(expectation_result.success),
                result=expectation_result.result or {},
                exception_message=exception_message,
                context_row=batch.context_row,
            )
        )
    return outcomes


def _build_docs(context: Any, identifiers: list[ValidationResultIdentifier]) -> Path | None:
    """Render this run's results and the index (incremental: older pages are not rebuilt)."""
    sites = context.build_data_docs(resource_identifiers=identifiers)
    return _local_path(next(iter(sites.values()), None))


def _docs_index(context: Any) -> Path | None:
    """Where the Data Docs index is, built or not."""
    sites = context.get_docs_sites_urls(only_if_exists=False)
    return _local_path(sites[0]["site_url"] if sites else None)


def _local_path(location: str | None) -> Path | None:
    if not location:
        return None
    parsed = urlparse(location)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(location)

"""What one validation run found, as plain frozen dataclasses, and the sentences that explain each result.

Nothing here imports Great Expectations: the report and the CLI read these types without paying for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CRITICAL = "critical"
WARNING = "warning"
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation checked on one batch: the whole run, or one source when `source_id` is set.

    `observed_value` is the share of offending rows for row-level checks (0.0 is clean) and the
    measured value for aggregate checks (a row count, a drift ratio); None when nothing was measured.
    """

    suite: str
    expectation: str
    severity: str
    column: str | None
    source_id: str | None
    is_success: bool
    observed_value: float | str | None
    unexpected_examples: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class ValidationOutcome:
    """Every expectation result of one run; `is_success` is false when any critical expectation failed."""

    run_id: str
    is_success: bool
    results: tuple[ExpectationOutcome, ...]
    elapsed_s: float
    data_docs_path: Path | None = None

    @property
    def failures(self) -> tuple[ExpectationOutcome, ...]:
        """Failed results, critical first, then by suite, source and expectation."""
        failed = [result for result in self.results if not result.is_success]
        return tuple(sorted(failed, key=_failure_order))

    @property
    def critical_failures(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(result for result in self.failures if result.severity == CRITICAL)

    @property
    def warnings(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(result for result in self.failures if result.severity != CRITICAL)


def _failure_order(result: ExpectationOutcome) -> tuple[int, str, str, str]:
    return (0 if result.severity == CRITICAL else 1, result.suite, result.source_id or "", result.expectation)


def outcome_from_result(
    *,
    suite: str,
    source_id: str | None,
    expectation_type: str,
    kwargs: Mapping[str, Any],
    meta: Mapping[str, Any],
    severity: str,
    success: bool,
    result: Mapping[str, Any],
    exception_message: str | None = None,
    context_row: Mapping[str, Any] | None = None,
) -> ExpectationOutcome:
    """Turn one Great Expectations result (as plain dicts) into an outcome with a sentence naming source and column.

    `meta` carries what the suite declared: `check` (stable name), `noun` (what a row is) and `problem`
    (what an offending row shows). A result that raised instead of measuring becomes a failure whose
    message carries the exception text; missing meta keys fall back to the expectation type.
    """
    column = meta.get("column") or kwargs.get("column") or kwargs.get("column_A")
    check = str(meta.get("check") or expectation_type)
    noun = str(meta.get("noun") or "rows")
    problem = str(meta.get("problem") or "unexpected")
    prefix = f"source {source_id}: " if source_id else ""
    # meta may name the column a reader knows ("actor_id") for one that holds its offending values
    checked = kwargs.get("column") or kwargs.get("column_A")
    examples = _examples(result, column, meta.get("example_column"), checked)
    element_count = result.get("element_count")
    unexpected_count = result.get("unexpected_count")

    if exception_message:
        observed: float | str | None = None
        message = f"{prefix}{column or check}: could not be checked ({exception_message})"
        success = False
    elif meta.get("kind") == "drift":
        observed, message = _drift_message(prefix, meta, kwargs, success, context_row or {})
    elif meta.get("kind") == "floor":
        observed = _number((context_row or {}).get(column)) if column else None
        verdict = "too low" if not success else "ok"
        shown = "n/a (nothing fetched)" if observed is None else f"{observed:.2f}"
        message = f"{prefix}{meta.get('label') or column} {verdict}: {shown} (warns below {kwargs.get('min_value')})"
    elif element_count is not None and unexpected_count is not None:
        observed = round(unexpected_count / element_count, 4) if element_count else 0.0
        subject = f"{column} {problem}" if column else problem
        message = f"{prefix}{subject} in {unexpected_count} of {element_count} {noun}"
        mostly = kwargs.get("mostly")
        if mostly is not None and mostly < 1:
            message += f" (at most {_percent(1 - mostly)} allowed)"
        sources = _offending_sources(result) if not source_id and not success else []
        if sources:
            message += " (sources: " + ", ".join(sources) + ")"
        if examples and not success:
            message += "; e.g. " + ", ".join(examples[:3])
    else:
        observed = _plain(result.get("observed_value"))
        message = f"{prefix}{meta.get('label') or check}: {observed}"
        bounds = _bounds(kwargs)
        if bounds:
            message += f" (expected {bounds})"
    return ExpectationOutcome(
        suite=suite,
        expectation=check,
        severity=severity,
        column=column,
        source_id=source_id,
        is_success=bool(success),
        observed_value=observed,
        unexpected_examples=tuple(examples) if not success else (),
        message=message,
    )


def _drift_message(
    prefix: str, meta: Mapping[str, Any], kwargs: Mapping[str, Any], success: bool, row: Mapping[str, Any]
) -> tuple[float | None, str]:
    metric = str(meta.get("metric"))
    label = str(meta.get("label") or metric)
    history_runs = int(_number(row.get("history_runs")) or 0)
    current = _number(row.get(metric))
    baseline = _number(row.get(f"{metric}_baseline"))
    ratio = _number(row.get(f"{metric}_ratio"))
    if history_runs < 2:
        earlier = "1 earlier run" if history_runs == 1 else f"{history_runs} earlier runs"
        return None, f"{prefix}{label}: not enough history ({earlier}; drift needs 2)"
    if ratio is None:
        return None, f"{prefix}{label}: nothing to compare (no baseline value over {history_runs} runs)"
    floor = kwargs.get("min_value")
    verdict = "dropped" if not success else "steady"
    message = (
        f"{prefix}{label} {verdict}: {_fmt(current)} this run vs a mean of {_fmt(baseline)}"
        f" over the previous {history_runs} runs (ratio {ratio:.2f}"
    )
    message += f", warns below {floor:.2f})" if isinstance(floor, int | float) else ")"
    return round(ratio, 4), message


def _examples(
    result: Mapping[str, Any], column: str | None, example_column: Any, checked: str | None = None
) -> list[str]:
    """Name up to MAX_EXAMPLES offending rows by their example column, with the offending value.

    The value is read from the `checked` column when given, and shown under the name `column`.
    """
    rows = result.get("partial_unexpected_index_list") or []
    examples: list[str] = []
    for row in rows:
        if not isinstance(row, Mapping):
            continue
        label = _plain(row.get(example_column)) if example_column else None
        value = _plain(row.get(checked or column)) if column and column != example_column else None
        if label is not None and value not in (None, ""):
            text = f"{label} ({column}={value})"
        elif label is not None:
            text = str(label)
        else:
            text = repr(value)
        if text not in examples:
            examples.append(text)
        if len(examples) == MAX_EXAMPLES:
            return examples
    if not examples:
        for value in result.get("partial_unexpected_list") or []:
            text = repr(_plain(value))
            if text not in examples:
                examples.append(text)
            if len(examples) == MAX_EXAMPLES:
                break
    return examples


def _offending_sources(result: Mapping[str, Any]) -> list[str]:
    """The sources named by the offending rows GX returned (a sample: at most its partial list)."""
    sources: list[str] = []
    for row in result.get("partial_unexpected_index_list") or []:
        source = _plain(row.get("source_id")) if isinstance(row, Mapping) else None
        if source is not None and str(source) not in sources:
            sources.append(str(source))
    return sorted(sources)


def _bounds(kwargs: Mapping[str, Any]) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is not None and high is not None:
        return f"between {low} and {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return ""


def _plain(value: Any) -> Any:
    """Make numpy/pandas scalars and timestamps printable and comparable; NaN and NaT become None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        with contextlib.suppress(ValueError, TypeError):
            value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    if text in ("NaT", "nan", "<NA>"):
        return None
    if isinstance(value, int | float | bool | str):
        return value
    return text


def _number(value: Any) -> float | None:
    value = _plain(value)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _fmt(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f}" if value == int(value) and abs(value) >= 10 else f"{value:.2f}"


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def summarize_counts(results: Sequence[ExpectationOutcome]) -> dict[str, int]:
    """Count results by verdict: passed, critical failures, warnings."""
    return {
        "passed": sum(result.is_success for result in results),
        "critical": sum(not result.is_success and result.severity == CRITICAL for result in results),
        "warning": sum(not result.is_success and result.severity != CRITICAL for result in results),
    }

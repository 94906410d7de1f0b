"""Sentences from Great Expectations results (plain dicts here, no GX import): they name source and column."""

from __future__ import annotations

import datetime as dt

import numpy as np

from expectations.outcome import ExpectationOutcome, ValidationOutcome, outcome_from_result

META = {"check": "body_present", "noun": "articles", "problem": "empty", "example_column": "url"}


def test_a_failed_row_check_names_source_column_counts_and_examples():
    outcome = outcome_from_result(
        suite="raw_extraction",
        source_id="caspianwire",
        expectation_type="expect_column_values_to_not_be_null",
        kwargs={"column": "body_text", "mostly": 0.95},
        meta=META,
        severity="critical",
        success=False,
        result={
            "element_count": 12,
            "unexpected_count": 12,
            "partial_unexpected_index_list": [
                {"url": "https://www.caspianwire.com/a", "body_text": None},
                {"url": "https://www.caspianwire.com/b", "body_text": np.nan},
            ],
        },
    )
    assert outcome.message == (
        "source caspianwire: body_text empty in 12 of 12 articles (at most 5% allowed);"
        " e.g. https://www.caspianwire.com/a, https://www.caspianwire.com/b"
    )
    assert outcome.observed_value == 1.0
    assert outcome.unexpected_examples == ("https://www.caspianwire.com/a", "https://www.caspianwire.com/b")
    assert (outcome.expectation, outcome.column, outcome.severity) == (
        "body_present",
        "body_text",
        "critical",
    )


def test_examples_carry_the_offending_value_and_whole_run_checks_name_sources():
    outcome = outcome_from_result(
        suite="mart_articles",
        source_id=None,
        expectation_type="expect_column_values_to_be_between",
        kwargs={"column": "published_at"},
        meta={**META, "check": "published_at_in_range", "problem": "out of range"},
        severity="critical",
        success=False,
        result={
            "element_count": 40,
            "unexpected_count": 1,
            "partial_unexpected_index_list": [
                {
                    "url": "https://x.com/1",
                    "published_at": dt.datetime(2031, 1, 1),
                    "source_id": "steppeherald",
                }
            ],
        },
    )
    assert outcome.message == (
        "published_at out of range in 1 of 40 articles (sources: steppeherald);"
        " e.g. https://x.com/1 (published_at=2031-01-01T00:00:00)"
    )


def test_an_expectation_that_raised_is_a_failure_with_the_error():
    outcome = outcome_from_result(
        suite="raw_extraction",
        source_id="caspianwire",
        expectation_type="expect_column_values_to_not_be_null",
        kwargs={"column": "body_text"},
        meta=META,
        severity="warning",
        success=True,
        result={},
        exception_message="column body_text does not exist",
    )
    assert not outcome.is_success
    assert (
        outcome.message
        == "source caspianwire: body_text: could not be checked (column body_text does not exist)"
    )


def test_drift_messages_compare_with_the_baseline_or_say_there_is_not_enough_history():
    drift_meta = {
        "check": "articles_drift",
        "kind": "drift",
        "metric": "articles",
        "label": "articles per run",
    }
    common = {
        "suite": "source_drift",
        "source_id": "caspianwire",
        "expectation_type": "expect_column_values_to_be_between",
        "kwargs": {"column": "articles_ratio", "min_value": 0.5},
        "meta": drift_meta,
        "severity": "warning",
        "result": {},
    }
    dropped = outcome_from_result(
        **common,
        success=False,
        context_row={"history_runs": 7, "articles": 3.0, "articles_baseline": 40.0, "articles_ratio": 0.075},
    )
    assert dropped.message == (
        "source caspianwire: articles per run dropped: 3.00 this run vs a mean of 40 over the previous 7 runs"
        " (ratio 0.07, warns below 0.50)"
    )
    assert dropped.observed_value == 0.075
    young = outcome_from_result(**common, success=True, context_row={"history_runs": 1, "articles": 3.0})
    assert (
        young.message
        == "source caspianwire: articles per run: not enough history (1 earlier run; drift needs 2)"
    )


def test_validation_outcome_orders_failures_critical_first():
    def result(expectation: str, severity: str, is_success: bool) -> ExpectationOutcome:
        return ExpectationOutcome("s", expectation, severity, None, None, is_success, None, (), expectation)

    outcome = ValidationOutcome(
        run_id="r",
        is_success=False,
        results=(
            result("b", "warning", False),
            result("a", "critical", False),
            result("c", "critical", True),
        ),
        elapsed_s=0.1,
    )
    assert [failure.expectation for failure in outcome.failures] == ["a", "b"]
    assert [failure.expectation for failure in outcome.critical_failures] == ["a"]
    assert [failure.expectation for failure in outcome.warnings] == ["b"]

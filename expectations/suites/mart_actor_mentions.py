"""The mentions mart for this run: keys, links to articles and actors, offsets inside their field.

Frame: the rows of `main.fct_actor_mentions` whose `mention_id` this run loaded into
`raw.actor_mentions`, with `source_id` and `field_chars` (length of the article's title or body, by
`field`) joined from `main.fct_articles`, and `unknown_article_id` / `unknown_actor_id`: the mention's
key when `main.fct_articles` / `main.dim_actors` has no such row, else null.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites._meta import check_meta
from expectations.suites.mart_actors import code_shape_expectations

SUITE_NAME = "mart_actor_mentions"
SCOPE = "run"
EXAMPLE_COLUMN = "mention_id"


def build_suite() -> gx.ExpectationSuite:
    """Build the mentions-mart suite."""

    def meta(check: str, problem: str, **extra: str) -> dict:
        return check_meta(check, "mentions", problem, example_column=EXAMPLE_COLUMN, **extra)

    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="mention_id", severity="critical", meta=meta("mention_id_not_null", "null")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeUnique(
            column="mention_id", severity="critical", meta=meta("mention_id_unique", "duplicated")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeNull(
            column="unknown_article_id",
            severity="critical",
            meta=meta("article_id_in_fct_articles", "not in fct_articles", column="article_id"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeNull(
            column="unknown_actor_id",
            severity="critical",
            meta=meta("actor_id_in_dim_actors", "not in dim_actors", column="actor_id"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="field",
            value_set=["title", "body"],
            severity="critical",
            meta=meta("field_known", "unknown"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="start_char",
            min_value=0,
            severity="critical",
            meta=meta("start_char_not_negative", "negative"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="end_char",
            column_B="start_char",
            severity="critical",
            meta=meta("span_not_empty", "not after start_char"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="field_chars",
            column_B="end_char",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            severity="critical",
            meta=meta("end_char_inside_field", "beyond the length of its title or body", column="end_char"),
            description="Offsets point inside the stored text they were found in.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="confidence",
            min_value=0,
            max_value=1,
            severity="warning",
            meta=meta("confidence_in_unit_range", "outside 0–1"),
        )
    )
    for expectation in code_shape_expectations(meta):
        suite.add_expectation(expectation)
    return suite

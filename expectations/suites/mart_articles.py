"""The articles mart for this run: keys, sources and publication dates in range.

Frame: the rows of `main.fct_articles` that share an `article_id` with this run's rows (so a duplicate
involving this run is seen without reading the whole history), with `source_id`, `url`, `run_id`,
`published_at`. Parameters: `min_articles` (1 when the run fetched pages or could read none of its
sources, else 0: a night with nothing new is normal), `earliest_published_at`, `latest_published_at`
(the later of the run date and today, + 1 day: a backfilled night fetches today), `known_source_ids`
(from `main.dim_sources`).
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites._meta import check_meta

SUITE_NAME = "mart_articles"
SCOPE = "run"
EXAMPLE_COLUMN = "url"


def build_suite() -> gx.ExpectationSuite:
    """Build the articles-mart suite; date bounds and known sources come in as suite parameters."""

    def meta(check: str, problem: str) -> dict:
        return check_meta(check, "articles", problem, example_column=EXAMPLE_COLUMN)

    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectTableRowCountToBeBetween(
            min_value={"$PARAMETER": "min_articles"},
            severity="critical",
            meta=check_meta("run_has_articles", "articles", label="articles in fct_articles"),
            description=(
                "A run that fetched pages, or could read none of its sources, produced at least one article."
            ),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="article_id", severity="critical", meta=meta("article_id_not_null", "null")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeUnique(
            column="article_id", severity="critical", meta=meta("article_id_unique", "duplicated")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="url", severity="critical", meta=meta("url_not_null", "null")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="source_id",
            value_set={"$PARAMETER": "known_source_ids"},
            severity="critical",
            meta=meta("source_id_in_dim_sources", "not in dim_sources"),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="published_at",
            min_value={"$PARAMETER": "earliest_published_at"},
            max_value={"$PARAMETER": "latest_published_at"},
            severity="critical",
            meta=meta("published_at_in_range", "before 1990 or after the fetch day + 1 day"),
            description="Publication dates are neither in the future nor before 1990.",
        )
    )
    return suite

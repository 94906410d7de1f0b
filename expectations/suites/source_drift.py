"""Each source this run against its own recent past: a drop beyond the tolerance is a warning.

Frame: one row per source (see `raw.source_run_metrics`) with this run's `articles`,
`extraction_yield` (articles / fetched), `date_coverage` (share of articles with a publication date)
and `mentions_per_article`, each with `<metric>_baseline` (mean over the previous runs) and
`<metric>_ratio` (this run / baseline), plus `history_runs`. The ratio is null when fewer than
MIN_HISTORY_RUNS earlier runs exist, so the check passes with a "not enough history" note.
This is what catches a publisher changing its templates: the site still answers, extraction quietly
yields less.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.policy import DRIFT_HISTORY_RUNS, DRIFT_MIN_HISTORY_RUNS
from expectations.suites._meta import check_meta

SUITE_NAME = "source_drift"
SCOPE = "source"
EXAMPLE_COLUMN = "source_id"

HISTORY_RUNS = DRIFT_HISTORY_RUNS
MIN_HISTORY_RUNS = DRIFT_MIN_HISTORY_RUNS
# How far below its recent mean a metric may fall before a warning. Volumes swing with the news cycle;
# yield, date coverage and mention density are properties of the extractor and the templates.
TOLERANCES = {
    "articles": 0.5,
    "extraction_yield": 0.25,
    "date_coverage": 0.25,
    "mentions_per_article": 0.5,
}
LABELS = {
    "articles": "articles per run",
    "extraction_yield": "extraction yield (articles per fetched page)",
    "date_coverage": "share of articles with a publication date",
    "mentions_per_article": "actor mentions per article",
}
# Absolute floor for this run alone, history or not: most fetched pages should become articles.
MIN_EXTRACTION_YIELD = 0.5


def build_suite() -> gx.ExpectationSuite:
    """Build the per-source drift suite from TOLERANCES and MIN_EXTRACTION_YIELD."""
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="extraction_yield",
            min_value=MIN_EXTRACTION_YIELD,
            severity="warning",
            meta=check_meta(
                "extraction_yield_floor", "sources", kind="floor", label=LABELS["extraction_yield"]
            ),
            description="Most fetched pages became articles.",
        )
    )
    for metric, tolerance in TOLERANCES.items():
        suite.add_expectation(
            gxe.ExpectColumnValuesToBeBetween(
                column=f"{metric}_ratio",
                min_value=round(1 - tolerance, 4),
                severity="warning",
                meta=check_meta(
                    f"{metric}_drift", "sources", "dropped", kind="drift", metric=metric, label=LABELS[metric]
                ),
                description=f"{LABELS[metric].capitalize()} stays within {tolerance:.0%} of its recent mean.",
            )
        )
    return suite

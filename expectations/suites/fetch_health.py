"""How this run's fetches went, checked per source: were URLs discovered, and did most of them arrive.

Frame: one row per URL of `raw.fetches` for this run, with `source_id`, `url`, `status`, `http_status`,
`error`. Healthy statuses are fetched, not_modified and already_seen; robots_disallowed and not_article
are our own choices, not failures.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.policy import HEALTHY_FETCH_STATUSES, SKIPPED_FETCH_STATUSES
from expectations.suites._meta import check_meta

SUITE_NAME = "fetch_health"
SCOPE = "source"
EXAMPLE_COLUMN = "url"

# One URL in five failing is worth a look (a flaky host, rate limiting); it does not fail the run,
# because a publisher's outage is not ours to fix overnight.
HEALTHY_SHARE = 0.8


def build_suite() -> gx.ExpectationSuite:
    """Build the per-source fetch suite: some URLs discovered, most of them fetched."""
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectTableRowCountToBeBetween(
            min_value={"$PARAMETER": "min_fetch_rows"},
            severity="warning",
            meta=check_meta("urls_discovered", "URLs discovered", label="URLs discovered"),
            description=(
                "Discovery found at least one URL for the source (min_fetch_rows is 0 when the source "
                "announced entries that another source listed first)."
            ),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="status",
            value_set=[*HEALTHY_FETCH_STATUSES, *SKIPPED_FETCH_STATUSES],
            mostly=HEALTHY_SHARE,
            severity="warning",
            meta=check_meta("fetches_succeeded", "fetches", "failed", example_column=EXAMPLE_COLUMN),
            description="Most of the source's URLs were fetched (or unchanged since the last run).",
        )
    )
    return suite

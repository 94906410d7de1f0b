"""What trafilatura extracted this run, checked per source: bodies, titles, dates, language, body length.

Frame: one row per article of `raw.articles` whose `run_id` is this run, with `source_id`, `url`,
`title`, `body_text` (blank → null), `body_chars` (length of the trimmed body), `language`, `published_at`.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
import pycountry

from expectations.suites._meta import check_meta

SUITE_NAME = "raw_extraction"
SCOPE = "source"
EXAMPLE_COLUMN = "url"

# A source's articles may lack a date now and then (opinion pages, live blogs); below 80% something
# changed, below half the dates of that source are effectively gone.
DATE_SHARE_WARNING = 0.8
DATE_SHARE_CRITICAL = 0.5
BODY_SHARE = 0.95
TITLE_SHARE = 0.95
LANGUAGE_SHARE = 0.9
BODY_MIN_CHARS = 200
BODY_MAX_CHARS = 200_000
BODY_LENGTH_SHARE = 0.9


def iso_639_1_codes() -> list[str]:
    """Every two-letter ISO 639-1 language code pycountry knows."""
    return sorted(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))


def build_suite() -> gx.ExpectationSuite:
    """Build the per-source extraction suite; thresholds are the module constants above."""

    def meta(check: str, problem: str) -> dict:
        return check_meta(check, "articles", problem, example_column=EXAMPLE_COLUMN)

    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="body_text",
            mostly=BODY_SHARE,
            severity="critical",
            meta=meta("body_present", "empty"),
            description="Nearly every article has a non-empty body.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="title",
            mostly=TITLE_SHARE,
            severity="warning",
            meta=meta("title_present", "missing"),
            description="Nearly every article has a title.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="published_at",
            mostly=DATE_SHARE_WARNING,
            severity="warning",
            meta=meta("published_at_present", "missing"),
            description="Most articles have a publication date.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="published_at",
            mostly=DATE_SHARE_CRITICAL,
            severity="critical",
            meta=meta("published_at_mostly_present", "missing"),
            description="At least half of a source's articles have a publication date.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="language",
            mostly=LANGUAGE_SHARE,
            severity="warning",
            meta=meta("language_present", "unknown"),
            description="Most articles have a detected language.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="language",
            value_set=iso_639_1_codes(),
            severity="warning",
            meta=meta("language_is_iso_639_1", "not an ISO 639-1 code"),
            description="Languages are ISO 639-1 codes.",
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(
            column="body_chars",
            min_value=BODY_MIN_CHARS,
            max_value=BODY_MAX_CHARS,
            mostly=BODY_LENGTH_SHARE,
            severity="warning",
            meta=meta("body_length_in_bounds", f"outside {BODY_MIN_CHARS}–{BODY_MAX_CHARS} characters"),
            description="Bodies are article-sized, not a teaser or a whole site.",
        )
    )
    return suite

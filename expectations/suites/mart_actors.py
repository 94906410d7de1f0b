"""The actor dimension: keys, types and classes in their sets, codes in their shapes.

Frame: all of `main.dim_actors` (a dictionary: thousands of rows, not millions).
"""

from __future__ import annotations

from collections.abc import Callable

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites._meta import check_meta

SUITE_NAME = "mart_actors"
SCOPE = "run"
EXAMPLE_COLUMN = "actor_id"

ACTOR_TYPES = ("person", "organisation", "government", "igo", "media", "country", "place")
ENTITY_CLASSES = ("PER", "ORG", "LOC")
COUNTRY_CODE_REGEX = r"^[A-Z]{3}$"
# CAMEO actor codes chain three-character codes: USA, USAGOV, IGOUNO, AZEGOVMIL.
CAMEO_CODE_REGEX = r"^(?:[A-Z0-9]{3})+$"
WIKIDATA_ID_REGEX = r"^Q[1-9][0-9]*$"


def build_suite() -> gx.ExpectationSuite:
    """Build the actor-dimension suite."""

    def meta(check: str, problem: str) -> dict:
        return check_meta(check, "actors", problem, example_column=EXAMPLE_COLUMN)

    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gxe.ExpectColumnValuesToNotBeNull(
            column="actor_id", severity="critical", meta=meta("actor_id_not_null", "null")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeUnique(
            column="actor_id", severity="critical", meta=meta("actor_id_unique", "duplicated")
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="actor_type",
            value_set=list(ACTOR_TYPES),
            severity="critical",
            meta=meta("actor_type_known", "not one of " + "/".join(ACTOR_TYPES)),
        )
    )
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column="entity_class",
            value_set=list(ENTITY_CLASSES),
            severity="critical",
            meta=meta("entity_class_known", "not one of " + "/".join(ENTITY_CLASSES)),
        )
    )
    for expectation in code_shape_expectations(meta):
        suite.add_expectation(expectation)
    suite.add_expectation(
        gxe.ExpectColumnValuesToMatchRegex(
            column="wikidata_id",
            regex=WIKIDATA_ID_REGEX,
            severity="warning",
            meta=meta("wikidata_id_shape", "not a Wikidata id"),
        )
    )
    return suite


def code_shape_expectations(meta: Callable[[str, str], dict]) -> list[gxe.Expectation]:
    """Warnings that country_code is ISO 3166-1 alpha-3 and cameo_code a CAMEO code (shared with the
    mentions suite, whose rows carry the same codes); `meta(check, problem)` builds each one's meta.
    """
    return [
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_code",
            regex=COUNTRY_CODE_REGEX,
            severity="warning",
            meta=meta("country_code_alpha3", "not an ISO 3166-1 alpha-3 code"),
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="cameo_code",
            regex=CAMEO_CODE_REGEX,
            severity="warning",
            meta=meta("cameo_code_shape", "not a CAMEO code"),
        ),
    ]

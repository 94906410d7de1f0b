"""Every suite builds from Python with named, severity-tagged expectations (imports Great Expectations)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def suites():
    # GX 1.x suites look up the active project when built: give them a throwaway one.
    import great_expectations as gx

    from expectations.suites import SUITE_MODULES

    gx.get_context(mode="ephemeral")
    return {module.SUITE_NAME: (module, module.build_suite()) for module in SUITE_MODULES}


def test_every_expectation_has_a_unique_check_name_and_a_severity(suites):
    for name, (_module, suite) in suites.items():
        checks = [expectation.meta["check"] for expectation in suite.expectations]
        assert len(checks) == len(set(checks)), name
        severities = {expectation.severity.value for expectation in suite.expectations}
        assert severities <= {"critical", "warning"}, name


def test_suite_modules_declare_how_they_are_fed(suites):
    for name, (module, suite) in suites.items():
        assert suite.name == name
        assert module.SCOPE in ("source", "run")
        assert isinstance(module.EXAMPLE_COLUMN, str)


def test_importing_the_suites_switches_gx_analytics_off():
    import os

    import expectations.suites  # noqa: F401

    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"


def test_extraction_thresholds_are_what_the_report_promises(suites):
    _module, suite = suites["raw_extraction"]
    by_check = {expectation.meta["check"]: expectation for expectation in suite.expectations}
    assert by_check["published_at_present"].mostly == 0.8
    assert by_check["published_at_present"].severity.value == "warning"
    assert by_check["published_at_mostly_present"].mostly == 0.5
    assert by_check["published_at_mostly_present"].severity.value == "critical"
    assert by_check["body_present"].severity.value == "critical"

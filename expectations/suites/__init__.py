"""The suites, one module each, with `build_suite() -> ExpectationSuite` and how the runner feeds it.

Every suite module declares:
- `SUITE_NAME`: the suite's name in Great Expectations and in `raw.validation_results`;
- `SCOPE`: "source" (validated once per source, so results name it) or "run" (once for the whole run);
- `EXAMPLE_COLUMN`: the column that names an offending row in messages (a URL, a key).

Great Expectations 1.x builds a suite against the active Data Context: call `gx.get_context(...)`
(`expectations.checkpoint.open_context` does) before `build_suite()`, or it raises
DataContextRequiredError.
"""

from __future__ import annotations

import os
from types import ModuleType

# Set before Great Expectations is first imported (by the suite modules below): never phone home.
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from expectations.suites import (
    fetch_health,
    mart_actor_mentions,
    mart_actors,
    mart_articles,
    raw_extraction,
    source_drift,
)

SUITE_MODULES: tuple[ModuleType, ...] = (
    fetch_health,
    raw_extraction,
    source_drift,
    mart_articles,
    mart_actor_mentions,
    mart_actors,
)

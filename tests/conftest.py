"""Test-wide settings: no telemetry, no Prefect state outside a temporary folder, nothing on the network."""

import os
import tempfile

# Set before any test module imports prefect, dbt or great_expectations.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsdesk-test-prefect-")
for key, value in {
    "PREFECT_HOME": _PREFECT_HOME,
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_UI_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}.items():
    os.environ.setdefault(key, value)
# Settings read NEWSDESK_* variables; a developer's own must not leak into tests.
for key in [key for key in os.environ if key.startswith("NEWSDESK_")]:
    del os.environ[key]

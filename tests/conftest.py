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


def pytest_sessionfinish(session, exitstatus):
    """Stop Prefect's temporary server (started by flows run in this process) while pytest still captures.

    Prefect stops it at interpreter exit otherwise, logging "Stopping temporary server" to a stream pytest
    has closed by then: a logging error after every run's summary.
    """
    import sys

    server_module = sys.modules.get("prefect.server.api.server")
    if server_module is not None:
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)  # the runs' last log lines, while the server can still take them
        # Prefect keeps its temporary servers by port in this class-level registry.
        for server in list(server_module.SubprocessASGIServer._instances.values()):
            server.stop()

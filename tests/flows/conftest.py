"""Fixtures for tests that run the real `newsdesk` command: a Prefect server shared by the session."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_api_url(tmp_path_factory):
    """Start one `prefect server start` on 127.0.0.1 for the session (each run then skips the ~15 s
    temporary server), and stop it afterwards.
    """
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    environment = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_API_HOST": "127.0.0.1",
                   "PREFECT_SERVER_API_PORT": str(port), "PREFECT_UI_ENABLED": "false"}  # fmt: skip
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.5)
        if server.poll() is not None:
            pytest.fail(f"prefect server exited early: {(home / 'server.log').read_text()[-2000:]}")
    else:
        server.kill()
        pytest.fail("prefect server did not become healthy in 120 s")
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def run_newsdesk(prefect_api_url):
    """Run the `newsdesk` command in a subprocess against the session's Prefect server."""

    def run(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
        environment = {**os.environ, "PREFECT_API_URL": prefect_api_url, **(env or {})}
        # Output to files and its own process group: a killed run's leftovers cannot hold a pipe open,
        # and are stopped with it.
        with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
            process = subprocess.Popen(
                [str(BIN / "newsdesk"), *args], env=environment, stdout=stdout, stderr=stderr,
                start_new_session=True,
            )  # fmt: skip
            try:
                process.wait(timeout=timeout)
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            stdout.seek(0)
            stderr.seek(0)
            return subprocess.CompletedProcess(process.args, process.returncode, stdout.read(), stderr.read())

    return run

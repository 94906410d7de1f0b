"""Serve the sample site once for the whole folder and fetch from it over loopback with a Host header."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
import requests

from flows.sample_site.server import ServedSite, serve_sample_site

Fetch = Callable[..., requests.Response]


@pytest.fixture(scope="session")
def site() -> Iterator[ServedSite]:
    with serve_sample_site() as served:
        yield served


@pytest.fixture(scope="session")
def fetch(site: ServedSite) -> Iterator[Fetch]:
    """Fetch a sample-site URL (`http://HOST/path`) from the loopback server, sending HOST as Host."""
    with requests.Session() as session:

        def get(url: str, method: str = "GET") -> requests.Response:
            parts = urlsplit(url)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            return session.request(
                method,
                f"http://{site.address}{target}",
                headers={"Host": parts.hostname or ""},
                allow_redirects=False,
                timeout=10,
            )

        yield get

"""Polite HTTP fetching: robots.txt, per-host pacing, retries on transient errors, and an address guard.

Every call to `Fetcher.fetch` ends in exactly one terminal status (see `FetchStatus`); it never raises
for a network or HTTP problem, so a run can account for every URL it was given.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import cast
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from protego import Protego
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies, get_netrc_auth

from flows.core.addresses import AddressRefused, check_addresses, check_scheme, parse_ip_literal
from flows.core.encoding import decode_html
from flows.settings import Settings


class FetchStatus(StrEnum):
    """The one terminal status every URL of a run ends with."""

    FETCHED = "fetched"
    NOT_MODIFIED = "not_modified"
    ALREADY_SEEN = "already_seen"
    ROBOTS_DISALLOWED = "robots_disallowed"
    ROBOTS_UNAVAILABLE = "robots_unavailable"
    ADDRESS_REFUSED = "address_refused"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    CONNECTION_ERROR = "connection_error"
    TOO_LARGE = "too_large"
    NOT_HTML = "not_html"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    RETRIES_EXHAUSTED = "retries_exhausted"
    NOT_ARTICLE = "not_article"
    INVALID_URL = "invalid_url"
    # Read again from a run archive by `newsdesk reextract`: no request was made.
    REEXTRACTED = "reextracted"


@dataclass(frozen=True)
class FetchResult:
    """What happened to one URL: the terminal status and, when fetched, the decoded page."""

    url: str
    status: FetchStatus
    fetched_at: dt.datetime
    http_status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    body: bytes | None = None
    text: str | None = None
    attempts: int = 0
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class _Transient(Exception):
    """A failure worth retrying; carries the status it ends in when attempts run out."""

    def __init__(self, status: FetchStatus, message: str, http_status: int | None = None, wait_s: float = 0):
        super().__init__(message)
        self.status = status
        self.http_status = http_status
        self.wait_s = wait_s


class _Terminal(Exception):
    """A failure not worth retrying."""

    def __init__(self, status: FetchStatus, message: str, http_status: int | None = None):
        super().__init__(message)
        self.status = status
        self.http_status = http_status


class HostOverrideAdapter(HTTPAdapter):
    """Send requests for some hostnames to another address, keeping the Host header (like curl --resolve).

    This is how the bundled sample site and test servers on 127.0.0.1 serve realistic hostnames.
    """

    def __init__(self, overrides: dict[str, str], **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.overrides = {host.lower(): address for host, address in overrides.items()}

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:  # type: ignore[override]
        original_url = request.url or ""
        parts = urlsplit(original_url)
        address = self.overrides.get((parts.hostname or "").lower())
        if address is not None:
            request.headers["Host"] = parts.netloc
            request.url = urlunsplit(("http", address, parts.path, parts.query, ""))
        response = super().send(request, **kwargs)  # type: ignore[arg-type]
        if address is not None:
            response.url = original_url
            request.url = original_url
        return response


class HostPacer:
    """Keeps a minimum gap between requests to one host and caps concurrent requests per host."""

    def __init__(self, concurrency: int, sleep: Callable[[float], None] = time.sleep):
        self._concurrency = concurrency
        self._sleep = sleep
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}
        self._next_slot: dict[str, float] = {}

    def slot(self, host: str, delay_s: float) -> _HostSlot:
        with self._lock:
            semaphore = self._semaphores.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        return _HostSlot(self, host, delay_s, semaphore)

    def _wait_turn(self, host: str, delay_s: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = start + delay_s
        if start > now:
            self._sleep(start - now)

    def push_back(self, host: str, wait_s: float) -> None:
        """Hold every request to `host` for `wait_s` seconds (a 429 or 503 with Retry-After)."""
        with self._lock:
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), time.monotonic() + wait_s)


class _HostSlot:
    def __init__(self, pacer: HostPacer, host: str, delay_s: float, semaphore: threading.Semaphore):
        self._pacer, self._host, self._delay_s, self._semaphore = pacer, host, delay_s, semaphore

    def __enter__(self) -> None:
        self._semaphore.acquire()
        self._pacer._wait_turn(self._host, self._delay_s)

    def __exit__(self, *exc: object) -> None:
        self._semaphore.release()


Resolver = Callable[[str], list]


def resolve_host(host: str) -> list:
    """Resolve a hostname to its IP addresses (IO); an empty list when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return []
    # With IPPROTO_TCP every address is AF_INET/AF_INET6, whose sockaddr starts with the host string.
    hosts = [cast(str, info[4][0]) for info in infos]
    return [parse_ip_literal(host) for host in hosts if parse_ip_literal(host) is not None]


HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class _RequestEnvironment:
    """What the environment says for requests to one origin."""

    proxies: dict[str, str]
    auth: tuple[str, str] | None = None
    verify: str | None = None  # a CA bundle; None leaves the session's own setting


_NO_ENVIRONMENT = _RequestEnvironment(proxies={})


class _OriginEnvironment:
    """What a requests session that trusts the environment would read on each request, read once per origin:
    the proxy for it (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY), its ~/.netrc (or $NETRC) credentials, and
    the CA bundle (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE); nothing when `read` is False (a session that does
    not trust the environment). Safe to share between threads.
    """

    def __init__(self, *, read: bool) -> None:
        self._read = read
        self._ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        self._by_origin: dict[tuple[str, str], _RequestEnvironment] = {}

    def settings_for(self, url: str) -> _RequestEnvironment:
        if not self._read:
            return _NO_ENVIRONMENT
        parts = urlsplit(url)
        origin = (parts.scheme.lower(), parts.netloc.lower())
        found = self._by_origin.get(origin)
        if found is None:
            # a CA bundle only matters to TLS, and requests stats its path on every request it is given to
            ca_bundle = self._ca_bundle if origin[0] == "https" else None
            found = _RequestEnvironment(get_environ_proxies(url), get_netrc_auth(url), ca_bundle)
            self._by_origin[origin] = found  # two threads may both read it: the same answer
        return found


class Fetcher:
    """Fetches URLs politely for one run; use as a context manager so the HTTP session is closed."""

    def __init__(
        self,
        settings: Settings,
        *,
        session: requests.Session | None = None,
        resolver: Resolver = resolve_host,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self._sleep = sleep
        self._resolver = resolver
        self.session = session or requests.Session()
        # requests reads proxies (scanning os.environ twice) and looks for ~/.netrc on every request, about
        # 0.25 ms a page; the answers do not change during a run, so they are read once per origin instead.
        self._environment = _OriginEnvironment(read=self.session.trust_env)
        self.session.trust_env = False
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.max_redirects = settings.max_redirects
        if settings.host_overrides:
            adapter = HostOverrideAdapter(settings.host_overrides, pool_maxsize=settings.fetch_workers)
            self.session.mount("http://", adapter)
            self.session.mount("https://", adapter)
        self.pacer = HostPacer(settings.per_host_concurrency, sleep=sleep)
        self._robots: dict[str, Protego | str | None] = {}
        self._robots_lock = threading.Lock()
        self._robots_origin_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    # -- the address guard -------------------------------------------------------------------------
    def check_url(self, url: str) -> None:
        """Raise AddressRefused when the URL's scheme or any address its host resolves to is refused."""
        host = check_scheme(url)
        override = self.settings.host_overrides.get(host.lower())
        if override is not None:
            literal = parse_ip_literal(override.rsplit(":", 1)[0])
            addresses = [literal] if literal else self._resolver(override.rsplit(":", 1)[0])
        else:
            literal = parse_ip_literal(host)
            addresses = [literal] if literal else self._resolver(host)
        if not addresses:
            raise _Terminal(FetchStatus.CONNECTION_ERROR, f"{url}: host {host!r} does not resolve")
        check_addresses(
            url,
            addresses,
            allow_private_network=self.settings.allow_private_network,
            allowed_networks=self.settings.allowed_networks,
        )

    # -- robots.txt --------------------------------------------------------------------------------
    def robots_for(self, url: str) -> Protego | None:
        """Return the parsed robots.txt of the URL's host, read once per run (one thread reads it, the
        others wait); None when the host has none (4xx): everything is allowed.

        Raises _Terminal(ROBOTS_UNAVAILABLE) when robots.txt answers 5xx/429 or not at all after the
        usual retries: the host is not crawled this run rather than crawled without knowing its rules.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            origin_lock = self._robots_origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if isinstance(robots, str):
            raise _Terminal(FetchStatus.ROBOTS_UNAVAILABLE, robots)
        return robots

    def _read_robots(self, origin: str) -> Protego | str | None:
        """Fetch and parse one robots.txt with retries; a string says why it is unavailable."""
        robots_url = origin + "/robots.txt"
        problem = ""
        for attempt in range(1, self.settings.max_attempts + 1):
            try:
                with self._request_following_redirects(robots_url, headers={}) as response:
                    code = response.status_code
                    if code == 200:
                        return Protego.parse(response.content[: 512 * 1024].decode("utf-8", "replace"))
                    if code != 429 and code < 500:
                        return None  # no robots.txt (404, 403, ...): crawlers take everything as allowed
                    problem = f"HTTP {code}"
            except (requests.Timeout, requests.ConnectionError) as error:
                problem = f"{type(error).__name__}: {error}"
            except (AddressRefused, _Terminal, requests.RequestException):
                return None  # its pages will meet the same refusal or error themselves
            if attempt < self.settings.max_attempts:
                self._sleep(self.settings.backoff_base_s * 2 ** (attempt - 1))
        return f"{robots_url} unavailable after {self.settings.max_attempts} attempts ({problem})"

    def host_delay_s(self, url: str) -> float:
        robots = self.robots_for(url) if self.settings.obey_robots else None
        crawl_delay = (robots.crawl_delay(self.settings.user_agent) if robots else None) or 0.0
        return max(self.settings.per_host_delay_s, float(crawl_delay))

    # -- fetching ----------------------------------------------------------------------------------
    def fetch_document(self, url: str) -> FetchResult:
        """Fetch a feed, sitemap or other non-HTML document (no content-type check, no decoding)."""
        return self.fetch(url, require_html=False)

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        require_html: bool = True,
    ) -> FetchResult:
        """Fetch one URL and return its terminal status; never raises for network or HTTP problems.

        With `require_html` (pages), a response that is not HTML ends as `not_html` and the body is decoded
        to `text`; feeds and sitemaps are fetched with it off.
        """
        attempts = 0
        last: _Transient | None = None
        try:
            self.check_url(url)
            if self.settings.obey_robots:
                robots = self.robots_for(url)
                if robots is not None and not robots.can_fetch(url, self.settings.user_agent):
                    return self._result(url, FetchStatus.ROBOTS_DISALLOWED, error="disallowed by robots.txt")
            host = (urlsplit(url).hostname or "").lower()
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            while attempts < self.settings.max_attempts:
                attempts += 1
                with self.pacer.slot(host, self.host_delay_s(url)):
                    try:
                        return self._fetch_once(url, headers, attempts, require_html)
                    except _Transient as transient:
                        last = transient
                if last is not None and last.wait_s:
                    self.pacer.push_back(host, last.wait_s)
                elif attempts < self.settings.max_attempts:
                    self._sleep(self.settings.backoff_base_s * 2 ** (attempts - 1))
        except AddressRefused as refused:
            return self._result(url, FetchStatus.ADDRESS_REFUSED, attempts=attempts, error=str(refused))
        except _Terminal as terminal:
            return self._result(
                url, terminal.status, attempts=attempts, http_status=terminal.http_status, error=str(terminal)
            )
        assert last is not None
        status = (
            last.status
            if last.status in (FetchStatus.TIMEOUT, FetchStatus.CONNECTION_ERROR)
            else (FetchStatus.RETRIES_EXHAUSTED)
        )
        return self._result(url, status, attempts=attempts, http_status=last.http_status, error=str(last))

    def _fetch_once(
        self, url: str, headers: dict[str, str], attempts: int, require_html: bool
    ) -> FetchResult:
        try:
            response = self._request_following_redirects(url, headers=headers)
        except requests.Timeout as error:
            raise _Transient(FetchStatus.TIMEOUT, f"timed out: {error}") from error
        except requests.ConnectionError as error:
            raise _Transient(FetchStatus.CONNECTION_ERROR, f"connection failed: {error}") from error
        except requests.RequestException as error:
            raise _Terminal(FetchStatus.CONNECTION_ERROR, f"request failed: {error}") from error
        with response:
            code = response.status_code
            final_url = response.url
            if code == 304:
                return self._result(
                    url, FetchStatus.NOT_MODIFIED, http_status=code, final_url=final_url, attempts=attempts
                )
            if code == 429 or code >= 500:
                wait_s = self._retry_after_s(response.headers.get("Retry-After")) if code in (429, 503) else 0
                raise _Transient(FetchStatus.HTTP_ERROR, f"HTTP {code}", http_status=code, wait_s=wait_s)
            if code >= 400:
                raise _Terminal(FetchStatus.HTTP_ERROR, f"HTTP {code}", http_status=code)
            content_type = response.headers.get("Content-Type", "")
            media_type = content_type.split(";")[0].strip().lower()
            if require_html and media_type and media_type not in HTML_TYPES:
                raise _Terminal(
                    FetchStatus.NOT_HTML, f"content type {media_type!r} is not HTML", http_status=code
                )
            body = self._read_limited(response)
        return self._result(
            url,
            FetchStatus.FETCHED,
            http_status=code,
            final_url=final_url,
            content_type=content_type or None,
            body=body,
            text=decode_html(body, content_type) if require_html else None,
            attempts=attempts,
            headers={key.lower(): value for key, value in response.headers.items()},
        )

    def _request_following_redirects(self, url: str, headers: dict[str, str]) -> requests.Response:
        """GET a URL, following redirects one hop at a time so every hop passes the address guard."""
        timeout = (self.settings.connect_timeout_s, self.settings.read_timeout_s)
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            environment = self._environment.settings_for(current)
            response = self.session.get(
                current,
                headers=headers,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
                proxies=environment.proxies,
                auth=environment.auth,
                verify=environment.verify,
            )
            location = response.headers.get("Location")
            if not (response.is_redirect and location):
                return response
            response.close()
            current = urljoin(current, location)
            self.check_url(current)
        raise _Terminal(FetchStatus.TOO_MANY_REDIRECTS, f"more than {self.settings.max_redirects} redirects")

    def _read_limited(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length")
        limit = self.settings.max_body_bytes
        if declared and declared.isdigit() and int(declared) > limit:
            raise _Terminal(
                FetchStatus.TOO_LARGE,
                f"declared {declared} bytes > limit {limit}",
                http_status=response.status_code,
            )
        chunks, size = [], 0
        try:
            # Counting decoded bytes also stops gzip bombs: decompression happens chunk by chunk.
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise _Terminal(
                        FetchStatus.TOO_LARGE,
                        f"body over limit {limit} bytes",
                        http_status=response.status_code,
                    )
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as error:
            raise _Transient(FetchStatus.CONNECTION_ERROR, f"body cut off: {error}") from error
        except requests.exceptions.ContentDecodingError as error:
            raise _Terminal(
                FetchStatus.HTTP_ERROR, f"undecodable body: {error}", http_status=response.status_code
            ) from error
        except requests.Timeout as error:
            raise _Transient(FetchStatus.TIMEOUT, f"timed out reading body: {error}") from error
        except requests.ConnectionError as error:
            raise _Transient(
                FetchStatus.CONNECTION_ERROR, f"connection lost reading body: {error}"
            ) from error
        return b"".join(chunks)

    def _retry_after_s(self, value: str | None) -> float:
        if not value:
            return self.settings.backoff_base_s
        value = value.strip()
        if value.isdigit():
            wait_s = float(value)
        else:
            try:
                when = email.utils.parsedate_to_datetime(value)
                wait_s = (when - dt.datetime.now(dt.UTC)).total_seconds()
            except (TypeError, ValueError):
                wait_s = self.settings.backoff_base_s
        return min(max(wait_s, 0.0), self.settings.max_retry_after_s)

    @staticmethod
    def _result(url: str, status: FetchStatus, **values: object) -> FetchResult:
        return FetchResult(url=url, status=status, fetched_at=dt.datetime.now(dt.UTC), **values)  # type: ignore[arg-type]


def fetch_all(
    fetcher: Fetcher, urls: list[str], *, fetch: Callable[[str], FetchResult] | None = None
) -> Iterator[FetchResult]:
    """Fetch URLs concurrently (settings.fetch_workers threads), yielding results as they complete.

    `fetch` replaces `fetcher.fetch` for one URL (for example to add conditional-GET validators).
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    with ThreadPoolExecutor(max_workers=fetcher.settings.fetch_workers) as pool:
        futures = [pool.submit(fetch or fetcher.fetch, url) for url in urls]
        for future in as_completed(futures):
            yield future.result()

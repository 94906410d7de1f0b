"""A loopback news site of many hosts where about a fifth of the pages misbehave on purpose."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

from flows.sample_site.catalog import catalog
from tests.support.fault_server import QuietHandler

FAULTS = ("flaky_503", "down_500", "missing_404", "throttled_429", "slow", "reset", "huge", "gzip_bomb",
          "latin1_declared_utf8", "pdf", "redirect_loop", "redirect_private", "robots_disallowed")  # fmt: skip
HOSTS = tuple(f"www.faultwire{number}.com" for number in range(10))


def fault_of(index: int) -> str | None:
    """Every fifth page has a fault, cycling through all kinds; the others are plain articles."""
    return FAULTS[(index // 5) % len(FAULTS)] if index % 5 == 0 else None


def page_path(index: int) -> str:
    prefix = "/private" if fault_of(index) == "robots_disallowed" else "/news"
    return f"{prefix}/{index:05d}/story.html"


def page_url(index: int) -> str:
    return f"http://{HOSTS[index % len(HOSTS)]}{page_path(index)}"


def article_html(index: int) -> bytes:
    """A distinct, realistic article: a sample-site body with its own headline and numbers."""
    articles = catalog()
    base = articles[index % len(articles)]
    paragraphs = "".join(f"<p>{paragraph} (Report {index}.)</p>" for paragraph in base.paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{base.title} — report {index}</title>"
        f"<meta property='article:published_time' content='2023-09-{18 + index % 8:02d}T10:{index % 60:02d}:00Z'>"
        f"</head><body><article><h1>{base.title} — report {index}</h1>{paragraphs}</article></body></html>"
    ).encode()


class FaultySite(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # as the sample site's: the fetcher opens several connections per host at once

    def __init__(self, pages: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on slow or huge responses is the point

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def sitemap(self, host: str) -> bytes:
        urls = "".join(
            f"<url><loc>{page_url(i)}</loc></url>"
            for i in range(self.pages)
            if page_url(i).split("/")[2] == host
        )
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


class _Handler(QuietHandler):
    server: FaultySite

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/sitemap.xml":
            return self._send(200, self.server.sitemap(host), "application/xml")
        try:
            index = int(self.path.split("/")[2])
        except (IndexError, ValueError):
            return self._send(404, b"no such page")
        with self.server.lock:
            hits = self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        fault = fault_of(index)
        page = article_html(index)
        if fault is None or fault == "robots_disallowed":
            self._send(200, page)
        elif fault == "flaky_503":
            self._send(503, b"busy") if hits == 1 else self._send(200, page)
        elif fault == "down_500":
            self._send(500, b"broken")
        elif fault == "missing_404":
            self._send(404, b"gone")
        elif fault == "throttled_429":
            self._send(429, b"slow down", Retry_After="1") if hits == 1 else self._send(200, page)
        elif fault == "slow":
            time.sleep(4)
            self._send(200, page)
        elif fault == "reset":
            self.connection.close()
        elif fault == "huge":
            self._send(200, b"<html>" + b"x" * 3_000_000)
        elif fault == "gzip_bomb":
            self._send(200, gzip.compress(b"<html>" + b"0" * 40_000_000), Content_Encoding="gzip")
        elif fault == "latin1_declared_utf8":
            self._send(200, page.decode().replace("report", "café report").encode("latin-1", "replace"))
        elif fault == "pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif fault == "redirect_loop":
            self._send(302, Location=self.path)
        elif fault == "redirect_private":
            self._send(302, Location="http://10.0.0.1/secret")


EXPECTED_STATUS = {
    None: "fetched", "robots_disallowed": "robots_disallowed", "flaky_503": "fetched", "down_500": "retries_exhausted",
    "missing_404": "http_error", "throttled_429": "fetched", "slow": "timeout", "reset": "connection_error",
    "huge": "too_large", "gzip_bomb": "too_large", "latin1_declared_utf8": "fetched", "pdf": "not_html",
    "redirect_loop": "too_many_redirects", "redirect_private": "address_refused",
}  # fmt: skip


@contextlib.contextmanager
def serve_faulty_site(pages: int) -> Iterator[FaultySite]:
    server = FaultySite(pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()

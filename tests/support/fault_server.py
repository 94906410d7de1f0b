"""A loopback HTTP server whose paths misbehave on purpose, for testing the fetcher."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
    + "<p>The foreign ministers met in Brussels to discuss the draft peace agreement.</p>" * 20
    + "</article></body></html>"
)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.hits: Counter[str] = Counter()
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.robots_status = 200
        self.last_authorization: str | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on slow or huge responses is what these tests provoke

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers with one call per response."""

    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self, code: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str
    ):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class FaultHandler(QuietHandler):
    server: FaultServer

    def do_GET(self) -> None:
        path = self.path.split("?")[0]  # the whole URL when the server is used as a proxy
        self.server.hits[path] += 1
        self.server.last_authorization = self.headers.get("Authorization")
        hits = self.server.hits[path]
        page = ARTICLE.encode()
        if path == "/robots.txt":
            self._send(self.server.robots_status, self.server.robots.encode(), "text/plain")
        elif path.startswith("/ok") or path.startswith("/private/"):
            self._send(200, page, ETag='"v1"')
        elif path == "/flaky":  # 503 once, then fine
            self._send(503, b"busy") if hits == 1 else self._send(200, page)
        elif path == "/down":
            self._send(500, b"broken")
        elif path == "/missing":
            self._send(404, b"gone")
        elif path == "/forbidden":
            self._send(403, b"no")
        elif path == "/throttled":  # 429 with Retry-After once, then fine
            self._send(429, b"slow down", Retry_After="1") if hits == 1 else self._send(200, page)
        elif path == "/slow":
            time.sleep(3)
            self._send(200, page)
        elif path == "/reset":
            self.connection.shutdown(2)
            self.connection.close()
        elif path == "/huge":
            self._send(200, b"<html>" + b"x" * 3_000_000)
        elif path == "/bomb":
            body = gzip.compress(b"<html>" + b"0" * 50_000_000)
            self._send(200, body, Content_Encoding="gzip")
        elif path == "/latin1-declared-utf8":
            self._send(200, "<html><body><p>café crème à Genève</p></body></html>".encode("latin-1"))
        elif path == "/no-charset":
            self._send(
                200,
                "<html><body><p>Ереван и Баку продолжат переговоры о мире</p></body></html>".encode(),
                "text/html",
            )
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/to-private":
            self._send(302, b"", Location="http://10.0.0.1/secret")
        elif path == "/redirect":
            self._send(301, b"", Location="/ok/final")
        elif path == "/conditional":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304)
            else:
                self._send(200, page, ETag='"v1"')
        else:
            self._send(404, b"unknown")


@contextlib.contextmanager
def serve_faults() -> Iterator[FaultServer]:
    server = FaultServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()

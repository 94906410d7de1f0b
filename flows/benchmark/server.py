"""Serve a benchmark corpus on 127.0.0.1: one port, one virtual host per outlet, picked by `Host`.

    with serve_corpus(corpus, pages=2000) as site:
        env["NEWSDESK_HOST_OVERRIDES"] = json.dumps(site.host_overrides)

The whole site is held in memory (a 10,000-page corpus is about 150 MB), so a request costs a dict
lookup and a socket write and the server does not slow the crawl it serves.
"""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flows.benchmark.corpus import Corpus, site_documents
from flows.sample_site.pages import Page

LOOPBACK = "127.0.0.1"
NOT_FOUND = Page(404, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>\n")


@dataclass(frozen=True)
class ServedCorpus:
    """A running corpus site: where it listens, which hostnames it answers for, how many articles."""

    address: str
    host_overrides: dict[str, str]
    article_count: int


@contextmanager
def serve_corpus(corpus: Corpus, pages: int | None = None, port: int = 0) -> Iterator[ServedCorpus]:
    """Serve the first `pages` pages of `corpus` (all by default) for the duration of the `with` block.

    Raises OSError if the port is taken, FileNotFoundError if a page's HTML file is missing.
    """
    chosen = corpus.pages[:pages] if pages is not None else corpus.pages
    documents = site_documents(chosen, lambda page: corpus.html_path(page).read_bytes())
    server = _CorpusServer((LOOPBACK, port), _Handler, documents)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="corpus-site", daemon=True)
    thread.start()
    address = f"{LOOPBACK}:{server.server_address[1]}"
    try:
        yield ServedCorpus(address, {host: address for host in documents}, len(chosen))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _CorpusServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the fetcher opens several connections per host at once

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[http.server.BaseHTTPRequestHandler],
        documents: dict[str, dict[str, Page]],
    ) -> None:
        super().__init__(address, handler)
        self.documents = documents


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _CorpusServer
    protocol_version = "HTTP/1.1"
    server_version = "newsdesk-benchmark/1.0"
    timeout = 30

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: one line per request would cost more than the request."""

    def _respond(self, send_body: bool) -> None:
        hostname = (self.headers.get("Host") or "").strip().lower().rsplit(":", 1)[0]
        path = urllib.parse.urlsplit(self.path).path or "/"
        page = self.server.documents.get(hostname, {}).get(path, NOT_FOUND)
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(page.body)

"""Serve the sample news site on 127.0.0.1, one virtual host per outlet.

The server answers for every outlet hostname on one port and picks the outlet from the `Host` header,
so the pipeline can keep real-looking URLs (`http://www.caspianwire.com/rss.xml`) and reach them
through `host_overrides`, the way `curl --resolve` does.

    with serve_sample_site() as site:
        settings = Settings(host_overrides=site.host_overrides, ...)
        write_sources_file(path, site.sources)

`python -m flows.sample_site.server [--port N] [--sources-file PATH]` serves it in the foreground.
"""

from __future__ import annotations

import argparse
import http.server
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flows.sample_site.catalog import (
    CatalogArticle,
    NonArticleEntry,
    Outlet,
    catalog,
    non_article_entries,
    outlets,
)
from flows.sample_site.pages import Page, not_found_page, site_pages

__all__ = [
    "CatalogArticle",
    "NonArticleEntry",
    "Outlet",
    "ServedSite",
    "catalog",
    "non_article_entries",
    "outlets",
    "serve_sample_site",
    "sources",
    "write_sources_file",
]

LOOPBACK = "127.0.0.1"
UNKNOWN_HOST = Page(
    404, "text/plain; charset=utf-8", b"Unknown host: this server only serves the sample outlets.\n"
)


@dataclass(frozen=True)
class ServedSite:
    """A running sample site: where it listens and how the pipeline should reach it."""

    address: str
    host_overrides: dict[str, str] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.address.rsplit(":", 1)[1])


def sources() -> list[dict[str, Any]]:
    """Return the pipeline's sources list for the sample site: one entry per feed or sitemap.

    URLs use the outlets' real hostnames, never 127.0.0.1; `ServedSite.host_overrides` says where they live.
    """
    return [
        {
            "name": feed.name,
            "kind": feed.kind,
            "url": feed.url,
            "outlet": outlet.name,
            "country_code": outlet.country_code,
            "is_state_media": outlet.is_state_media,
        }
        for outlet in outlets()
        for feed in outlet.feeds
    ]


def write_sources_file(path: str | Path, sources: list[dict[str, Any]]) -> Path:
    """Write a sources list as the YAML document `sources: [...]` and return the path written.

    The parent folder is created if needed; an existing file is replaced.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump({"sources": sources}, sort_keys=False, allow_unicode=True)
    target.write_text(text, encoding="utf-8")
    return target


@contextmanager
def serve_sample_site(port: int = 0) -> Iterator[ServedSite]:
    """Serve the sample site on 127.0.0.1 in a daemon thread for the duration of the `with` block.

    `port=0` takes any free port. Raises OSError if the port is taken. The server stops on exit.
    """
    with serve_pages(site_pages(), port=port, name="sample-site", not_found=not_found_page) as address:
        yield ServedSite(
            address=address,
            host_overrides={outlet.hostname: address for outlet in outlets()},
            sources=sources(),
        )


@contextmanager
def serve_pages(
    pages: Mapping[str, Mapping[str, Page]],
    *,
    port: int = 0,
    name: str = "pages",
    not_found: Callable[[str], Page] | None = None,
) -> Iterator[str]:
    """Serve `pages` ({hostname: {path: Page}}) on 127.0.0.1, choosing the site by the Host header, in a
    daemon thread for the duration of the `with` block; yields "127.0.0.1:PORT". A missing path gets
    `not_found(hostname)` (a plain 404 page by default).

    Render the pages before calling, so the first request does not pay for it. Raises OSError if the
    port is taken. The server stops on exit.
    """
    server = _SampleSiteServer((LOOPBACK, port), _Handler, pages, not_found or _plain_not_found)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name=name, daemon=True)
    thread.start()
    try:
        yield f"{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _plain_not_found(hostname: str) -> Page:
    return Page(404, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>\n")


class _SampleSiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the fetcher opens several connections per host at once

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[http.server.BaseHTTPRequestHandler],
        pages: Mapping[str, Mapping[str, Page]],
        not_found: Callable[[str], Page],
    ) -> None:
        super().__init__(address, handler)
        self.pages = pages
        self.not_found = not_found


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _SampleSiteServer
    protocol_version = "HTTP/1.1"
    server_version = "newsdesk-sample-site/1.0"
    timeout = 30  # an idle keep-alive connection is dropped instead of holding a thread forever
    disable_nagle_algorithm = True  # headers and body go out as two writes; do not wait 40 ms between them

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests and the demo should not print a line per request."""

    def _respond(self, send_body: bool) -> None:
        host_header = (self.headers.get("Host") or "").strip().lower()
        hostname = host_header.rsplit(":", 1)[0]
        host_pages = self.server.pages.get(hostname)
        path = urllib.parse.urlsplit(self.path).path or "/"
        location = None
        if host_pages is None:
            page = UNKNOWN_HOST
        elif path in host_pages:
            page = host_pages[path]
        elif not path.endswith("/") and path + "/" in host_pages:
            # WordPress-style: /2023/09/21/slug redirects to /2023/09/21/slug/
            location = f"http://{host_header}{path}/"
            page = Page(301, "text/plain; charset=utf-8", f"Moved to {location}\n".encode())
        else:
            page = self.server.not_found(hostname)
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if send_body:
            self.wfile.write(page.body)


def main(argv: list[str] | None = None) -> None:
    """Serve the sample site in the foreground and print where each outlet lives; Ctrl-C stops it."""
    parser = argparse.ArgumentParser(prog="python -m flows.sample_site.server", description=main.__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--sources-file", type=Path, help="also write the sources YAML here")
    args = parser.parse_args(argv)
    with serve_sample_site(args.port) as site:
        print(f"Sample news site on http://{site.address}/ (Ctrl-C to stop)\n")
        for outlet in outlets():
            print(f"  {outlet.name:<28} {outlet.hostname:<28} -> {site.host_overrides[outlet.hostname]}")
            for url in outlet.feed_urls:
                print(f"      {url}")
        first = outlets()[0]
        print(
            f"\nTry: curl --resolve {first.hostname}:{site.port}:{LOOPBACK} "
            f"http://{first.hostname}:{site.port}/robots.txt"
        )
        print(f"  or: curl -H 'Host: {first.hostname}' http://{site.address}/robots.txt")
        if args.sources_file:
            print(f"\nSources written to {write_sources_file(args.sources_file, site.sources)}")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nStopped.")


if __name__ == "__main__":
    main()

"""Serve a benchmark corpus on 127.0.0.1: one port, one virtual host per outlet, picked by `Host`.

    with serve_corpus(corpus, pages=2000) as site:
        env["NEWSDESK_HOST_OVERRIDES"] = json.dumps(site.host_overrides)

The whole site is held in memory (a 10,000-page corpus is about 150 MB), so a request costs a dict
lookup and a socket write and the server does not slow the crawl it serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flows.benchmark.corpus import Corpus, site_documents
from flows.sample_site.server import serve_pages


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
    with serve_pages(documents, port=port, name="corpus-site") as address:
        yield ServedCorpus(address, {host: address for host in documents}, len(chosen))

"""Serve a benchmark corpus on 127.0.0.1: one port, one virtual host per outlet, picked by `Host`.

    with serve_corpus(corpus, pages=2000) as site:
        env["NEWSDESK_HOST_OVERRIDES"] = json.dumps(site.host_overrides)

Feeds, sitemaps and robots.txt are rendered up front and held in memory; article pages are read from
the corpus files when asked for (a 10,000-page corpus is over 1 GB of HTML, mostly in the page cache
after it is written), so a request costs a dict lookup, a file read and a socket write.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flows.benchmark.corpus import Corpus, site_documents
from flows.sample_site.pages import HTML, Page
from flows.sample_site.server import serve_pages


@dataclass(frozen=True)
class ServedCorpus:
    """A running corpus site: where it listens, which hostnames it answers for, how many articles."""

    address: str
    host_overrides: dict[str, str]
    article_count: int


class _ArticlesOnDisk(Mapping[str, Page]):
    """One outlet's documents, whose article pages are read from their files at each request."""

    def __init__(self, documents: Mapping[str, Page], files: Mapping[str, Path]) -> None:
        self._documents = {path: page for path, page in documents.items() if path not in files}
        self._files = dict(files)

    def __getitem__(self, path: str) -> Page:
        file = self._files.get(path)
        if file is not None:
            return Page(200, HTML, file.read_bytes())
        return self._documents[path]

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self._documents, self._files)

    def __len__(self) -> int:
        return len(self._documents) + len(self._files)


@contextmanager
def serve_corpus(corpus: Corpus, pages: int | None = None, port: int = 0) -> Iterator[ServedCorpus]:
    """Serve the first `pages` pages of `corpus` (all by default) for the duration of the `with` block.

    Raises OSError if the port is taken, FileNotFoundError if a page's HTML file is missing.
    """
    chosen = corpus.pages[:pages] if pages is not None else corpus.pages
    missing = [page.file for page in chosen if not corpus.html_path(page).is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} corpus pages have no HTML file, e.g. {missing[0]}")
    # the article bodies given here are placeholders: _ArticlesOnDisk reads the files instead
    documents = site_documents(chosen, lambda page: b"")
    files: dict[str, dict[str, Path]] = {hostname: {} for hostname in documents}
    for page in chosen:
        files[page.hostname][page.path] = corpus.html_path(page)
    served: dict[str, Mapping[str, Page]] = {
        hostname: _ArticlesOnDisk(host_documents, files[hostname])
        for hostname, host_documents in documents.items()
    }
    with serve_pages(served, port=port, name="corpus-site") as address:
        yield ServedCorpus(address, {host: address for host in documents}, len(chosen))

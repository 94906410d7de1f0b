"""The corpus server answers by Host header on 127.0.0.1 and serves only the pages asked for."""

from __future__ import annotations

import http.client

import pytest

from flows.benchmark.corpus import SITEMAP_INDEX_PATH, build_corpus
from flows.benchmark.server import serve_corpus


def _get(address: str, host: str, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(address, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_serves_pages_feeds_and_robots_by_host(tmp_path) -> None:
    corpus = build_corpus(tmp_path, 12, seed=1)
    with serve_corpus(corpus, pages=8) as site:
        assert site.article_count == 8
        first, last = corpus.pages[0], corpus.pages[11]
        status, body = _get(site.address, first.hostname, first.path)
        assert status == 200 and body == corpus.html_path(first).read_bytes()
        assert _get(site.address, last.hostname, last.path)[0] == 404  # beyond the 8 served
        status, body = _get(site.address, first.hostname, SITEMAP_INDEX_PATH)
        assert status == 200 and b"<sitemapindex" in body
        assert _get(site.address, first.hostname, "/robots.txt")[1].startswith(b"User-agent: *")
        assert _get(site.address, "unknown.example", "/robots.txt")[0] == 404


def test_articles_are_read_from_the_corpus_files_and_must_exist(tmp_path) -> None:
    corpus = build_corpus(tmp_path, 4, seed=1)
    page = corpus.pages[0]
    with serve_corpus(corpus) as site:
        corpus.html_path(page).write_bytes(b"<html>changed on disk</html>")
        assert _get(site.address, page.hostname, page.path) == (200, b"<html>changed on disk</html>")
    corpus.html_path(corpus.pages[3]).unlink()
    with pytest.raises(FileNotFoundError), serve_corpus(corpus):
        pass
    with serve_corpus(corpus, pages=3) as site:  # the missing page is not among those served
        assert site.article_count == 3

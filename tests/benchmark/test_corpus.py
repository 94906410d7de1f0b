"""The benchmark corpus: the requested number of distinct pages, deterministic per seed, nested across
sizes, with feeds and sitemaps (split under an index) that the pipeline's own parsers read."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from flows.benchmark.corpus import (
    CORPUS_VERSION,
    MANIFEST,
    SITEMAP_INDEX_PATH,
    build_corpus,
    corpus_sources,
    generate_pages,
    site_documents,
)
from flows.core.feeds import parse_feed, parse_sitemap
from flows.sample_site.catalog import outlets

_PARAGRAPH_RE = re.compile(r"<p>(.*?)</p>", re.S)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return build_corpus(tmp_path_factory.mktemp("corpus"), 120, seed=3)


def test_builds_the_requested_number_of_pages(corpus) -> None:
    assert len(corpus.pages) == 120
    assert [page.index for page in corpus.pages] == list(range(120))
    assert all(corpus.html_path(page).is_file() for page in corpus.pages)


def test_pages_are_distinct_urls_and_bodies(corpus) -> None:
    assert len({page.url for page in corpus.pages}) == 120
    bodies = {"\n".join(_PARAGRAPH_RE.findall(corpus.html_path(page).read_text())) for page in corpus.pages}
    assert len(bodies) == 120


def test_pages_spread_over_every_outlet_and_several_days(corpus) -> None:
    assert {page.hostname for page in corpus.pages} == {outlet.hostname for outlet in outlets()}
    assert len({page.published_at.date() for page in corpus.pages}) >= 5
    assert all(page.published_at.date() < corpus.night for page in corpus.pages)


def test_same_seed_gives_the_same_pages_and_a_smaller_corpus_is_a_prefix() -> None:
    first = list(generate_pages(30, seed=11))
    again = list(generate_pages(30, seed=11))
    smaller = list(generate_pages(12, seed=11))
    other = list(generate_pages(30, seed=12))
    assert first == again
    assert smaller == first[:12]
    assert [page.url for page, _ in other] != [page.url for page, _ in first]


def test_an_existing_corpus_is_reused_for_a_smaller_size(tmp_path: Path) -> None:
    built = build_corpus(tmp_path, 20, seed=5)
    marker = built.html_path(built.pages[0]).stat().st_mtime_ns
    reused = build_corpus(tmp_path, 10, seed=5)
    assert reused.pages == built.pages[:10]
    assert reused.html_path(reused.pages[0]).stat().st_mtime_ns == marker
    assert build_corpus(tmp_path, 10, seed=6).pages != reused.pages


def test_feeds_and_sitemap_indexes_list_every_page_once(corpus) -> None:
    documents = site_documents(corpus.pages, lambda page: b"<html></html>", sitemap_size=10)
    listed: list[str] = []
    for outlet in outlets():
        served = documents[outlet.hostname]
        index = parse_sitemap(
            served[SITEMAP_INDEX_PATH].body, f"http://{outlet.hostname}{SITEMAP_INDEX_PATH}"
        )
        assert len(index.child_sitemaps) > 1, "30 pages per outlet in sitemaps of 10 need an index"
        for child in index.child_sitemaps:
            content = parse_sitemap(served[child.split(outlet.hostname, 1)[1]].body, child)
            assert 0 < len(content.entries) <= 10
            listed.extend(entry.url for entry in content.entries)
        for feed in outlet.feeds:
            body = served[feed.url.split(outlet.hostname, 1)[1]].body
            if feed.kind == "sitemap":
                entries = list(parse_sitemap(body, feed.url).entries)
            else:
                entries = parse_feed(body, feed.url)
            assert entries and {entry.url for entry in entries} <= {page.url for page in corpus.pages}
        assert f"Sitemap: http://{outlet.hostname}{SITEMAP_INDEX_PATH}" in served["/robots.txt"].body.decode()
    assert sorted(listed) == sorted(page.url for page in corpus.pages)


def test_sources_name_each_outlets_feeds_and_sitemap_index() -> None:
    sources = corpus_sources()
    names = [source["name"] for source in sources]
    assert len(names) == len(set(names))
    index_urls = {source["url"] for source in sources if source["url"].endswith(SITEMAP_INDEX_PATH)}
    assert len(index_urls) == len(outlets())
    assert all(source["kind"] in ("rss", "atom", "sitemap") for source in sources)


def test_pages_by_outlet_link_only_to_earlier_pages(corpus) -> None:
    urls_so_far: set[str] = set()
    for page in itertools.islice(corpus.pages, 40):
        html = corpus.html_path(page).read_text()
        linked = {url for url in re.findall(r'href="([^"]+)"', html) if url in {p.url for p in corpus.pages}}
        assert linked - {page.url} <= urls_so_far
        urls_so_far.add(page.url)


def test_a_corpus_from_an_older_generator_is_rebuilt(tmp_path: Path) -> None:
    built = build_corpus(tmp_path, 6, seed=5)
    manifest = tmp_path / MANIFEST
    old = json.loads(manifest.read_text(encoding="utf-8"))
    assert old["identity"]["version"] == CORPUS_VERSION
    old["identity"]["version"] = CORPUS_VERSION - 1  # e.g. a corpus of the thin 9 KB pages
    manifest.write_text(json.dumps(old), encoding="utf-8")
    stale = built.html_path(built.pages[0])
    stale.write_bytes(b"<html>thin</html>")
    rebuilt = build_corpus(tmp_path, 6, seed=5)
    assert rebuilt.pages == built.pages
    assert rebuilt.html_path(rebuilt.pages[0]).read_bytes() != b"<html>thin</html>"
    assert json.loads(manifest.read_text(encoding="utf-8"))["identity"]["version"] == CORPUS_VERSION

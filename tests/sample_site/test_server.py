"""The served site: feeds, sitemaps, robots.txt, status codes and the special pages, over loopback."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import yaml

from flows.sample_site.pages import site_pages
from flows.sample_site.server import (
    ServedSite,
    catalog,
    non_article_entries,
    outlets,
    serve_sample_site,
    write_sources_file,
)
from tests.sample_site.conftest import Fetch

FEED_URLS = [url for outlet in outlets() for url in outlet.feed_urls]


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DATE_TAGS = {"pubDate", "published", "updated", "lastmod"}


def feed_entries(feed_xml: bytes) -> list[tuple[str, bool]]:
    """Return (url, carries a date) for each entry of an RSS, Atom or sitemap document."""
    entries = []
    for element in ET.fromstring(feed_xml).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "item":
            url = element.findtext("link")
        elif tag == "entry":
            url = next(child.get("href") for child in element if child.tag.endswith("}link"))
        elif tag == "url":
            url = element.findtext(f"{SITEMAP_NS}loc")
        else:
            continue
        assert url, ET.tostring(element)
        entries.append((url, any(child.tag.rsplit("}", 1)[-1] in DATE_TAGS for child in element)))
    return entries


def listed_urls(feed_xml: bytes) -> list[str]:
    return [url for url, _ in feed_entries(feed_xml)]


def test_served_site_describes_where_everything_is(site: ServedSite) -> None:
    assert re.fullmatch(r"127\.0\.0\.1:\d+", site.address)
    assert site.host_overrides == {outlet.hostname: site.address for outlet in outlets()}
    assert {source["url"] for source in site.sources} == set(FEED_URLS)
    for source in site.sources:
        assert set(source) == {"name", "kind", "url", "outlet", "country_code", "is_state_media"}
        assert source["kind"] in {"rss", "atom", "sitemap", "urls"}
        assert "127.0.0.1" not in source["url"]


@pytest.mark.parametrize("feed_url", FEED_URLS)
def test_every_feed_is_xml_listing_only_its_own_hosts_urls(fetch: Fetch, feed_url: str) -> None:
    response = fetch(feed_url)
    assert response.status_code == 200
    assert "xml" in response.headers["Content-Type"] and "charset=utf-8" in response.headers["Content-Type"]
    urls = listed_urls(response.content)
    assert urls
    host = urlsplit(feed_url).hostname
    assert all(urlsplit(url).hostname == host and url.startswith("http://") for url in urls)


def test_every_article_is_listed_in_a_feed_and_served(fetch: Fetch) -> None:
    listed = {url for feed_url in FEED_URLS for url in listed_urls(fetch(feed_url).content)}
    for article in catalog():
        assert article.url in listed
        response = fetch(article.url)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert article.paragraphs[-1] in html.unescape(response.text)


def test_seed_article_text_is_served(fetch: Fetch) -> None:
    (seed,) = (article for article in catalog() if article.is_seed)
    page = html.unescape(fetch(seed.url).text)
    for paragraph in seed.paragraphs:
        assert paragraph in page
    assert '"@type": "NewsArticle"' in page
    assert '<meta property="article:published_time" content="2023-09-20T' in page


def test_feed_entries_carry_dates_except_the_date_only_in_text_article(fetch: Fetch) -> None:
    (undated,) = (article for article in catalog() if article.is_date_only_in_text)
    entries = [entry for feed_url in FEED_URLS for entry in feed_entries(fetch(feed_url).content)]
    assert (undated.url, False) in entries
    for url, is_dated in entries:
        assert is_dated == (url != undated.url), url


def test_the_removed_feed_entry_answers_404(fetch: Fetch) -> None:
    (missing,) = (entry for entry in non_article_entries() if entry.kind == "missing")
    assert missing.url in listed_urls(fetch(missing.listed_in).content)
    response = fetch(missing.url)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_the_tag_page_is_listed_and_links_to_articles(fetch: Fetch) -> None:
    (tag_page,) = (entry for entry in non_article_entries() if entry.kind == "tag_index")
    assert tag_page.url in listed_urls(fetch(tag_page.listed_in).content)
    response = fetch(tag_page.url)
    assert response.status_code == 200
    linked = set(re.findall(r'href="(http://[^"]+/en/news/[^"]+)"', response.text))
    assert len(linked) >= 3
    assert linked <= {article.url for article in catalog()}


def test_each_outlet_has_a_robots_txt_and_one_disallows_an_unlisted_path(fetch: Fetch) -> None:
    listed = {url for feed_url in FEED_URLS for url in listed_urls(fetch(feed_url).content)}
    disallowing = []
    for outlet in outlets():
        response = fetch(outlet.robots_url)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert "User-agent: *" in response.text
        rules = re.findall(r"^Disallow: (/\S+)$", response.text, flags=re.MULTILINE)
        if "Crawl-delay:" in response.text and "/private/" in rules:
            disallowing.append(outlet.hostname)
            assert not any(urlsplit(url).path.startswith(tuple(rules)) for url in listed)
    assert disallowing == ["www.dailymeridian.com"]


def test_the_date_only_article_has_no_date_outside_its_body(fetch: Fetch) -> None:
    (article,) = (article for article in catalog() if article.is_date_only_in_text)
    page = fetch(article.url).text
    body = re.search(r'<div class="news-text">(.*?)</div>', page, flags=re.DOTALL)
    assert body and "22 September 2023" in body.group(1)
    rest = page.replace(body.group(0), "")
    date_like = r"2023|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b|\bSep(tember)?\b"
    assert not re.search(date_like, rest), re.search(date_like, rest)
    assert "pubdate" not in rest and "ld+json" not in rest and "<time" not in rest
    assert "Last-Modified" not in fetch(article.url).headers


def test_head_unknown_paths_unknown_hosts_and_redirects(site: ServedSite, fetch: Fetch) -> None:
    article = catalog()[0]
    head = fetch(article.url, method="HEAD")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["Content-Length"]) == len(fetch(article.url).content)
    assert fetch(f"http://{article.outlet_hostname}/no/such/page").status_code == 404
    unknown = requests.get(f"http://{site.address}/", headers={"Host": "www.example.org"}, timeout=10)
    assert unknown.status_code == 404
    blog = next(a for a in catalog() if a.outlet_hostname == "blog.policyhorizons.net")
    redirect = fetch(blog.url.rstrip("/"))
    assert redirect.status_code == 301 and redirect.headers["Location"].endswith(blog.path)


def test_rendering_is_deterministic_and_a_second_server_serves_the_same_bytes(fetch: Fetch) -> None:
    article = catalog()[0]
    first = fetch(article.url).content
    with serve_sample_site() as other:
        again = requests.get(
            f"http://{other.address}{article.path}", headers={"Host": article.outlet_hostname}, timeout=10
        ).content
    assert first == again == site_pages()[article.outlet_hostname][article.path].body


def test_write_sources_file_writes_the_pipeline_yaml(site: ServedSite, tmp_path: Path) -> None:
    path = write_sources_file(tmp_path / "nested" / "sources.yaml", site.sources)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"sources": site.sources}

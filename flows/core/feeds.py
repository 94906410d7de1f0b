"""Parse what sources publish about their articles: RSS/Atom feeds and XML sitemaps, from bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree


@dataclass(frozen=True)
class FeedEntry:
    """One article a source announced, with what the source said about it (evidence for later stages)."""

    url: str
    title: str | None = None
    published_at: dt.datetime | None = None  # UTC
    warc_path: str | None = None  # where the response already is, for entries read from WARC files
    warc_offset: int | None = None
    archived_at: dt.datetime | None = None  # WARC-Date: when the archived response was captured


@dataclass(frozen=True)
class SitemapContent:
    """A parsed sitemap: article entries, and child sitemaps when it is a sitemap index."""

    entries: tuple[FeedEntry, ...]
    child_sitemaps: tuple[str, ...]


class FeedParseError(ValueError):
    """A feed or sitemap could not be parsed."""


def parse_feed(content: bytes, base_url: str) -> list[FeedEntry]:
    """Parse an RSS 2.0 or Atom feed into entries, resolving relative links against `base_url`.

    Raises FeedParseError naming `base_url` when the document is not a feed at all; entries without a
    link are skipped.
    """
    parsed = feedparser.parse(content)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedParseError(f"{base_url}: not an RSS/Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published_at = dt.datetime(*stamp[:6]).replace(tzinfo=dt.UTC) if stamp else None
        entries.append(
            FeedEntry(url=urljoin(base_url, link.strip()), title=item.get("title"), published_at=published_at)
        )
    return entries


_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_sitemap(content: bytes, base_url: str) -> SitemapContent:
    """Parse an XML sitemap, sitemap index or Google News sitemap.

    Entry dates come from `news:publication_date`, else `lastmod`. Raises FeedParseError naming
    `base_url` when the document is not XML or not a sitemap.
    """
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise FeedParseError(f"{base_url}: not XML ({error})") from error
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        children = tuple(
            urljoin(base_url, loc.text.strip())
            for loc in root.iter(f"{_SITEMAP_NS}loc", "loc")
            if loc.text and loc.text.strip()
        )
        return SitemapContent(entries=(), child_sitemaps=children)
    if tag != "urlset":
        raise FeedParseError(f"{base_url}: not a sitemap (root element <{tag}>)")
    entries = []
    for url_element in root:
        if not isinstance(url_element.tag, str) or etree.QName(url_element).localname != "url":
            continue
        loc = _child_text(url_element, "loc")
        if not loc:
            continue
        title = _child_text(url_element, f"{_NEWS_NS}news/{_NEWS_NS}title")
        date_text = _child_text(url_element, f"{_NEWS_NS}news/{_NEWS_NS}publication_date") or _child_text(
            url_element, "lastmod"
        )
        entries.append(
            FeedEntry(url=urljoin(base_url, loc), title=title, published_at=parse_feed_date(date_text))
        )
    return SitemapContent(entries=tuple(entries), child_sitemaps=())


def _child_text(element: etree._Element, path: str) -> str | None:
    found = element.find(path if "}" in path else f"{_SITEMAP_NS}{path}")
    if found is None and "}" not in path:
        found = element.find(path)
    text = found.text.strip() if found is not None and found.text else None
    return text or None


def parse_feed_date(text: str | None) -> dt.datetime | None:
    """Parse a W3C (ISO 8601) or RFC 822 date from a feed or sitemap into UTC; None when unparseable.

    A date without a time of day is taken as midnight UTC.
    """
    if not text:
        return None
    text = text.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)

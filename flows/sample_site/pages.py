"""Render the sample site: every page, feed, sitemap and robots.txt of every outlet, once, in memory.

Rendering is deterministic: the same catalog gives the same bytes on every run (no clock, no
randomness), so archives and extraction results can be compared across runs.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2

from flows.sample_site.catalog import (
    CatalogArticle,
    Outlet,
    catalog,
    outlet_configs,
    outlets,
    tag_path,
)

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "sitemap": "application/xml; charset=utf-8",
}
# Month and weekday names are spelled out here, not taken from strftime, which follows the process locale.
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_DE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """One rendered response: status, Content-Type (with charset) and body."""

    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed or sitemap; `when` is None for an entry that carries no date."""

    url: str
    title: str
    when: dt.datetime | None
    updated: dt.datetime | None
    summary: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    language: str


@functools.cache
def site_pages() -> dict[str, dict[str, Page]]:
    """Return every page of the sample site as {hostname: {path: Page}}."""
    articles = catalog()
    return {
        outlet.hostname: _outlet_pages(
            config, outlet, [article for article in articles if article.outlet_hostname == outlet.hostname]
        )
        for config, outlet in zip(outlet_configs(), outlets(), strict=True)
    }


def _outlet_pages(config: dict[str, Any], outlet: Outlet, own: list[CatalogArticle]) -> dict[str, Page]:
    """Render one outlet: home page, articles, tag pages, unlisted pages, feeds and robots.txt."""
    env = _environment()
    newest_first = sorted(own, key=_instant, reverse=True)
    context = {"outlet": outlet, "config": config}

    def html(template: str, **values: Any) -> Page:
        body = env.get_template(f"{config['key']}/{template}").render(**context, **values)
        return Page(200, HTML, body.encode("utf-8"))

    pages = {"/": html("index.html", articles=newest_first)}
    for article in own:
        pages[article.path] = html(
            "article.html",
            article=article,
            others=[other for other in newest_first if other.path != article.path],
            comments=_comments_for(config, article),
        )
    for tag in _tags(own) if config.get("tag_pages") else ():
        tagged = [article for article in newest_first if tag in article.tags]
        pages[tag_path(config, tag)] = html("tag.html", tag=tag, articles=tagged)
    for private in config.get("private_pages", []):
        pages[private["path"]] = html("private.html", title=private["title"])
    for feed in config["feeds"]:
        entries = _feed_entries(config, own, feed["kind"])
        body = env.get_template(feed["template"]).render(
            **context, feed=feed, entries=entries, built=_newest(entries)
        )
        pages[feed["path"]] = Page(200, CONTENT_TYPES[feed["kind"]], body.encode("utf-8"))
    robots = env.get_template("shared/robots.txt").render(**context)
    pages["/robots.txt"] = Page(200, TEXT, robots.encode("utf-8"))
    return pages


@functools.cache
def not_found_page(hostname: str) -> Page:
    """Return the outlet's own 404 page; raises KeyError for a hostname the site does not serve."""
    config = {config["hostname"]: config for config in outlet_configs()}[hostname]
    outlet = {outlet.hostname: outlet for outlet in outlets()}[hostname]
    body = _environment().get_template(f"{config['key']}/404.html").render(outlet=outlet, config=config)
    return Page(404, HTML, body.encode("utf-8"))


def _feed_entries(config: dict[str, Any], articles: list[CatalogArticle], kind: str) -> list[FeedEntry]:
    """List what one feed shows: the outlet's articles, plus the removed entries (feeds) or the tag pages
    (sitemaps), newest first. The date-only-in-text article's entry carries no date at all."""
    host = config["hostname"]
    entries = [
        FeedEntry(
            url=article.url,
            title=article.title,
            when=None if article.is_date_only_in_text else _as_datetime(article.published),
            updated=None
            if article.is_date_only_in_text
            else article.modified or _as_datetime(article.published),
            summary=article.summary,
            authors=article.authors,
            tags=article.tags,
            language=article.language,
        )
        for article in articles
    ]
    if kind in ("rss", "atom"):
        for removed in config.get("feed_only_entries", []):
            when = dt.datetime.fromisoformat(removed["published"])
            entries.append(
                FeedEntry(
                    url=f"http://{host}{removed['path']}",
                    title=removed["title"],
                    when=when,
                    updated=when,
                    summary=removed["summary"],
                    authors=(removed["author"],),
                    tags=(),
                    language=config["language"],
                )
            )
    if kind == "sitemap":
        for tag in config.get("listed_tag_pages", []):
            tagged = [
                article for article in articles if tag in article.tags and not article.is_date_only_in_text
            ]
            latest = max((_as_datetime(article.published) for article in tagged), default=None)
            entries.append(
                FeedEntry(
                    url=f"http://{host}{tag_path(config, tag)}",
                    title=f"Tag: {tag}",
                    when=None,
                    updated=latest,
                    summary="",
                    authors=(),
                    tags=(),
                    language=config["language"],
                )
            )
    return sorted(entries, key=lambda entry: (entry.updated is None, _negated(entry.updated), entry.url))


def _negated(when: dt.datetime | None) -> float:
    return -when.timestamp() if when else 0.0


def _newest(entries: Iterable[FeedEntry]) -> dt.datetime | None:
    return max((entry.updated for entry in entries if entry.updated), default=None, key=_utc)


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC)


def _as_datetime(when: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(when, dt.datetime):
        return when
    return dt.datetime.combine(when, dt.time(0), tzinfo=dt.UTC)


def _instant(article: CatalogArticle) -> dt.datetime:
    return _utc(_as_datetime(article.published))


def _tags(articles: Iterable[CatalogArticle]) -> list[str]:
    return sorted({tag for article in articles for tag in article.tags})


def _comments_for(config: dict[str, Any], article: CatalogArticle) -> list[dict[str, str]]:
    """Pick three reader comments for an article, the same three on every run."""
    pool = config.get("comments", [])
    if not pool:
        return []
    start = zlib.crc32(article.slug.encode("utf-8")) % len(pool)
    return [pool[(start + offset) % len(pool)] for offset in range(min(3, len(pool)))]


def _rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when)


def _long_date(when: dt.datetime | dt.date) -> str:
    """21 September 2023"""
    return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}"


def _us_date(when: dt.datetime | dt.date) -> str:
    """September 21, 2023"""
    return f"{MONTHS_EN[when.month - 1]} {when.day}, {when.year}"


def _newspaper_stamp(when: dt.datetime) -> str:
    """Thu 21 Sep 2023 10.04 BST"""
    zone = "BST" if when.utcoffset() == dt.timedelta(hours=1) else _utc_offset(when)
    return (
        f"{WEEKDAYS_EN[when.weekday()]} {when.day} {MONTHS_EN[when.month - 1][:3]} {when.year} "
        f"{when.hour:02d}.{when.minute:02d} {zone}"
    )


def _long_date_de(when: dt.datetime | dt.date) -> str:
    """21. September 2023"""
    return f"{when.day}. {MONTHS_DE[when.month - 1]} {when.year}"


def _clock12(when: dt.datetime) -> str:
    """Format a time of day as wire copy does: 2:37 PM (strftime's %-I is not portable)."""
    return f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def _utc_offset(when: dt.datetime) -> str:
    """Format a UTC offset the way wire copy does: GMT+4, GMT-4, GMT+5:30."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _news_article_ld(article: CatalogArticle, outlet: Outlet) -> dict[str, Any]:
    """Build the schema.org NewsArticle that the wire agency embeds as JSON-LD."""
    published = _as_datetime(article.published)
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": article.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "inLanguage": article.language,
        "articleSection": article.section,
        "keywords": list(article.tags),
        "datePublished": published.isoformat(),
        "dateModified": (article.modified or published).isoformat(),
        "author": [{"@type": "Person", "name": author} for author in article.authors],
        "publisher": {
            "@type": "Organization",
            "name": outlet.name,
            "url": f"http://{outlet.hostname}/",
            "logo": {"@type": "ImageObject", "url": f"http://{outlet.hostname}/static/logo.png"},
        },
    }


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("flows.sample_site", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["news_article_ld"] = _news_article_ld
    env.filters.update(
        rfc822=_rfc822,
        long_date=_long_date,
        long_date_de=_long_date_de,
        utc_offset=_utc_offset,
        clock12=_clock12,
        us_date=_us_date,
        newspaper_stamp=_newspaper_stamp,
    )
    return env

"""The sample site's catalog: its outlets, articles and the non-article pages its feeds list.

Everything here is read from the package's `content/` folder (outlets.yaml and one text file per
article), so the data is the same on every machine and every run. The end-to-end tests compare the
warehouse against these records.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

FeedKind = Literal["rss", "atom", "sitemap"]
NonArticleKind = Literal["missing", "tag_index"]


@dataclass(frozen=True)
class Feed:
    """One feed or sitemap an outlet publishes."""

    name: str
    kind: FeedKind
    url: str
    template: str


@dataclass(frozen=True)
class Outlet:
    """A fictional news outlet served by the sample site under its own hostname."""

    key: str
    name: str
    hostname: str
    country_code: str
    is_state_media: bool
    language: str
    feeds: tuple[Feed, ...]

    @property
    def feed_urls(self) -> list[str]:
        """URLs of the outlet's feeds and sitemaps, on its own hostname."""
        return [feed.url for feed in self.feeds]

    @property
    def robots_url(self) -> str:
        return f"http://{self.hostname}/robots.txt"


@dataclass(frozen=True)
class CatalogArticle:
    """One article page of the sample site, with what a correct pipeline should find in it.

    `published` is a timezone-aware datetime when some machine-readable source (feed, meta tag,
    JSON-LD) states the time of day, and a bare date when only the day can be known.
    """

    outlet_hostname: str
    outlet_name: str
    url: str
    path: str
    title: str
    published: dt.datetime | dt.date
    modified: dt.datetime | None
    language: str
    is_seed: bool
    syndicated_group: str | None
    is_date_only_in_text: bool
    actors: tuple[str, ...]
    authors: tuple[str, ...]
    section: str
    tags: tuple[str, ...]
    summary: str
    paragraphs: tuple[str, ...]
    slug: str

    @property
    def published_date(self) -> dt.date:
        """The publication day in the outlet's own timezone (the day its pages show)."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published

    @property
    def text(self) -> str:
        """The body text, paragraphs separated by newlines."""
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class NonArticleEntry:
    """A URL listed in a feed or sitemap that is not an article: a removed page or an index page."""

    url: str
    outlet_hostname: str
    kind: NonArticleKind
    status: int
    listed_in: str


def catalog() -> list[CatalogArticle]:
    """Return every article of the sample site, ordered by outlet and then by publication time."""
    return list(_articles())


def outlets() -> list[Outlet]:
    """Return the sample site's outlets in a fixed order."""
    return list(_outlets())


def non_article_entries() -> list[NonArticleEntry]:
    """Return the feed and sitemap entries that are not articles (a 404 entry, a tag index page)."""
    entries: list[NonArticleEntry] = []
    for config in outlet_configs():
        host = config["hostname"]
        for entry in config.get("feed_only_entries", []):
            entries.append(
                NonArticleEntry(
                    url=f"http://{host}{entry['path']}",
                    outlet_hostname=host,
                    kind="missing",
                    status=404,
                    listed_in=_feed_url(config, ("rss", "atom")),
                )
            )
        for tag in config.get("listed_tag_pages", []):
            entries.append(
                NonArticleEntry(
                    url=f"http://{host}{tag_path(config, tag)}",
                    outlet_hostname=host,
                    kind="tag_index",
                    status=200,
                    listed_in=_feed_url(config, ("sitemap",)),
                )
            )
    return entries


def tag_path(config: dict[str, Any], tag: str) -> str:
    """Return the path of an outlet's index page for one tag."""
    prefix = "/en" if config["key"] == "nationalinfo" else ""
    return f"{prefix}/tag/{tag}/"


def read_content(name: str) -> str:
    """Return the text of one file under the package's content folder; raises if it does not exist."""
    return resources.files(__package__).joinpath("content").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def outlet_configs() -> tuple[dict[str, Any], ...]:
    """Return the raw outlet entries of outlets.yaml (templates need more than `Outlet` holds)."""
    data = yaml.safe_load(read_content("outlets.yaml"))
    return tuple(data["outlets"])


@functools.cache
def _outlets() -> tuple[Outlet, ...]:
    return tuple(
        Outlet(
            key=config["key"],
            name=config["name"],
            hostname=config["hostname"],
            country_code=config["country_code"],
            is_state_media=config["is_state_media"],
            language=config["language"],
            feeds=tuple(
                Feed(
                    name=feed["name"],
                    kind=feed["kind"],
                    url=f"http://{config['hostname']}{feed['path']}",
                    template=feed["template"],
                )
                for feed in config["feeds"]
            ),
        )
        for config in outlet_configs()
    )


def _feed_url(config: dict[str, Any], kinds: tuple[str, ...]) -> str:
    return next(
        f"http://{config['hostname']}{feed['path']}" for feed in config["feeds"] if feed["kind"] in kinds
    )


@functools.cache
def _articles() -> tuple[CatalogArticle, ...]:
    raw_by_key: dict[str, dict[str, Any]] = {}
    for config in outlet_configs():
        folder = resources.files(__package__).joinpath("content").joinpath(config["key"])
        for item in sorted(folder.iterdir(), key=lambda path: path.name):
            if item.name.endswith(".txt"):
                header, paragraphs = _parse_article_file(item.read_text(encoding="utf-8"), item.name)
                raw_by_key[f"{config['key']}/{header['slug']}"] = {
                    "config": config,
                    "header": header,
                    "paragraphs": paragraphs,
                }
    articles: list[CatalogArticle] = []
    for config in outlet_configs():
        own = [_build_article(raw, raw_by_key) for raw in raw_by_key.values() if raw["config"] is config]
        articles.extend(sorted(own, key=lambda article: (_sort_instant(article.published), article.slug)))
    return tuple(articles)


def _sort_instant(published: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(published, dt.datetime):
        return published.astimezone(dt.UTC)
    return dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)


def _parse_article_file(text: str, name: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Split an article file into its YAML header and its paragraphs; raises ValueError if malformed."""
    if not text.startswith("---\n"):
        raise ValueError(f"{name}: an article file starts with a '---' YAML header")
    header_text, _, body = text[4:].partition("\n---\n")
    try:
        header = yaml.safe_load(header_text)
    except yaml.YAMLError as error:
        raise ValueError(f"{name}: the YAML header does not parse: {error}") from error
    paragraphs = tuple(" ".join(block.split("\n")).strip() for block in body.strip().split("\n\n"))
    if not header.get("syndicated_from") and not all(paragraphs):
        raise ValueError(f"{name}: the article has no body")
    return header, paragraphs


def _build_article(raw: dict[str, Any], raw_by_key: dict[str, dict[str, Any]]) -> CatalogArticle:
    config, header = raw["config"], raw["header"]
    paragraphs: tuple[str, ...] = raw["paragraphs"]
    syndicated_group = header.get("syndicated_group")
    if source_key := header.get("syndicated_from"):
        # A republished wire story: the wire's text under the newspaper's own headline and intro line.
        source = raw_by_key[source_key]
        paragraphs = tuple(p for p in paragraphs if p) + source["paragraphs"]
        syndicated_group = source["header"]["syndicated_group"]
    published = _parse_when(header["published"])
    modified = _parse_when(header["modified"]) if header.get("modified") else None
    if modified is not None and not isinstance(modified, dt.datetime):
        raise ValueError(f"{header['slug']}: `modified` needs a time and an offset")
    if isinstance(published, dt.datetime) and not (modified is None or modified >= published):
        raise ValueError(f"{header['slug']}: `modified` is earlier than `published`")
    section = header.get("section", "World")
    path = config["article_path"].format(
        slug=header["slug"],
        section=section.lower().replace(" ", "-"),
        yyyy=f"{published.year:04d}",
        mm=f"{published.month:02d}",
        dd=f"{published.day:02d}",
    )
    return CatalogArticle(
        outlet_hostname=config["hostname"],
        outlet_name=config["name"],
        url=f"http://{config['hostname']}{path}",
        path=path,
        title=header["title"],
        published=published,
        modified=modified,
        language=header.get("language", config["language"]),
        is_seed=bool(header.get("is_seed", False)),
        syndicated_group=syndicated_group,
        is_date_only_in_text=bool(header.get("is_date_only_in_text", False)),
        actors=tuple(header.get("actors", [])),
        authors=tuple(header.get("authors", [])),
        section=section,
        tags=tuple(header.get("tags", [])),
        summary=header.get("summary", ""),
        paragraphs=paragraphs,
        slug=header["slug"],
    )


def _parse_when(value: str | dt.date) -> dt.datetime | dt.date:
    """Parse an ISO date or an ISO datetime with offset; raises ValueError on a naive datetime."""
    if isinstance(value, dt.date):
        return value
    if "T" not in value:
        return dt.date.fromisoformat(value)
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value}: a publication time needs a UTC offset")
    return parsed

"""A benchmark corpus: the sample site's articles varied into N distinct pages, with feeds and sitemaps.

Page `i` depends only on the seed and `i` (and on the pages before it of the same outlet, for its
"related" links and its chrome's teasers), so the corpus of N pages is the first N pages of any larger
corpus with the same seed: the benchmark's N-page and 5N-page nights crawl nested sites, and the pages
added between them are exactly pages N to 5N.

Each page takes one English sample article as its frame (outlet, template, section, tags, authors),
keeps its lead paragraph, adds paragraphs drawn from the whole catalog in shuffled order, swaps person
and organisation names, and moves the text's dates to the page's own publication day. About one page in
twenty is a syndicated copy of an earlier page of another outlet, as in real news. The rendered page is
then dressed in outlet chrome (`flows.benchmark.chrome`: menus, consent banner, inline styles and scripts,
ad slots, teaser rails, footer) so that it weighs what a real news page weighs, about 100 KB.

    corpus = build_corpus(Path("bench/corpus"), pages=2000, seed=7)
    documents = site_documents(corpus.pages[:1000])   # {hostname: {path: Page}}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import random
import re
import shutil
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from flows.benchmark.chrome import CHROME_VERSION, Teaser, dress_page
from flows.sample_site.catalog import CatalogArticle, Outlet, catalog, outlet_configs, outlets
from flows.sample_site.pages import CONTENT_TYPES, HTML, TEXT, FeedEntry, Page

CORPUS_VERSION = 2  # bump when the pages generated for a seed change, so old corpora are rebuilt
# 2: pages carry outlet chrome (flows.benchmark.chrome) and weigh about 100 KB instead of 9 KB
DEFAULT_SEED = 7
DEFAULT_NIGHT = dt.date(2023, 10, 1)  # the benchmark's run date: the corpus is published the week before
DEFAULT_DAYS = 7
SITEMAP_SIZE = 1000  # URLs per child sitemap under an outlet's sitemap index
MAX_CHILD_SITEMAPS = 49  # the pipeline reads at most 50 sitemaps per source, the index included
FEED_SIZE = 100  # entries in an outlet's own RSS/Atom/news sitemap: the newest ones, as real feeds do
SYNDICATED_SHARE = 0.05
RELATED_LINKS = 8
MIN_TEASERS = 12  # below this many earlier pages, a page's teasers also show the outlet's sample articles
TEASER_POOL = 300  # earlier pages of its outlet a page's chrome may show as teasers
SITEMAP_INDEX_PATH = "/sitemap-index.xml"
MANIFEST = "manifest.json"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_MONTH_RE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r")\b")
_MONTH_DAY_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2})\b")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True)
class CorpusPage:
    """One article page of the corpus: where it lives, the file holding its HTML, and its feed metadata."""

    index: int
    outlet_key: str
    hostname: str
    url: str
    path: str
    file: str  # relative to the corpus directory
    title: str
    summary: str
    published: str  # ISO datetime with offset, or an ISO date for a page whose time of day is unknown
    modified: str | None
    is_date_only_in_text: bool
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    language: str

    @property
    def published_at(self) -> dt.datetime:
        """The publication instant; a date-only page counts from midnight UTC."""
        return _as_datetime(_parse_when(self.published))

    @property
    def updated_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.modified) if self.modified else self.published_at


@dataclass(frozen=True)
class Corpus:
    """A written corpus: its directory, the seed it was generated from, and its pages in order."""

    directory: Path
    seed: int
    night: dt.date
    pages: tuple[CorpusPage, ...]

    def html_path(self, page: CorpusPage) -> Path:
        return self.directory / page.file


def build_corpus(
    directory: Path,
    pages: int,
    *,
    seed: int = DEFAULT_SEED,
    night: dt.date = DEFAULT_NIGHT,
    days: int = DEFAULT_DAYS,
) -> Corpus:
    """Write `pages` article pages and a manifest under `directory`, and return the corpus.

    A corpus already there from the same generator version, seed, night and days with at least that
    many pages is reused (its first `pages` pages are returned); anything else in `directory` is
    replaced. Raises ValueError when `pages` < 1 or `days` < 1.
    """
    if pages < 1 or days < 1:
        raise ValueError(f"need at least one page and one day (got pages={pages}, days={days})")
    identity = {
        "version": CORPUS_VERSION,
        "chrome": CHROME_VERSION,
        "seed": seed,
        "night": night.isoformat(),
        "days": days,
    }
    existing = _read_manifest(directory)
    if existing is not None and existing["identity"] == identity and len(existing["pages"]) >= pages:
        chosen = tuple(_page_from_json(item) for item in existing["pages"][:pages])
        return Corpus(directory, seed, night, chosen)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    written: list[CorpusPage] = []
    for page, html in generate_pages(pages, seed=seed, night=night, days=days):
        target = directory / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
        written.append(page)
    manifest = {"identity": identity, "pages": [_page_to_json(page) for page in written]}
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return Corpus(directory, seed, night, tuple(written))


def generate_pages(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    night: dt.date = DEFAULT_NIGHT,
    days: int = DEFAULT_DAYS,
    dressed: bool = True,
) -> Iterator[tuple[CorpusPage, bytes]]:
    """Yield `count` pages with their rendered HTML, in order; the same seed yields the same pages.

    Each page is rendered with its outlet's sample-site template and, unless `dressed` is False, wrapped
    in outlet chrome whose teasers show earlier pages of the same outlet (sample articles of the outlet
    while it has fewer than a handful).
    """
    configs = {config["key"]: config for config in outlet_configs()}
    outlet_by_host = {outlet.hostname: outlet for outlet in outlets()}
    related: dict[str, deque[CatalogArticle]] = {key: deque(maxlen=RELATED_LINKS) for key in configs}
    teasers: dict[str, deque[Teaser]] = {key: deque(maxlen=TEASER_POOL) for key in configs}
    for index in range(count):
        article, key = _varied_article(seed, index, night, days)
        config = configs[key]
        outlet = outlet_by_host[article.outlet_hostname]
        html = render_article(article, config, outlet, list(related[key]))
        if dressed:
            pool = list(teasers[key])
            if len(pool) < MIN_TEASERS:
                pool.extend(_sample_teasers(outlet.hostname))
            html = dress_page(
                html,
                seed=seed,
                index=index,
                hostname=outlet.hostname,
                outlet_name=outlet.name,
                section=article.section,
                teasers=[teaser for teaser in pool if teaser.title != article.title],
            )
        related[key].appendleft(article)
        teasers[key].appendleft(Teaser(article.url, article.title, article.summary, article.section))
        yield _corpus_page(index, key, article), html


def render_article(
    article: CatalogArticle, config: dict[str, Any], outlet: Outlet, others: Sequence[CatalogArticle]
) -> bytes:
    """Render one article page with its outlet's own sample-site template."""
    rng = random.Random(article.url)
    pool = config.get("comments", [])
    comments = rng.sample(pool, min(3, len(pool)))
    template = _environment().get_template(f"{config['key']}/article.html")
    body = template.render(
        outlet=outlet, config=config, article=article, others=list(others), comments=comments
    )
    return body.encode("utf-8")


def site_documents(
    pages: Sequence[CorpusPage], html_of: Any, *, sitemap_size: int = SITEMAP_SIZE
) -> dict[str, dict[str, Page]]:
    """Return every document a site serving `pages` answers with: {hostname: {path: Page}}.

    Each outlet serves its articles (`html_of(page)` gives the bytes), its own feeds from the sample
    site (RSS, Atom or news sitemap) with its newest entries, a sitemap index over child sitemaps of at
    most `sitemap_size` URLs listing every article, and a permissive robots.txt naming the index.
    Child sitemaps grow past `sitemap_size` when an outlet would otherwise need more than the 49 the
    pipeline reads.
    """
    by_host: dict[str, list[CorpusPage]] = {outlet.hostname: [] for outlet in outlets()}
    for page in pages:
        by_host[page.hostname].append(page)
    documents: dict[str, dict[str, Page]] = {}
    for config, outlet in zip(outlet_configs(), outlets(), strict=True):
        own = sorted(by_host[outlet.hostname], key=lambda page: (page.published_at, page.index), reverse=True)
        served = {page.path: Page(200, HTML, html_of(page)) for page in own}
        entries = [_feed_entry(page) for page in own]
        context = {"outlet": outlet, "config": config}
        for feed in config["feeds"]:
            newest = entries[:FEED_SIZE]
            body = (
                _environment()
                .get_template(feed["template"])
                .render(**context, feed=feed, entries=newest, built=newest[0].updated if newest else None)
            )
            served[feed["path"]] = Page(200, CONTENT_TYPES[feed["kind"]], body.encode("utf-8"))
        chunk = max(sitemap_size, -(-len(entries) // MAX_CHILD_SITEMAPS))
        children = [entries[start : start + chunk] for start in range(0, len(entries), chunk)] or [[]]
        child_urls = []
        for number, child in enumerate(children, start=1):
            path = f"/sitemaps/articles-{number}.xml"
            child_urls.append(f"http://{outlet.hostname}{path}")
            body = _environment().get_template("shared/sitemap.xml").render(**context, entries=child)
            served[path] = Page(200, CONTENT_TYPES["sitemap"], body.encode("utf-8"))
        served[SITEMAP_INDEX_PATH] = Page(200, CONTENT_TYPES["sitemap"], sitemap_index(child_urls))
        robots = f"User-agent: *\nDisallow:\n\nSitemap: http://{outlet.hostname}{SITEMAP_INDEX_PATH}\n"
        served["/robots.txt"] = Page(200, TEXT, robots.encode("utf-8"))
        documents[outlet.hostname] = served
    return documents


def sitemap_index(child_urls: Sequence[str]) -> bytes:
    """Return a sitemap index document listing `child_urls`."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines.extend(f"  <sitemap><loc>{escape(url)}</loc></sitemap>" for url in child_urls)
    lines.append("</sitemapindex>\n")
    return "\n".join(lines).encode("utf-8")


def corpus_sources() -> list[dict[str, Any]]:
    """Return the sources list that discovers a corpus: each outlet's own feeds plus its sitemap index."""
    found = []
    for outlet in outlets():
        common = {
            "outlet": outlet.name,
            "country_code": outlet.country_code,
            "is_state_media": outlet.is_state_media,
        }
        for feed in outlet.feeds:
            found.append({"name": feed.name, "kind": feed.kind, "url": feed.url, **common})
        index_url = f"http://{outlet.hostname}{SITEMAP_INDEX_PATH}"
        found.append(
            {"name": f"{_outlet_key(outlet)}-sitemap-index", "kind": "sitemap", "url": index_url, **common}
        )
    return found


@functools.cache
def _sample_teasers(hostname: str) -> tuple[Teaser, ...]:
    """The outlet's sample articles as teasers: chrome for an outlet's first pages, before it has others.

    They link to the sample site's URLs, which the corpus site does not serve (no crawler follows them).
    """
    return tuple(
        Teaser(article.url, article.title, article.summary, article.section)
        for article in _frames()
        if article.outlet_hostname == hostname
    )


def _outlet_key(outlet: Outlet) -> str:
    return next(config["key"] for config in outlet_configs() if config["hostname"] == outlet.hostname)


# --- varying one article ------------------------------------------------------------------------------


@functools.cache
def _frames() -> tuple[CatalogArticle, ...]:
    """Sample articles a page can take as its frame: English ones (the one German post would only ever
    yield near-copies of itself)."""
    return tuple(article for article in catalog() if article.language == "en" and article.paragraphs)


@functools.cache
def _paragraph_pool() -> tuple[str, ...]:
    return tuple(paragraph for article in _frames() for paragraph in article.paragraphs[1:] if paragraph)


@functools.cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """People the catalog's text names, and every person of the actor dictionary: swaps go from the
    first to the second, so a page names people the pipeline knows, in a sentence about people."""
    import csv

    from flows.settings import REPO_ROOT

    with (REPO_ROOT / "dbt_project" / "seeds" / "actors.csv").open(encoding="utf-8", newline="") as seed:
        people = sorted(
            {row["canonical_name"] for row in csv.DictReader(seed) if row["actor_type"] == "person"}
        )
    text = "\n".join(paragraph for article in _frames() for paragraph in article.paragraphs)
    return tuple(name for name in people if name in text), tuple(people)


@functools.cache
def _authors_by_outlet() -> dict[str, tuple[str, ...]]:
    authors: dict[str, set[str]] = {}
    for article in _frames():
        authors.setdefault(article.outlet_hostname, set()).update(article.authors)
    return {host: tuple(sorted(names)) for host, names in authors.items()}


def _varied_article(seed: int, index: int, night: dt.date, days: int) -> tuple[CatalogArticle, str]:
    """Return page `index`'s article and its outlet key; depends only on the seed, the index and the days."""
    rng = random.Random(f"{seed}:{index}")
    frame = rng.choice(_frames())
    day = night - dt.timedelta(days=rng.randint(1, days))
    paragraphs = _body(seed, index)
    if index > 0 and rng.random() < SYNDICATED_SHARE:
        # A syndicated copy: an earlier page's body under this outlet's frame and its own intro line.
        original = rng.randrange(max(0, index - 200), index)
        paragraphs = (frame.paragraphs[0], *_body(seed, original)[1:])
    paragraphs = _swap_names(paragraphs, rng)
    paragraphs = tuple(_move_dates(paragraph, day) for paragraph in paragraphs)
    title = _headline(paragraphs[0], frame.title)
    sentences = _SENTENCE_END_RE.split(paragraphs[0])
    summary = sentences[1] if len(sentences) > 1 else frame.summary
    published: dt.datetime | dt.date
    if isinstance(frame.published, dt.datetime):
        clock = dt.time(rng.randint(6, 22), rng.randint(0, 59), tzinfo=frame.published.tzinfo)
        published = dt.datetime.combine(day, clock)
    else:
        published = day
    modified = None
    if frame.modified is not None and isinstance(published, dt.datetime):
        modified = published + dt.timedelta(minutes=rng.randint(5, 240))
    authors = _authors_by_outlet()[frame.outlet_hostname]
    config = next(config for config in outlet_configs() if config["hostname"] == frame.outlet_hostname)
    slug = "-".join(_SLUG_WORD_RE.findall(title.lower())[:8]) + f"-{index}"
    section = frame.section
    path = config["article_path"].format(
        slug=slug,
        section=section.lower().replace(" ", "-"),
        yyyy=f"{day.year:04d}",
        mm=f"{day.month:02d}",
        dd=f"{day.day:02d}",
    )
    article = dataclasses.replace(
        frame,
        url=f"http://{frame.outlet_hostname}{path}",
        path=path,
        title=title,
        published=published,
        modified=modified,
        syndicated_group=None,
        authors=tuple(rng.sample(authors, min(len(authors), rng.choice((1, 1, 1, 2))))),
        summary=summary,
        paragraphs=paragraphs,
        slug=slug,
    )
    return article, config["key"]


def _body(seed: int, index: int) -> tuple[str, ...]:
    """Page `index`'s paragraphs before names and dates change: its frame's lead, then a shuffled mix of
    some of the frame's own paragraphs and paragraphs from across the catalog."""
    rng = random.Random(f"{seed}:{index}:body")
    frame = random.Random(f"{seed}:{index}").choice(_frames())
    own = list(frame.paragraphs[1:])
    kept = rng.sample(own, len(own) // 2) if own else []
    borrowed = rng.sample(_paragraph_pool(), rng.randint(3, 7))
    rest = [paragraph for paragraph in dict.fromkeys(kept + borrowed) if paragraph != frame.paragraphs[0]]
    rng.shuffle(rest)
    return (frame.paragraphs[0], *rest)


def _swap_names(paragraphs: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """Replace up to three people the text names with other people of the actor dictionary."""
    named, people = _names()
    text = "\n".join(paragraphs)
    present = [name for name in named if name in text]
    swaps = {
        name: rng.choice([other for other in people if other != name])
        for name in rng.sample(present, min(3, len(present)))
    }
    if not swaps:
        return paragraphs
    pattern = re.compile("|".join(re.escape(name) for name in sorted(swaps, key=len, reverse=True)))
    return tuple(pattern.sub(lambda match: swaps[match.group(0)], paragraph) for paragraph in paragraphs)


def _move_dates(paragraph: str, day: dt.date) -> str:
    """Put the page's own day into the text's day-and-month and weekday mentions."""
    month = _MONTHS[day.month - 1]
    paragraph = _DAY_MONTH_RE.sub(f"{day.day} {month}", paragraph)
    paragraph = _MONTH_DAY_RE.sub(f"{month} {day.day}", paragraph)
    return _WEEKDAY_RE.sub(_WEEKDAYS[day.weekday()], paragraph)


def _headline(lead: str, fallback: str) -> str:
    """A headline from the lead's first sentence: at most 14 words, no final full stop."""
    words = _SENTENCE_END_RE.split(lead)[0].rstrip(".").split()
    if len(words) < 5:
        return fallback
    headline = " ".join(words[:14]).rstrip(",;:")
    return headline[0].upper() + headline[1:]


# --- serialisation --------------------------------------------------------------------------------------


def _corpus_page(index: int, key: str, article: CatalogArticle) -> CorpusPage:
    relative = article.path.strip("/") or "index"
    file = f"pages/{article.outlet_hostname}/{relative}" + (
        "/index.html" if article.path.endswith("/") else ".html"
    )
    return CorpusPage(
        index=index,
        outlet_key=key,
        hostname=article.outlet_hostname,
        url=article.url,
        path=article.path,
        file=file,
        title=article.title,
        summary=article.summary,
        published=article.published.isoformat(),
        modified=article.modified.isoformat() if article.modified else None,
        is_date_only_in_text=article.is_date_only_in_text,
        authors=article.authors,
        tags=article.tags,
        language=article.language,
    )


def _feed_entry(page: CorpusPage) -> FeedEntry:
    dated = not page.is_date_only_in_text
    return FeedEntry(
        url=page.url,
        title=page.title,
        when=page.published_at if dated else None,
        updated=page.updated_at if dated else None,
        summary=page.summary,
        authors=page.authors,
        tags=page.tags,
        language=page.language,
    )


def _page_to_json(page: CorpusPage) -> dict[str, Any]:
    return dataclasses.asdict(page)


def _page_from_json(item: dict[str, Any]) -> CorpusPage:
    return CorpusPage(**{**item, "authors": tuple(item["authors"]), "tags": tuple(item["tags"])})


def _read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _parse_when(value: str) -> dt.datetime | dt.date:
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def _as_datetime(when: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(when, dt.datetime):
        return when
    return dt.datetime.combine(when, dt.time(0), tzinfo=dt.UTC)


def _environment() -> Any:
    # The sample site's own Jinja environment: its templates need the date filters registered there.
    from flows.sample_site.pages import _environment as sample_site_environment

    return sample_site_environment()

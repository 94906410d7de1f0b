"""Publication dates of articles, chosen from every piece of evidence a page offers, with the reasons.

`resolve_published_date` gathers candidates and accepts the first valid one in this priority:

1. `meta`  named meta tags a CMS writes for the article (`article:published_time`, `og:published_time`,
           `parsely-pub-date`, `sailthru.date`, `pubdate`, `DC.date.issued`, `date`, ...), in that order;
2. `jsonld` `datePublished` of an article-like JSON-LD object (NewsArticle, Article, BlogPosting, ...,
           also inside `@graph`), then of a WebPage, then of other objects (not of list items);
3. `meta`  microdata and markup: `itemprop="datePublished"`, `<time pubdate>` or a `<time datetime>` whose
           class (or its wrappers' class) says published, then a `<time datetime>` early inside the
           `<article>` or a header;
4. `url`   a date in the URL path (`/2023/09/21/`, `2023-09-21`, `20230921`), also of the canonical URL;
5. `feed`  the date the feed or sitemap gave for the entry;
6. `text`  a labelled date in the page text ("Published 22 September 2023", "Publicado el ..."), then a
           dateline: the first full date at the start of the article body, then a full date in `<title>`;
7. `extractor` trafilatura's (htmldate's) date, day only. Given as a function, it is read only when no
           other candidate is valid (the nightly does so: htmldate reads the same evidence again and costs
           about a tenth of a page's extraction), and is then the only candidate of its kind.

Named meta tags come before JSON-LD because pages more often carry a wrong JSON-LD offset (a local time
marked `Z`) than a wrong `article:published_time`. When the accepted candidate has only a day and a
lower-ranked one states a time on that same day, the timed one is accepted instead (trafilatura keeps
only the day, so this is how times of day survive). Every other valid candidate is rejected as
`superseded`; invalid ones as `future` (more than a day after `fetched_at`), `too_old` (before
`min_date`) or `unparseable`.

`modified_at` is the first valid `dateModified`-like value (meta tags, then JSON-LD, then microdata);
it is dropped when it lies before `published_at`, since such a pair contradicts itself.

Dates mentioned in article text are resolved by `date_mentions_frame` (see `flows/core/date_mentions.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from flows.core.date_mentions import date_mentions_frame
from flows.core.date_parsing import ParsedDate, parse_date_text, parse_date_value, search_date_text

__all__ = [
    "EVIDENCE_KINDS",
    "DateCandidate",
    "DateResolution",
    "date_mentions_frame",
    "published_stated_date",
    "resolve_published_date",
]

EVIDENCE_KINDS = ("jsonld", "meta", "url", "feed", "text", "extractor")
FUTURE_TOLERANCE = timedelta(days=1)
_MAX_RAW_VALUE_CHARS = 200

# Ranks: lower wins. Each evidence source owns a band so the priority reads in one place.
_RANK_META, _RANK_JSONLD, _RANK_MARKUP, _RANK_URL, _RANK_FEED, _RANK_TEXT, _RANK_EXTRACTOR = (
    0,
    100,
    200,
    300,
    400,
    500,
    600,
)

_PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "published_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.published",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "og:pubdate",
    "rnews:datepublished",
    "citation_publication_date",
    "citation_date",
    "date.available",
    "displaydate",
    "datepublished",
)
_MODIFIED_META_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "dc.date.modified",
    "dcterms.modified",
    "bt:moddate",
    "last-modified",
    "lastmod",
    "datemodified",
    "modified_time",
    "sailthru.lastmodified",
)
_PUBLISHED_META_RANK = {key: rank for rank, key in enumerate(_PUBLISHED_META_KEYS)}
_MODIFIED_META_RANK = {key: rank for rank, key in enumerate(_MODIFIED_META_KEYS)}

_ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "NewsArticle",
        "Article",
        "BlogPosting",
        "ReportageNews",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "Blog",
        "Posting",
        "SatiricalArticle",
        "AdvertiserContentArticle",
    )
)
_PAGE_TYPES = frozenset(t.lower() for t in ("WebPage", "ItemPage", "AboutPage", "QAPage", "CollectionPage"))
_LIST_KEYS = frozenset(("itemlistelement", "hasPart".lower(), "relatedlink", "significantlink", "mentions"))

_PUBLISHED_CLASS_RE = re.compile(
    r"publish|pubdate|posted|created|entry-date|dateline|date-pub|timestamp--pub", re.IGNORECASE
)
_MODIFIED_CLASS_RE = re.compile(r"updated|modified", re.IGNORECASE)
_URL_DATE_RES = (
    re.compile(r"(?<!\d)/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$|[-_.])"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d])((?:19|20)\d\d)(\d\d)(\d\d)(?![\d])"),
)
_PUBLISHED_LABEL_RE = re.compile(
    r"(?:first\s+published|published|posted|publicad[oa]|publié(?:e)?|veröffentlicht|pubblicato|gepubliceerd|"
    r"opublikowano|publicerad|udgivet|julkaistu|yayınlanma(?:\s+tarihi)?|publicat)\b\s*(?:on|:|el|le|am|il|op|em|at)?\s*",
    re.IGNORECASE,
)
_PUBLISHED_LABEL_LOWER_RE = re.compile(_PUBLISHED_LABEL_RE.pattern)
_BODY_XPATH = etree.XPath(
    "//*[@itemprop='articleBody'] | //article | "
    "//*[@class][contains(concat(' ', normalize-space(@class), ' '), ' entry-content ') or "
    "contains(@class, 'article-body') or contains(@class, 'story-body') or contains(@class, 'post-content')]"
)
_DATELINE_WINDOW = 400
# Plain strings, not lxml's "smart" ones that point back to their element: a page has thousands of them.
_TEXT_NODES_XPATH = etree.XPath(".//text()", smart_strings=False)
_INVISIBLE_TAGS = frozenset(("script", "style", "noscript", "template"))
_LABEL_WINDOW = 80


@dataclass(frozen=True)
class DateCandidate:
    """One publication date a page offered, parsed, with whether it was accepted and why not."""

    evidence: str  # jsonld | meta | url | feed | text | extractor
    raw_value: str
    candidate_at: datetime | None  # UTC; None when unparseable
    precision: str | None  # minute | day
    is_accepted: bool
    reject_reason: str | None  # future | too_old | unparseable | superseded


@dataclass(frozen=True)
class DateResolution:
    """The chosen publication instant of a page, its precision and evidence, its modified instant and all candidates."""

    published_at: datetime | None
    precision: str | None
    evidence: str | None
    modified_at: datetime | None
    candidates: tuple[DateCandidate, ...]


@dataclass(frozen=True)
class _Found:
    rank: int
    evidence: str
    raw_value: str
    parsed: ParsedDate | None


def resolve_published_date(
    html: str | Any,
    url: str,
    *,
    extractor_date: str | Callable[[], str | None] | None,
    feed_published_at: datetime | None,
    fetched_at: datetime,
    min_date: date = date(1990, 1, 1),
) -> DateResolution:
    """Choose the publication date of a page by the priority in the module docstring and record every candidate.

    Broken or empty HTML gives no markup evidence (the URL, feed and extractor dates still count); with no
    valid candidate the resolution has `published_at` None. A naive `fetched_at`/`feed_published_at` is
    taken as UTC. `extractor_date` may be a function giving the date: it is called only when no other
    candidate is valid. `html` may also be the page already parsed (an lxml tree, such as trafilatura's);
    reading the text evidence strips scripts and styles from it, so pass a tree nothing reads afterwards.
    """
    fetched_at = _as_utc(fetched_at)
    tree = _parse_html(html)
    published: list[_Found] = []
    modified: list[_Found] = []
    if tree is not None:
        _collect_meta(tree, published, modified)
        _collect_jsonld(tree, published, modified)
        _collect_markup(tree, published, modified)
    _collect_url(url, tree, published)
    if feed_published_at is not None:
        feed_at = _as_utc(feed_published_at)
        # sitemaps often give only a day, which arrives here as midnight UTC
        feed_precision = "day" if feed_at.time() == datetime.min.time() else "minute"
        published.append(
            _Found(
                _RANK_FEED, "feed", feed_at.isoformat(), ParsedDate(feed_at, feed_precision, feed_at.date())
            )
        )
    if tree is not None:
        _collect_text(tree, published)
    if callable(extractor_date):
        has_valid = any(_reject_reason(found.parsed, fetched_at, min_date) is None for found in published)
        extractor_date = None if has_valid else extractor_date()
    if extractor_date:
        published.append(
            _Found(_RANK_EXTRACTOR, "extractor", extractor_date, parse_date_value(extractor_date))
        )

    ordered = _deduplicate(sorted(published, key=lambda found: found.rank))
    reasons = [_reject_reason(found.parsed, fetched_at, min_date) for found in ordered]
    valid = [index for index, reason in enumerate(reasons) if reason is None]
    accepted_index = _choose(ordered, valid)
    candidates = tuple(
        DateCandidate(
            evidence=found.evidence,
            raw_value=found.raw_value,
            candidate_at=found.parsed.at if found.parsed else None,
            precision=found.parsed.precision if found.parsed else None,
            is_accepted=index == accepted_index,
            reject_reason=None if index == accepted_index else (reasons[index] or "superseded"),
        )
        for index, found in enumerate(ordered)
    )
    if accepted_index is None:
        return DateResolution(None, None, None, None, candidates)
    accepted = ordered[accepted_index].parsed
    assert accepted is not None
    modified_at = _choose_modified(modified, accepted.at, fetched_at, min_date)
    return DateResolution(
        accepted.at, accepted.precision, ordered[accepted_index].evidence, modified_at, candidates
    )


def published_stated_date(resolution: DateResolution) -> date | None:
    """Return the calendar day the page itself printed for its accepted date; None when nothing was accepted.

    `published_at` is UTC, which can move a late-evening or early-morning story to another day. This is the
    day in the publisher's own time zone: the accepted candidate as written, or, when another valid
    candidate names the same instant with a non-UTC offset, that candidate's day (a `+00:00` stamp often
    is a server's conversion and says nothing of the newsroom's zone).
    When the accepted stamp is in UTC and the page also prints, for readers, a day that a time zone between
    UTC-12 and UTC+14 would give that instant, the printed day wins.
    """
    accepted = next((c for c in resolution.candidates if c.is_accepted), None)
    if accepted is None or accepted.candidate_at is None:
        return None
    parsed = _reparse(accepted)
    stated = parsed.stated_date if parsed else accepted.candidate_at.date()
    if accepted.precision != "minute" or not _is_utc_stamp(accepted.raw_value):
        return stated
    superseded = [c for c in resolution.candidates if c.reject_reason == "superseded" and c.candidate_at]
    for other in superseded:
        if (
            other.candidate_at == accepted.candidate_at
            and other.precision == "minute"
            and not _is_utc_stamp(other.raw_value)
        ):
            other_parsed = _reparse(other)
            if other_parsed is not None:
                return other_parsed.stated_date
    # a day the page prints for readers (markup text, dateline, URL) that a time zone could explain
    possible_days = {(accepted.candidate_at + timedelta(hours=hours)).date() for hours in (-12, 14)}
    for other in superseded:
        if other.evidence in ("meta", "jsonld", "text", "url") and other.precision == "day":
            other_parsed = _reparse(other)
            if other_parsed is not None and other_parsed.stated_date in possible_days - {stated}:
                return other_parsed.stated_date
    return stated


def _reparse(candidate: DateCandidate) -> ParsedDate | None:
    if candidate.evidence == "text":
        return parse_date_text(candidate.raw_value)
    if candidate.evidence == "url":
        return _url_date(candidate.raw_value)
    return parse_date_value(candidate.raw_value)


def _is_utc_stamp(raw_value: str) -> bool:
    value = raw_value.strip()
    return bool(re.search(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)$", value)) or not re.search(
        r"(?:[+-]\d{2}:?\d{2}|[A-Z]{3,5})$", value
    )


def _choose(ordered: list[_Found], valid: list[int]) -> int | None:
    if not valid:
        return None
    first = valid[0]
    first_parsed = ordered[first].parsed
    assert first_parsed is not None
    if first_parsed.precision == "day":
        for index in valid[1:]:
            parsed = ordered[index].parsed
            if (
                parsed is not None
                and parsed.precision == "minute"
                and parsed.stated_date == first_parsed.stated_date
            ):
                return index
    return first


def _choose_modified(
    modified: list[_Found], published_at: datetime, fetched_at: datetime, min_date: date
) -> datetime | None:
    for found in sorted(modified, key=lambda item: item.rank):
        if found.parsed is None or _reject_reason(found.parsed, fetched_at, min_date) is not None:
            continue
        return found.parsed.at if found.parsed.at >= published_at else None
    return None


def _reject_reason(parsed: ParsedDate | None, fetched_at: datetime, min_date: date) -> str | None:
    if parsed is None:
        return "unparseable"
    if parsed.at > fetched_at + FUTURE_TOLERANCE:
        return "future"
    if parsed.stated_date < min_date:
        return "too_old"
    return None


def _deduplicate(found_items: list[_Found]) -> list[_Found]:
    # raw.date_candidates is keyed by (article_id, evidence, raw_value): keep the best-ranked copy
    seen: set[tuple[str, str]] = set()
    kept = []
    for found in found_items:
        key = (found.evidence, found.raw_value)
        if key not in seen:
            seen.add(key)
            kept.append(found)
    return kept


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_html(html: str | Any) -> Any:
    if isinstance(html, etree._Element):
        return html
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str) or not html.strip():
        return None
    # lxml refuses strings with an XML encoding declaration and chokes on NUL bytes
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html.replace("\x00", ""))
    try:
        # plain etree elements: lxml.html's element classes cost a Python call per element touched
        return etree.HTML(html)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _raw(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()[:_MAX_RAW_VALUE_CHARS]


def _collect_meta(tree: Any, published: list[_Found], modified: list[_Found]) -> None:
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if not key:
                continue
            value = _raw(content)
            if key in _PUBLISHED_META_RANK:
                published.append(
                    _Found(_RANK_META + _PUBLISHED_META_RANK[key], "meta", value, parse_date_value(value))
                )
                break
            if key in _MODIFIED_META_RANK:
                modified.append(
                    _Found(_RANK_META + _MODIFIED_META_RANK[key], "meta", value, parse_date_value(value))
                )
                break


def _collect_jsonld(tree: Any, published: list[_Found], modified: list[_Found]) -> None:
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        text = (script.text or "").strip()
        if not text:
            continue
        data = _load_json(text)
        if data is None:
            # unparseable JSON-LD still often holds readable date fields
            for key, value in re.findall(r'"(datePublished|dateModified)"\s*:\s*"([^"]{4,60})"', text):
                target, rank = (published, 50) if key == "datePublished" else (modified, 50)
                target.append(_Found(_RANK_JSONLD + rank, "jsonld", _raw(value), parse_date_value(value)))
            continue
        for node, depth_rank in _walk_jsonld(data, in_list=False):
            type_rank = _jsonld_type_rank(node)
            for key, target in (("datePublished", published), ("dateModified", modified)):
                value = node.get(key)
                if isinstance(value, list) and value:
                    value = value[0]
                if isinstance(value, str) and value.strip():
                    raw_value = _raw(value)
                    target.append(
                        _Found(
                            _RANK_JSONLD + type_rank + depth_rank,
                            "jsonld",
                            raw_value,
                            parse_date_value(raw_value),
                        )
                    )


def _load_json(text: str) -> Any:
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text)
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk_jsonld(data: Any, *, in_list: bool) -> Any:
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, in_list=in_list)
    elif isinstance(data, dict):
        yield data, (40 if in_list else 0)
        for key, value in data.items():
            if isinstance(value, dict | list):
                yield from _walk_jsonld(value, in_list=in_list or key.lower() in _LIST_KEYS)


def _jsonld_type_rank(node: dict) -> int:
    node_type = node.get("@type")
    types = {
        str(t).lower().rsplit("/", 1)[-1]
        for t in (node_type if isinstance(node_type, list) else [node_type])
        if t
    }
    if types & _ARTICLE_TYPES:
        return 0
    if types & _PAGE_TYPES or not types:
        return 10
    return 20


def _collect_markup(tree: Any, published: list[_Found], modified: list[_Found]) -> None:
    for element in tree.xpath("//*[@itemprop]"):
        if element.tag == "meta":
            continue  # meta tags were read with the named meta tags
        itemprop = element.get("itemprop", "").strip().lower()
        if itemprop not in ("datepublished", "datemodified"):
            continue
        value = element.get("content") or element.get("datetime") or "".join(element.itertext())
        if not value or not value.strip():
            continue
        raw_value = _raw(value)
        target = published if itemprop == "datepublished" else modified
        target.append(_Found(_RANK_MARKUP, "meta", raw_value, parse_date_value(raw_value)))
    for position, element in enumerate(
        tree.xpath("//time[@datetime] | //abbr[@title][contains(@class, 'published')]")
    ):
        value = element.get("datetime") or element.get("title")
        if not value or not value.strip():
            continue
        raw_value = _raw(value)
        classes = " ".join(filter(None, [element.get("class"), element.get("id"), element.get("itemprop")]))
        # a bare <time> often sits in a wrapper that says what it is: <div class="published"><span class="date">
        wrapper_classes = " ".join(
            filter(None, (ancestor.get("class") for ancestor in list(element.iterancestors())[:3]))
        )
        if _MODIFIED_CLASS_RE.search(classes) and not _PUBLISHED_CLASS_RE.search(classes):
            modified.append(_Found(_RANK_MARKUP + 20, "meta", raw_value, parse_date_value(raw_value)))
        elif element.get("pubdate") is not None or _PUBLISHED_CLASS_RE.search(classes):
            published.append(_Found(_RANK_MARKUP + 10, "meta", raw_value, parse_date_value(raw_value)))
        elif _PUBLISHED_CLASS_RE.search(wrapper_classes) and not _MODIFIED_CLASS_RE.search(wrapper_classes):
            published.append(_Found(_RANK_MARKUP + 20, "meta", raw_value, parse_date_value(raw_value)))
        elif element.xpath("ancestor::article or ancestor::header") and position < 3:
            published.append(_Found(_RANK_MARKUP + 30, "meta", raw_value, parse_date_value(raw_value)))


def _collect_url(url: str, tree: Any, published: list[_Found]) -> None:
    urls = [url] if url else []
    if tree is not None:
        urls += tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")
    for offset, candidate_url in enumerate(urls[:3]):
        try:
            path = urlsplit(str(candidate_url)).path
        except ValueError:
            continue
        for pattern in _URL_DATE_RES:
            match = pattern.search(path)
            if match:
                parsed = _url_date(match.group(0))
                if parsed is not None:
                    published.append(_Found(_RANK_URL + offset, "url", match.group(0), parsed))
                    break


def _url_date(fragment: str) -> ParsedDate | None:
    for pattern in _URL_DATE_RES:
        match = pattern.search(fragment)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                stated = date(year, month, day)
            except ValueError:
                return None
            return ParsedDate(datetime(year, month, day, tzinfo=UTC), "day", stated)
    return None


def _collect_text(tree: Any, published: list[_Found]) -> None:
    """Dates the page's visible text states: after a "Published" label, in the title, in a dateline.

    Runs last: it strips scripts, styles and comments from the tree (the markup collectors need them).
    """
    body = tree.find("body")
    if body is None:
        return
    etree.strip_elements(tree, *_INVISIBLE_TAGS, with_tail=False)
    etree.strip_tags(tree, etree.Comment)
    text = _visible_text(body)
    lowered = text.lower()
    # the case-sensitive pattern on lower-cased text is several times faster than IGNORECASE on long pages;
    # lower() can change a string's length (rare letters), and then offsets would not line up
    labels = (
        _PUBLISHED_LABEL_LOWER_RE.finditer(lowered)
        if len(lowered) == len(text)
        else _PUBLISHED_LABEL_RE.finditer(text)
    )
    for match in labels:
        window = text[match.end() : match.end() + _LABEL_WINDOW]
        found = search_date_text(window)
        # the date must follow the label closely: "Published by X on ..." still counts, a date far on does not
        if found is not None and found[1] <= 40:
            parsed, _start, end = found
            published.append(
                _Found(_RANK_TEXT, "text", _raw(text[match.start() : match.end() + end]), parsed)
            )
            break
    title = tree.find(".//title")
    if title is not None and title.text:
        found = search_date_text(title.text)
        if found is not None:
            parsed, start, end = found
            published.append(_Found(_RANK_TEXT + 20, "text", _raw(title.text[start:end]), parsed))
    for element in _BODY_XPATH(tree)[:3]:
        opening = _visible_text(element, limit=_DATELINE_WINDOW)
        found = search_date_text(opening)
        if found is not None:
            parsed, start, end = found
            published.append(_Found(_RANK_TEXT + 10, "text", _raw(opening[start:end]), parsed))
            break


def _visible_text(element: Any, limit: int | None = None) -> str:
    """The element's text in document order, whitespace collapsed; the first `limit` characters only
    when given (read no further than needed: article bodies are long). Invisible elements must be gone.
    """
    if limit is None:
        parts: list[str] = _TEXT_NODES_XPATH(
            element
        )  # the same text nodes as itertext(), in a third of the time
    else:
        parts = []
        size = 0
        for part in element.itertext():
            parts.append(part)
            size += len(part)
            if size > 2 * limit:  # twice: collapsing whitespace shortens it
                break
    # split() breaks on exactly what \s matches (str.isspace) and is several times faster on a whole page
    text = " ".join(" ".join(parts).split())
    return text if limit is None else text[:limit]

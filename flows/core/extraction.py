"""Main text and metadata of one HTML page, read with trafilatura; pure: an HTML string in, a record out.

`extract_page` parses the page once, runs `trafilatura.bare_extraction(fast=True)` on the tree for the
main text and reads the metadata with trafilatura's own functions, leaving out the categories, tags and
licence that trafilatura's `with_metadata=True` would also look for and the warehouse never stores (a
quarter of the metadata time on news pages). `fast` skips trafilatura's fallback extractors
(readability, jusText): on article-extraction-dev it scores F1 0.974 against 0.967 without it, in 70%
of the time. trafilatura leaves `language` empty unless told a target language, so the language is
guessed with py3langid on the body text (title and description when there is no body). trafilatura's own
(htmldate's) publication date is read only when asked (`with_date`, or `read_extractor_date`): the
nightly's date resolution reads the same evidence itself and needs htmldate only as a last resort, and
htmldate costs about a tenth of a page's extraction.

A page counts as an article (`is_article`) unless one of these holds:
- its extracted body has fewer than `MIN_ARTICLE_WORDS` words (index pages, paywalls, error pages);
- its URL path is a listing: a tag, category, topic, author, archive, search or paginated index
  (`/tag/...`, `/category/...`, `/page/2`, `?page=`...), or the site's front page;
- its `og:type` names a non-article object (`profile`, `video.*`, `music.*`, `book`).
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_domain,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params
from trafilatura.utils import load_html

# Names the extractor and its mode: articles of another version are what `newsdesk reextract` refreshes.
EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}-fast"
MIN_ARTICLE_WORDS = 80

_LISTING_PATH_RE = re.compile(
    r"/(?:tags?|categor(?:y|ies)|topics?|themen|subjects?|authors?|autor|writers?|archives?|search|section|"
    r"rubrique|etiqueta|tema)(?:/|$)|/page/\d+/?$|/(?:index|default)\.\w+$",
    re.IGNORECASE,
)
_LISTING_QUERY_RE = re.compile(r"(?:^|&)(?:page|paged|tag|cat|s|q)=", re.IGNORECASE)
_NON_ARTICLE_TYPES_RE = re.compile(r"^(?:profile|video\.|music\.|book$|product)", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")
# py3langid walks its model byte by byte in Python: the opening 300 characters name the same language as
# the whole body on all 218 bodies of the evaluation and corpus pages, in a fraction of the time.
LANGUAGE_SAMPLE_CHARS = 300
# What extract_page asks of bare_extraction (the benchmark times a bare loop with them too).
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "fast": True}
_MAX_FILE_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
_EXTENSIVE_DATE_SEARCH = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


@dataclass(frozen=True)
class ExtractedPage:
    """What trafilatura found on one page, plus a guessed language and an is-it-an-article verdict."""

    title: str | None = None
    author: str | None = None
    description: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    language: str | None = None
    body_text: str | None = None
    pagetype: str | None = None
    extractor_date: str | None = None  # read only when extract_page is asked for it (with_date)
    is_article: bool = False


def parse_page(html: str | bytes) -> HtmlElement | None:
    """The page parsed as trafilatura parses it; None for empty or unparseable HTML."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str) or not html.strip():
        return None
    try:
        return load_html(html, _MAX_FILE_SIZE)
    except Exception:  # lxml raises many kinds of errors on broken markup
        logging.getLogger(__name__).debug("parsing failed", exc_info=True)
        return None


def extract_page(html: str | bytes | HtmlElement, url: str, *, with_date: bool = False) -> ExtractedPage:
    """Extract the main text and metadata of one HTML page; bad or empty HTML gives an empty, non-article page.

    `html` may be the page already parsed by `parse_page`; it is not changed. With `with_date`,
    `extractor_date` carries trafilatura's (htmldate's) publication date too.
    """
    tree = html if isinstance(html, HtmlElement) else parse_page(html)
    if tree is None:
        return ExtractedPage()
    try:
        # bare_extraction works on its own copy of the tree, so the metadata reads an untouched one.
        document = trafilatura.bare_extraction(tree, url=url or None, **TRAFILATURA_OPTIONS)
        if isinstance(document, Document):
            metadata = read_metadata(tree, url or None, with_date=with_date)
    except Exception:  # trafilatura and lxml raise many kinds of errors on broken markup
        logging.getLogger(__name__).debug("extraction failed for %s", url, exc_info=True)
        document = None
    if not isinstance(document, Document):  # None when trafilatura discards the page
        return ExtractedPage()
    body_text = _clean(document.text)
    title = _clean(metadata.title)
    description = _clean(metadata.description)
    pagetype = _clean(metadata.pagetype)
    return ExtractedPage(
        title=title,
        author=_clean(metadata.author),
        description=description,
        sitename=_clean(metadata.sitename),
        hostname=_clean(metadata.hostname),
        language=_clean(metadata.language)
        or guess_language(body_text or " ".join(filter(None, [title, description]))),
        body_text=body_text,
        pagetype=pagetype,
        extractor_date=_clean(metadata.date),
        is_article=is_article_page(body_text, url, pagetype),
    )


def read_extractor_date(html: str, url: str | None) -> str | None:
    """trafilatura's (htmldate's) publication date of a page, YYYY-MM-DD as `bare_extraction` gives it.

    None when it finds none or the page cannot be parsed.
    """
    tree = parse_page(html)
    if tree is None:
        return None
    try:
        return _clean(read_metadata(tree, url).date)
    except Exception:  # trafilatura, htmldate and lxml raise many kinds of errors on broken markup
        logging.getLogger(__name__).debug("date extraction failed for %s", url, exc_info=True)
        return None


def read_metadata(tree: Any, url: str | None, *, with_date: bool = True) -> Document:
    """trafilatura's `extract_metadata` (2.3) step by step, without its categories, tags and licence.

    Same order and the same trafilatura functions, so title, author, URL, hostname, date, sitename,
    description and page type come out as `bare_extraction(with_metadata=True)` gives them (the
    tests compare the two on the sample site's pages). Without `with_date`, the date is left empty.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura's JSON-LD reader has bugs on odd markup; it logs and goes on too
        logging.getLogger(__name__).debug("JSON-LD metadata failed for %s", url, exc_info=True)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_config = set_date_params(_EXTENSIVE_DATE_SEARCH)  # what bare_extraction's Extractor passes
    if with_date:
        metadata.date = find_date(tree, **{**date_config, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata


def is_article_page(body_text: str | None, url: str | None, pagetype: str | None) -> bool:
    """Say whether a page is an article by the rules in the module docstring; missing inputs count against it."""
    if not body_text or not _has_words(body_text, MIN_ARTICLE_WORDS):
        return False
    if pagetype and _NON_ARTICLE_TYPES_RE.match(pagetype):
        return False
    if url:
        parts = urlsplit(url)
        if parts.path.strip("/") == "" and not parts.query:
            return False
        if _LISTING_PATH_RE.search(parts.path) or _LISTING_QUERY_RE.search(parts.query):
            return False
    return True


def guess_language(text: str | None) -> str | None:
    """Guess the ISO 639-1 language of a text with py3langid; None for empty or very short text."""
    if not text or not _has_words(text, 3):
        return None
    import py3langid  # loads its model on first use (about 0.3 s): keep it out of import time

    language, _score = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return language or None


def _has_words(text: str, count: int) -> bool:
    """Whether `text` has at least `count` words, reading no further than the last one needed."""
    return next(itertools.islice(_WORD_RE.finditer(text), count - 1, None), None) is not None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None

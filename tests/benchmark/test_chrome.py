"""Benchmark pages carry real-page chrome (menus, banners, scripts, rails, footer) and still extract to the
article: same title and date, a body with every paragraph of the article and no chrome text."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import statistics
from collections.abc import Iterable
from html import escape
from pathlib import Path

import lxml.html
import pytest

from flows.benchmark import chrome
from flows.benchmark.chrome import Teaser, dress_page, measure_pages, read_real_pages
from flows.benchmark.corpus import MIN_TEASERS, generate_pages
from flows.core.dates import resolve_published_date
from flows.core.extraction import extract_page

SEED = 3
PAGES = 60
FETCHED_AT = dt.datetime(2023, 10, 1, 6, tzinfo=dt.UTC)
_WORD_RE = re.compile(r"\w+")


@pytest.fixture(scope="module")
def pairs() -> list[tuple[object, bytes, bytes]]:
    """(page, plain html, dressed html) for the first PAGES pages of a corpus."""
    plain = list(generate_pages(PAGES, seed=SEED, dressed=False))
    dressed = list(generate_pages(PAGES, seed=SEED))
    assert [page for page, _ in plain] == [page for page, _ in dressed]
    return [(page, bare, full) for (page, bare), (_, full) in zip(plain, dressed, strict=True)]


def _select(tree: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements matching a small CSS selector: space-separated steps of `tag`, `.class`, `tag.class`, `tag#id`."""
    steps = []
    for step in selector.split():
        tag, _, rest = re.match(r"([a-z0-9]*)(([.#])[\w-]+)?", step).group(1, 2, 3)  # type: ignore[union-attr]
        condition = ""
        if rest == ".":
            condition = f"[contains(concat(' ', normalize-space(@class), ' '), ' {step.split('.', 1)[1]} ')]"
        elif rest == "#":
            condition = f"[@id='{step.split('#', 1)[1]}']"
        steps.append(f"{tag or '*'}{condition}")
    return tree.xpath("//" + "//".join(steps))


def _fourgrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD_RE.findall(text.lower())
    return {tuple(words[start : start + 4]) for start in range(len(words) - 3)}


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _article_paragraphs(html: bytes) -> list[str]:
    """The article's own body paragraphs: the class-less <p> of its first <article>."""
    article = lxml.html.fromstring(html).find(".//article")
    assert article is not None
    return [_normalised(p.text_content()) for p in article.iter("p") if not p.get("class")]


def _chrome_texts(html: bytes) -> list[str]:
    """Texts the chrome shows: menu and footer links, teaser headlines and standfirsts, banners."""
    tree = lxml.html.fromstring(html)
    selectors = (
        ".nav-menu a", ".account-links a", ".trending-bar a", ".teaser__headline", ".teaser__standfirst",
        ".most-read a", ".consent-banner p", ".newsletter-box p", ".site-footer__legal p",
        ".site-footer__column a", ".share-bar button", ".ad-slot__label",
    )  # fmt: skip
    return [_normalised(element.text_content()) for s in selectors for element in _select(tree, s)]


def _leaks(body: str, chrome_texts: Iterable[str], article_text: str) -> list[str]:
    """Chrome texts of four words or more found in `body` that the article itself does not contain."""
    return [
        text for text in chrome_texts if len(text.split()) >= 4 and text in body and text not in article_text
    ]


def test_dressed_pages_are_heavy_like_real_news_pages(pairs) -> None:
    plain = [len(bare) for _, bare, _ in pairs]
    dressed = [len(full) for _, _, full in pairs]
    assert statistics.median(plain) < 15_000
    # real news pages: median about 100 KB (article-extraction-dev 98 KB, news-dates-dev 138 KB)
    assert 70_000 < statistics.median(dressed) < 140_000
    assert max(dressed) > 1.5 * min(dressed), "pages should vary in weight, as real ones do"
    elements = statistics.median(sum(1 for _ in lxml.html.fromstring(full).iter()) for _, _, full in pairs)
    assert 500 < elements < 1500


def test_chrome_has_the_parts_of_a_real_news_page(pairs) -> None:
    page, _, full = pairs[-1]
    tree = lxml.html.fromstring(full)
    assert len(_select(tree, ".nav-menu a")) >= 60
    assert len(_select(tree, ".nav-menu__section")) >= 8
    for selector in (
        ".consent-banner", ".share-bar button", ".more-stories .teaser", ".most-read li", ".newsletter-box form",
        ".trending-bar a", "header.site-header", "footer.site-footer",
    ):  # fmt: skip
        assert _select(tree, selector), selector
    assert len(_select(tree, ".ad-slot")) >= 5
    assert len(_select(tree, ".site-footer__column")) >= 4
    assert tree.find(".//head/style") is not None
    inline = [script for script in tree.iter("script") if not script.get("src")]
    assert len(inline) >= 5
    state = _select(tree, "script#__NEXT_DATA__")[0].text
    cards = json.loads(state)["props"]["pageProps"]["cards"]
    assert len(cards) >= 12 and all(card["url"] != page.url for card in cards)


def test_chrome_teasers_show_earlier_pages_of_the_outlet(pairs) -> None:
    by_url = {page.url: page for page, _, _ in pairs}
    earlier: dict[str, list[str]] = {}  # titles of each outlet's pages so far
    for page, _, full in pairs:
        tree = lxml.html.fromstring(full)
        linked = [a.get("href") for a in _select(tree, ".more-stories a.teaser__link")]
        corpus_links = [url for url in linked if url in by_url]
        assert page.url not in linked
        assert all(
            by_url[url].hostname == page.hostname and by_url[url].index < page.index for url in corpus_links
        )
        others = [title for title in earlier.get(page.hostname, []) if title != page.title]
        if len(others) >= MIN_TEASERS:
            # past its first pages, an outlet's teasers are all its own earlier pages, headlines included
            assert linked and corpus_links == linked, page.index
            headlines = [_normalised(h.text_content()) for h in _select(tree, ".teaser__headline")]
            assert headlines == [by_url[url].title for url in linked]
            assert page.title not in headlines
        earlier.setdefault(page.hostname, []).append(page.title)
    assert max(len(titles) for titles in earlier.values()) > MIN_TEASERS + 2


def test_dressing_keeps_the_article_markup_byte_for_byte(pairs) -> None:
    for _, bare, full in pairs:
        text, dressed = bare.decode(), full.decode()
        article = text[text.index("<article") : text.index("</article>") + len("</article>")]
        assert article in dressed
        for tag in re.findall(
            r"<meta [^>]*>|<script type=\"application/ld\+json\">.*?</script>|<h1.*?</h1>", text
        ):
            assert tag in dressed
        assert dressed.count("<article") == text.count("<article")
        assert dressed.count('type="application/ld+json"') == text.count('type="application/ld+json"')
        assert dressed.count("<time") == text.count("<time"), "the chrome must not state dates"


def test_extraction_finds_the_same_title_date_and_body(pairs) -> None:
    for page, bare, full in pairs:
        plain = extract_page(bare.decode(), page.url, with_date=True)
        dressed = extract_page(full.decode(), page.url, with_date=True)
        assert dressed.title == plain.title == page.title
        assert dressed.is_article
        for field in (
            "author",
            "description",
            "sitename",
            "pagetype",
            "extractor_date",
        ):
            assert getattr(dressed, field) == getattr(plain, field), (page.index, field)
        body = _normalised(dressed.body_text or "")
        paragraphs = _article_paragraphs(bare)
        missing = [paragraph for paragraph in paragraphs if paragraph not in body]
        assert not missing, f"page {page.index} lost paragraphs: {missing[:1]}"
        # precision: every 4-gram of the body is the article's (headline, byline, paragraphs: the plain page)
        extra = _fourgrams(body) - _fourgrams(_normalised(plain.body_text or ""))
        assert not extra, f"page {page.index} body has text the plain page's has not: {sorted(extra)[:3]}"
        article_text = " ".join([page.title, *paragraphs])
        assert not _leaks(body, _chrome_texts(full), article_text), page.index
        dates = [
            resolve_published_date(
                html.decode(), page.url, extractor_date=None, feed_published_at=None, fetched_at=FETCHED_AT
            )
            for html in (bare, full)
        ]
        assert dates[0].published_at is not None
        assert (dates[1].published_at, dates[1].modified_at) == (dates[0].published_at, dates[0].modified_at)


def test_the_leak_checks_catch_chrome_text_in_a_body(pairs) -> None:
    """The checks above would fail if the chrome's teasers reached the body: put some there and see."""
    page, bare, full = pairs[40]
    tree = lxml.html.fromstring(full)
    paragraphs = _article_paragraphs(bare)
    article_text = " ".join([page.title, *paragraphs])
    standfirst = next(
        text
        for text in (_normalised(p.text_content()) for p in _select(tree, ".teaser__standfirst"))
        if text not in article_text
    )
    at = full.index(b"<p>", full.index(b"<article"))  # the article body's first paragraph
    leaked = full[:at] + f"<p>{escape(standfirst)}</p>".encode() + full[at:]
    body = _normalised(extract_page(leaked.decode(), page.url).body_text or "")
    assert set(_leaks(body, _chrome_texts(full), article_text)) == {standfirst}
    plain_body = _normalised(extract_page(bare.decode(), page.url).body_text or "")
    assert _fourgrams(body) - _fourgrams(plain_body)


def test_dress_page_depends_only_on_its_inputs() -> None:
    html = b"<html><head><title>t</title></head><body><article><p>Text.</p></article></body></html>"
    teasers = [
        Teaser(f"http://a.example/{n}", f"Headline number {n} here", f"Standfirst {n}.", "World")
        for n in range(30)
    ]

    def dressed(seed: int, index: int, shown: list[Teaser]) -> bytes:
        return dress_page(
            html,
            seed=seed,
            index=index,
            hostname="a.example",
            outlet_name="A",
            section="World",
            teasers=shown,
        )

    first = dressed(1, 5, teasers)
    assert first == dressed(1, 5, teasers)
    assert first != dressed(1, 6, teasers)
    assert first != dressed(2, 5, teasers)
    assert b"<article><p>Text.</p></article>" in first
    assert len(dressed(1, 5, [])) > 20_000


def test_dress_page_refuses_html_without_a_body() -> None:
    with pytest.raises(ValueError):
        dress_page(
            b"<p>no document</p>", seed=1, index=0, hostname="a", outlet_name="A", section="S", teasers=[]
        )


def test_calibration_measures_corpus_and_real_pages(tmp_path: Path, capsys) -> None:
    real = tmp_path / "real"
    real.mkdir()
    page = "<html><head><title>Real</title></head><body><article>" + "<p>Some words of news.</p>" * 50
    (real / "one.html").write_text(page + "</article></body></html>", encoding="utf-8")
    (real / "two.html.gz").write_bytes(gzip.compress((page + "</article></body></html>").encode()))
    (real / "notes.txt").write_text("not a page", encoding="utf-8")
    assert len(read_real_pages(real)) == 2
    assert chrome.main(["--calibrate", "--pages", "4", "--repeats", "1", "--real", str(real)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert "plain" in lines[0] and "dressed" in lines[1] and "real" in lines[2]
    assert all(re.search(r"size kB median +[\d.]+ .* ms median +[\d.]+", line) for line in lines)


def test_calibration_refuses_an_empty_set_and_no_action() -> None:
    with pytest.raises(ValueError):
        measure_pages({"nothing": []})
    with pytest.raises(SystemExit):
        chrome.main([])

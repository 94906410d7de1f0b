"""extract_page on an article, on listing pages and on bad input."""

from __future__ import annotations

import pytest

from flows.core.extraction import (
    EXTRACTOR_VERSION,
    LANGUAGE_SAMPLE_CHARS,
    ExtractedPage,
    extract_page,
    guess_language,
    is_article_page,
    read_extractor_date,
)

PARAGRAPHS = [
    "Foreign ministers of Azerbaijan and Armenia met in Geneva on Thursday for a new round of talks on the "
    "peace treaty, the first such meeting since fighting resumed in the region earlier this month.",
    "The talks, hosted by the Swiss government, lasted more than six hours and ended without a joint "
    "statement, although both delegations described the atmosphere as constructive and businesslike.",
    "Diplomats said the main points of disagreement remain the delimitation of the border, the opening of "
    "transport links through the south of the country, and guarantees for the people living in the area.",
    "A further meeting is expected next month in Brussels, where European Union officials have offered to "
    "host the negotiators and to send additional monitors to the border villages on both sides.",
]
ARTICLE_HTML = f"""<!doctype html><html lang="en"><head>
<title>Ministers meet in Geneva for peace talks | Caspian Wire</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Caspian Wire">
<meta name="author" content="Leyla Aliyeva">
<meta name="description" content="Foreign ministers met in Geneva for a new round of peace talks.">
<meta property="article:published_time" content="2023-09-21T10:15:00+04:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva for peace talks</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)}
</article>
<footer>Copyright Caspian Wire</footer>
</body></html>"""


def tag_page_html() -> str:
    items = "".join(
        f'<li><a href="https://www.caspianwire.com/2023/09/{day:02d}/story-{day}">Story number {day} about talks</a></li>'
        for day in range(1, 16)
    )
    return f"""<html><head><title>Tag: peace talks | Caspian Wire</title>
    <meta property="og:type" content="website"></head>
    <body><h1>Peace talks</h1><ul>{items}</ul></body></html>"""


def test_article_page_is_extracted_with_metadata() -> None:
    page = extract_page(
        ARTICLE_HTML, "https://www.caspianwire.com/2023/09/21/ministers-meet-in-geneva", with_date=True
    )

    assert page.is_article
    assert page.title == "Ministers meet in Geneva for peace talks"
    assert page.author == "Leyla Aliyeva"
    assert page.sitename == "Caspian Wire"
    assert page.hostname == "caspianwire.com"
    assert page.language == "en"
    assert page.extractor_date == "2023-09-21"
    assert page.body_text is not None and "delimitation of the border" in page.body_text
    assert "Copyright Caspian Wire" not in page.body_text


def test_trafilatura_date_is_read_only_when_asked() -> None:
    url = "https://www.caspianwire.com/2023/09/21/ministers-meet-in-geneva"

    assert extract_page(ARTICLE_HTML, url).extractor_date is None
    assert read_extractor_date(ARTICLE_HTML, url) == "2023-09-21"
    assert read_extractor_date("<html><body>no date at all</body></html>", "https://example.org/x") is None
    assert read_extractor_date("", "https://example.org/x") is None


def test_tag_index_page_is_not_an_article() -> None:
    page = extract_page(tag_page_html(), "https://www.caspianwire.com/tag/peace-talks/")

    assert not page.is_article


def test_listing_url_makes_even_a_long_page_not_an_article() -> None:
    assert not extract_page(ARTICLE_HTML, "https://www.caspianwire.com/category/world/page/2").is_article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.caspianwire.com/2023/09/21/talks", True),
        ("https://www.caspianwire.com/", False),
        ("https://www.caspianwire.com/tags/geneva", False),
        ("https://www.caspianwire.com/author/leyla-aliyeva/", False),
        ("https://www.caspianwire.com/world?page=3", False),
    ],
)
def test_is_article_page_url_rules(url: str, expected: bool) -> None:
    assert is_article_page(" ".join(PARAGRAPHS), url, "article") is expected


def test_short_text_is_not_an_article() -> None:
    assert not is_article_page("Only a few words here.", "https://www.caspianwire.com/2023/09/21/talks", None)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n" * 20,
        "<html><body></body></html>",
        "<<<<>>>>",
        "\ud800",
    ],
)
def test_bad_input_gives_an_empty_non_article_page(html: str) -> None:
    page = extract_page(html, "https://www.caspianwire.com/x")

    assert isinstance(page, ExtractedPage)
    assert not page.is_article
    assert page.body_text is None


def test_bytes_input_is_decoded() -> None:
    page = extract_page(ARTICLE_HTML.encode("utf-8"), "https://www.caspianwire.com/2023/09/21/m")

    assert page.is_article


def test_extractor_version_names_trafilatura() -> None:
    assert EXTRACTOR_VERSION.startswith("trafilatura-")


def test_metadata_is_what_trafilatura_with_metadata_gives_on_every_sample_page() -> None:
    """read_metadata leaves out categories, tags and licence only: every field the warehouse keeps is
    trafilatura's own, on every HTML page of the sample site (bylines in markup, JSON-LD, meta tags)."""
    import trafilatura
    from trafilatura.utils import load_html

    from flows.core.extraction import TRAFILATURA_OPTIONS, read_metadata
    from flows.sample_site.pages import site_pages

    compared = 0
    for hostname, pages in site_pages().items():
        for path, page in pages.items():
            if "html" not in page.content_type or page.status != 200:
                continue
            url = f"https://{hostname}{path}"
            html = page.body.decode("utf-8")
            expected = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
            got = read_metadata(load_html(html), url)
            for field in (
                "title",
                "author",
                "url",
                "hostname",
                "date",
                "sitename",
                "description",
                "pagetype",
            ):
                assert getattr(got, field) == getattr(expected, field), (url, field)
            compared += 1
    assert compared > 30


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (PARAGRAPHS[0], "en"),
        (
            "Les ministres des Affaires étrangères se sont réunis jeudi à Genève pour un nouveau cycle de "
            "négociations sur le traité de paix.",
            "fr",
        ),
        (
            "Die Außenminister trafen sich am Donnerstag in Genf zu einer neuen Gesprächsrunde über den "
            "Friedensvertrag.",
            "de",
        ),
        (
            "Los ministros de Asuntos Exteriores se reunieron el jueves en Ginebra para una nueva ronda de "
            "conversaciones sobre el tratado de paz.",
            "es",
        ),
    ],
)
def test_language_is_guessed_from_the_text(text: str, language: str) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize("text", [None, "", "Geneva talks", "2023 — 19 —"])
def test_no_language_for_fewer_than_three_words(text: str | None) -> None:
    assert guess_language(text) is None


def test_language_is_read_from_the_opening_of_a_long_body() -> None:
    # The opening decides: a German quotation far into an English body does not change its language,
    # and an English body does not become German however long the quotation.
    english = " ".join(PARAGRAPHS)
    assert len(english) > LANGUAGE_SAMPLE_CHARS
    german = "Die Außenminister trafen sich am Donnerstag in Genf zu einer neuen Gesprächsrunde. " * 20
    assert guess_language(english + " " + german) == "en"
    assert guess_language(german + " " + english) == "de"

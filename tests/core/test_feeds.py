import datetime as dt

import pytest

from flows.core.feeds import FeedParseError, parse_feed, parse_feed_date, parse_sitemap

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Caspian Wire</title>
<item><title>Blinken on Karabakh</title><link>http://www.caspianwire.com/a/</link>
<pubDate>Wed, 20 Sep 2023 10:15:00 +0300</pubDate></item>
<item><title>No date</title><link>/b/</link></item>
<item><title>No link</title></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Post</title><link href="http://blog.policyhorizons.net/2023/09/21/post/"/>
<updated>2023-09-21T08:00:00Z</updated></entry></feed>"""

SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://www.dailymeridian.com/x</loc><lastmod>2023-09-19</lastmod></url>
<url><loc>http://www.dailymeridian.com/y</loc><news:news><news:publication_date>2023-09-21T10:00:00+02:00</news:publication_date>
<news:title>Y</news:title></news:news></url></urlset>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://www.dailymeridian.com/sitemap-1.xml</loc></sitemap></sitemapindex>"""


def test_rss_entries_keep_title_and_utc_date_and_resolve_relative_links():
    entries = parse_feed(RSS, "http://www.caspianwire.com/feed.xml")
    assert [entry.url for entry in entries] == [
        "http://www.caspianwire.com/a/",
        "http://www.caspianwire.com/b/",
    ]
    assert entries[0].title == "Blinken on Karabakh"
    assert entries[0].published_at == dt.datetime(2023, 9, 20, 7, 15, tzinfo=dt.UTC)
    assert entries[1].published_at is None


def test_atom_entries():
    (entry,) = parse_feed(ATOM, "http://blog.policyhorizons.net/atom.xml")
    assert entry.url == "http://blog.policyhorizons.net/2023/09/21/post/"
    assert entry.published_at == dt.datetime(2023, 9, 21, 8, 0, tzinfo=dt.UTC)


def test_garbage_is_not_a_feed_and_the_error_names_the_url():
    with pytest.raises(FeedParseError, match=r"http://x\.com/feed"):
        parse_feed(b"<html><body>hello</body>", "http://x.com/feed")


def test_sitemap_dates_prefer_the_news_publication_date():
    content = parse_sitemap(SITEMAP, "http://www.dailymeridian.com/sitemap.xml")
    assert content.child_sitemaps == ()
    by_url = {entry.url: entry for entry in content.entries}
    assert by_url["http://www.dailymeridian.com/x"].published_at == dt.datetime(2023, 9, 19, tzinfo=dt.UTC)
    assert by_url["http://www.dailymeridian.com/y"].published_at == dt.datetime(
        2023, 9, 21, 8, 0, tzinfo=dt.UTC
    )
    assert by_url["http://www.dailymeridian.com/y"].title == "Y"


def test_sitemap_index_lists_child_sitemaps():
    content = parse_sitemap(INDEX, "http://www.dailymeridian.com/sitemap.xml")
    assert content.child_sitemaps == ("http://www.dailymeridian.com/sitemap-1.xml",)


@pytest.mark.parametrize("document", [b"not xml at all", b"<html><body/></html>"])
def test_what_is_not_a_sitemap_raises_naming_the_url(document):
    with pytest.raises(FeedParseError, match=r"http://x\.com/sitemap\.xml"):
        parse_sitemap(document, "http://x.com/sitemap.xml")


def test_entity_expansion_is_not_performed():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.com/&b;</loc></url></urlset>"""
    content = parse_sitemap(bomb, "http://x.com/sitemap.xml")
    assert all("aaaaaaaaaa" not in entry.url for entry in content.entries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-09-20", dt.datetime(2023, 9, 20, tzinfo=dt.UTC)),
        ("2023-09-20T10:00:00Z", dt.datetime(2023, 9, 20, 10, tzinfo=dt.UTC)),
        ("Wed, 20 Sep 2023 10:00:00 GMT", dt.datetime(2023, 9, 20, 10, tzinfo=dt.UTC)),
        ("yesterday", None),
        (None, None),
    ],
)
def test_feed_dates(text, expected):
    assert parse_feed_date(text) == expected

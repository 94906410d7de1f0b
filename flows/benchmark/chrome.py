"""Outlet chrome for benchmark pages: the menus, banners, scripts, rails and footers real news pages carry.

The sample site's templates render an article with a thin frame around it (about 9 KB of HTML), while a
real news page weighs about 100 KB: a header with a large menu, a consent banner, a stylesheet and
scripts inline, ad slots, share buttons, teaser rails, a newsletter box, a footer of link columns. On
thin pages trafilatura runs several times faster than on real ones, so every fixed per-page cost of
the pipeline looks heavier than it is. `dress_page` adds that chrome around a rendered article without
touching the article's own markup (title, byline, dates, JSON-LD, body), so the pipeline finds the
same title, date and body as on the plain page.

What a page carries depends only on the seed, its index, its outlet and the teasers it is given (the
corpus gives it earlier pages of its outlet), so a corpus stays a prefix of any larger one. The chrome
states no dates: the date evidence of a page is its article's alone.

`python -m flows.benchmark.chrome --calibrate --real DIR...` compares the corpus pages' weight and
trafilatura's time per page with real pages (`.html` or `.html.gz` files).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import re
import statistics
import string
import time
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

CHROME_VERSION = 1  # bump when the chrome generated for a page changes, so old corpora are rebuilt
MIN_HEFT, MAX_HEFT = 0.3, 4.0  # per-page weight factor bounds (log-normal around 1)
HEFT_SIGMA = 0.7  # real pages: p10 about half the median, p90 about 2.5 times it

TEASERS_PER_HEFT = 14  # cards in the "more stories" grid of a page of heft 1
STANDFIRSTS = 3  # cards of the grid that show a standfirst under the headline, as real grids do
STATE_CARDS_PER_HEFT = 28  # cards in the page's JSON state (the grid's and the next ones the page loads)

# Sections of a large outlet's menu with their sub-sections; each outlet shows most of them.
_MENU: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("News", ("UK", "World", "Politics", "Business", "Technology", "Science", "Health", "Education",
              "Environment", "Media", "Crime", "Obituaries", "In pictures", "Fact check")),
    ("World", ("Africa", "Americas", "Asia", "Australia", "Europe", "Middle East", "Central Asia",
               "South Asia", "Caucasus", "Balkans", "Nordics", "Latin America", "Global development")),
    ("Politics", ("Parliament", "Elections", "Government", "Devolution", "Policy", "Polls",
                  "Political sketch", "Briefing", "Diplomacy")),
    ("Business", ("Markets", "Economy", "Companies", "Banking", "Energy", "Retail", "Trade",
                  "Transport", "Property", "Personal finance", "Work and careers", "Small business",
                  "Technology of business")),
    ("Climate", ("Climate crisis", "Wildlife", "Energy transition", "Pollution", "Oceans",
                 "Green living", "Food and farming", "Weather")),
    ("Opinion", ("Editorials", "Columnists", "Letters", "Cartoons", "Contributors", "Long read",
                 "Analysis", "Ideas")),
    ("Sport", ("Football", "Cricket", "Rugby union", "Rugby league", "Tennis", "Formula One", "Golf",
               "Cycling", "Athletics", "Boxing", "Horse racing", "US sports", "Winter sports",
               "Results and fixtures")),
    ("Culture", ("Film", "Music", "TV and radio", "Books", "Art and design", "Stage", "Classical",
                 "Games", "Architecture", "Photography", "Podcasts")),
    ("Lifestyle", ("Food", "Recipes", "Travel", "Fashion", "Beauty", "Wellness", "Love and sex",
                   "Home and garden", "Family", "Cars", "Money")),
    ("Tech", ("Gadgets", "Internet", "Artificial intelligence", "Cybersecurity", "Startups",
              "Reviews", "Space", "Social media")),
    ("Video", ("Latest video", "Explainers", "Documentaries", "Live streams", "Interviews",
               "Shorts")),
    ("Regions", ("North", "South", "East", "West", "Capital", "Coast", "Highlands", "Islands",
                 "Border regions", "Local councils")),
    ("Investigations", ("Special reports", "Data desk", "Leaks", "Follow the money",
                        "Documents", "Tip us off")),
    ("More", ("Puzzles", "Crosswords", "Newsletters", "Podcasts", "Apps", "Archive", "Events",
              "Shop", "Jobs", "Dating", "Courses", "Awards")),
)  # fmt: skip
_ACCOUNT_LINKS = (
    "Subscribe",
    "Sign in",
    "Register",
    "My account",
    "Saved articles",
    "Edition: International",
)
_SHARE_TARGETS = ("Facebook", "X", "LinkedIn", "WhatsApp", "Telegram", "Reddit", "Email", "Copy link")
_FOOTER_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("About us", ("About us", "Contact us", "Complaints and corrections", "Work for us", "Press office",
                  "Accessibility", "Editorial guidelines", "Ethics and standards", "Ownership")),
    ("Services", ("Newsletters", "Podcasts", "Apps", "Puzzles", "Archive", "Syndication",
                  "Advertise with us", "Events", "Reader offers", "Gift subscriptions")),
    ("Follow us", ("Facebook", "X", "Instagram", "YouTube", "LinkedIn", "TikTok", "Threads",
                   "WhatsApp channel", "RSS feeds")),
    ("Legal", ("Terms and conditions", "Privacy policy", "Cookie policy", "Privacy settings",
               "Modern slavery statement", "Licensing", "Copyright", "Help")),
)  # fmt: skip
_LEGAL = (
    "{name} is a trading name of {name} Media Group Limited, registered in England and Wales under "
    "company number 0{number}. Registered office: 1 Riverside Place, London. VAT registration number "
    "GB {vat}. All rights reserved; no part of this website may be reproduced without permission.",
    "We use cookies and similar technologies to provide our services, to measure audiences and to show "
    "personalised advertising. Some of our partners process personal data on the basis of legitimate "
    "interest; you can object to this processing at any time in the privacy settings linked below.",
    "{name} is not responsible for the content of external websites. Market data is provided for "
    "information only and is delayed by at least fifteen minutes unless indicated otherwise.",
)
_CONSENT = (
    "We value your privacy. {name} and our {partners} partners store and access information on your "
    "device, such as cookies, and process personal data, such as unique identifiers and standard "
    "information sent by a device, for personalised advertising and content, advertising and content "
    "measurement, audience research and services development. With your permission we and our partners "
    "may use precise geolocation data and identification through device scanning. You may click to "
    "consent to our and our partners' processing as described above, or access more detailed "
    "information and change your preferences before consenting or refuse to consent."
)
_NEWSLETTER = (
    "Get the day's most important stories in your inbox every weekday morning, chosen by our editors, "
    "with the analysis you need to understand them. Free to sign up; unsubscribe at any time."
)
_NEWSLETTER_PRIVACY = (
    "Newsletters may contain information about charities, online ads, and content funded by outside "
    "parties. For more information see our Privacy Policy. We use Google reCaptcha to protect our "
    "website and the Google Privacy Policy and Terms of Service apply."
)
_AD_SLOTS = (
    ("top-above-nav", "970x250,728x90"),
    ("right", "300x250,300x600"),
    ("inline1", "300x250,620x350"),
    ("merchandising-high", "970x250,88x71"),
    ("right-2", "300x250,300x600"),
    ("mostpop", "300x250"),
    ("merchandising", "970x250"),
    ("bottom-sticky", "728x90,320x50"),
)
_CSS_COMPONENTS = (
    "site-header", "nav-menu", "nav-menu__item", "nav-menu__link", "nav-menu__section", "subnav",
    "consent-banner", "consent-banner__text", "consent-banner__button", "ad-slot", "ad-slot__label",
    "share-bar", "share-button", "teaser", "teaser__media", "teaser__kicker", "teaser__headline",
    "teaser__standfirst", "teaser__meta", "most-read", "most-read__item", "most-read__number",
    "newsletter-box", "newsletter-box__form", "site-footer", "site-footer__column", "site-footer__legal",
    "trending-bar", "trending-bar__item", "account-links", "search-form", "breadcrumbs", "skip-link",
    "icon", "button", "button--primary", "button--secondary", "visually-hidden", "container", "grid",
)  # fmt: skip
_CSS_PROPERTIES = (
    ("display", ("block", "flex", "grid", "inline-block", "none", "inline-flex")),
    ("margin", ("0", "0 auto", "8px 0", "0 0 12px", "4px 8px", "1rem 0")),
    ("padding", ("0", "4px 8px", "12px 16px", "0 20px", "1rem", "6px 10px 8px")),
    ("color", ("#121212", "#052962", "#c70000", "#707070", "#fff", "#0077b6", "#333")),
    ("background-color", ("#fff", "#f6f6f6", "#052962", "#ffe500", "#dcdcdc", "#000")),
    ("font-family", ("Georgia,serif", "Helvetica Neue,Arial,sans-serif", "inherit")),
    ("font-size", ("12px", "14px", "15px", "17px", "20px", "1.25rem", "0.875rem")),
    ("line-height", ("1.15", "1.3", "1.5", "20px", "24px")),
    ("border-top", ("1px solid #dcdcdc", "0", "3px solid #c70000", "1px dotted #999")),
    ("grid-template-columns", ("repeat(4,1fr)", "1fr 300px", "repeat(auto-fill,minmax(220px,1fr))")),
    ("transition", ("opacity .2s ease-in-out", "transform .3s cubic-bezier(.2,.8,.2,1)", "none")),
    ("z-index", ("1", "10", "100", "1000", "2147483647")),
)  # fmt: skip
_JS_WORDS = (
    "render", "hydrate", "track", "consent", "slot", "refresh", "observe", "lazy", "queue", "emit",
    "subscribe", "resolve", "fetchConfig", "onReady", "bind", "toggle", "measure", "report", "init",
    "loadScript", "setTargeting", "getItem", "setItem", "dispatch", "createElement", "appendChild",
)  # fmt: skip
_IDENTIFIER_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Teaser:
    """Another page of the outlet, as a rail or menu shows it: link, headline, standfirst, section."""

    url: str
    title: str
    summary: str
    section: str


@dataclass(frozen=True)
class _Outlet:
    """What every page of one outlet shares: its stylesheet, head scripts, menu, share icons, footer."""

    head: str
    header: str
    share_bar: str
    footer: str
    save_icon: str


def dress_page(
    html: bytes,
    *,
    seed: int,
    index: int,
    hostname: str,
    outlet_name: str,
    section: str,
    teasers: Sequence[Teaser],
) -> bytes:
    """Return `html` with outlet chrome added in its head, around its body and after its first article.

    The article's own markup is left byte for byte as it was. Teasers are shown in the trending bar, the
    "more stories" grid and the "most read" rail (several times over when there are few). Raises
    ValueError when `html` has no `</head>`, no `<body ...>` or no `</body>`.
    """
    text = html.decode("utf-8")
    head_end = text.find("</head>")
    body_open = re.search(r"<body\b[^>]*>", text)
    body_end = text.rfind("</body>")
    if head_end < 0 or body_open is None or body_end < body_open.end():
        raise ValueError("the page needs a </head>, a <body> and a </body> to be dressed")
    rng = random.Random(f"{seed}:{index}:chrome")
    heft = min(MAX_HEFT, max(MIN_HEFT, rng.lognormvariate(0.0, HEFT_SIGMA)))
    shared = _outlet(hostname, outlet_name)
    in_state = _pick_teasers(teasers, rng, max(12, round(STATE_CARDS_PER_HEFT * heft)))
    shown = in_state[: max(6, round(TEASERS_PER_HEFT * heft))]
    page_id = f"{index:07d}-{rng.getrandbits(40):010x}"
    head = shared.head + _page_config(hostname, section, page_id, heft, rng)
    top = (
        _consent_banner(outlet_name, rng)
        + _ad_slot(_AD_SLOTS[0], page_id)
        + shared.header.replace("{{breadcrumb}}", escape(section))
        + _trending_bar(shown[:5])
    )
    bottom = (
        _more_stories(shown, rng, page_id, shared.save_icon)
        + _most_read(shown[::-1][:10])
        + _newsletter_box(outlet_name, hostname)
        + "".join(_ad_slot(slot, page_id) for slot in _AD_SLOTS[3:])
        + shared.footer
        + _state_blob(hostname, section, page_id, in_state, heft, rng)
        + _runtime(hostname, rng, round(6 * heft))
    )
    article_end = text.find("</article>", body_open.end())
    if article_end < 0 or article_end > body_end:
        article_end = body_end
    else:
        article_end += len("</article>")
    after_article = shared.share_bar + _ad_slot(_AD_SLOTS[2], page_id)
    dressed = (
        text[:head_end]
        + head
        + text[head_end : body_open.end()]
        + top
        + text[body_open.end() : article_end]
        + after_article
        + text[article_end:body_end]
        + bottom
        + text[body_end:]
    )
    return dressed.encode("utf-8")


def _pick_teasers(teasers: Sequence[Teaser], rng: random.Random, count: int) -> list[Teaser]:
    """`count` teasers drawn at random from `teasers`, each once while there are enough, then repeated."""
    if not teasers:
        return []
    pool = list(teasers)
    chosen = rng.sample(pool, min(count, len(pool)))
    while len(chosen) < count:
        chosen.append(pool[len(chosen) % len(pool)])
    return chosen


# --- what every page of an outlet shares --------------------------------------------------------------


@functools.cache
def _outlet(hostname: str, outlet_name: str) -> _Outlet:
    rng = random.Random(f"chrome:{hostname}")
    menu = [(name, rng.sample(subs, max(6, len(subs) - rng.randint(2, 6)))) for name, subs in _MENU]
    rng.shuffle(menu)
    menu = menu[: rng.randint(10, 12)]
    icons = {target: _svg_icon(rng) for target in (*_SHARE_TARGETS, "search", "menu", "close", "account")}
    return _Outlet(
        head=_head(hostname, outlet_name, rng),
        header=_header(hostname, outlet_name, menu, icons),
        share_bar=_share_bar(icons),
        footer=_footer(hostname, outlet_name, menu, rng),
        save_icon=_svg_icon(rng, points=8),
    )


def _head(hostname: str, outlet_name: str, rng: random.Random) -> str:
    cdn = f"https://assets.{hostname.removeprefix('www.')}"
    links = "".join(
        f'  <link rel="preload" href="{cdn}/static/{kind}/{_hash(rng)}.{ext}" as="{kind}" crossorigin>\n'
        for kind, ext in (("font", "woff2"), ("font", "woff2"), ("script", "js"), ("script", "js"))
    )
    links += "".join(
        f'  <link rel="preconnect" href="https://{host}">\n'
        for host in ("securepubads.g.doubleclick.net", "www.googletagmanager.com", "cdn.privacy-mgmt.com")
    )
    links += "".join(
        f'  <link rel="icon" sizes="{size}x{size}" href="{cdn}/icons/favicon-{size}.png">\n'
        for size in (16, 32, 96, 192)
    )
    rules = []
    for component in _CSS_COMPONENTS:
        for modifier in ("", ":hover"):
            properties = rng.sample(_CSS_PROPERTIES, rng.randint(2, 5))
            body = ";".join(f"{name}:{rng.choice(values)}" for name, values in properties)
            rules.append(f".{component}{modifier}{{{body}}}")
    queries = []
    for width in (740, 1300):
        chosen = rng.sample(rules, 10)
        queries.append(f"@media (min-width:{width}px){{{''.join(chosen)}}}")
    fonts = "".join(
        f"@font-face{{font-family:{family};src:url({cdn}/static/font/{_hash(rng)}.woff2) format('woff2');"
        f"font-weight:{weight};font-style:normal;font-display:swap}}"
        for family in ("HeadlineSerif", "TextSans", "TextEgyptian")
        for weight in (300, 400, 500, 700)
    )
    style = f"  <style>{fonts}{''.join(rules)}{''.join(queries)}</style>\n"
    consent = (
        "  <script>window._sp_queue=[];window._sp_={config:{accountId:"
        f"{rng.randint(1000, 9999)},baseEndpoint:'https://cdn.privacy-mgmt.com',propertyHref:"
        f"'https://{hostname}',gdpr:{{targetingParams:{{subscriber:false}}}},events:{{onMessageChoiceSelect:"
        "function(){window._sp_queue.push(arguments)},onConsentReady:function(a,b,c){window.dispatchEvent("
        "new CustomEvent('consent-ready',{detail:{uuid:b,info:c}}))}}}};" + _minified(rng, 6) + "</script>\n"
    )
    return links + style + consent


def _header(hostname: str, outlet_name: str, menu: list[tuple[str, list[str]]], icons: dict[str, str]) -> str:
    base = f"http://{hostname}"
    parts = [
        '<a class="skip-link" href="#maincontent">Skip to main content</a>',
        '<header class="site-header" data-component="site-header">',
        '<div class="account-links"><ul>',
    ]
    parts.extend(
        f'<li><a href="{base}/{_slug(link)}" data-link-name="header : {escape(link.lower())}">'
        f"{escape(link)}</a></li>"
        for link in _ACCOUNT_LINKS
    )
    parts.append("</ul></div>")
    parts.append(
        f'<div class="site-header__brand"><a href="{base}/" data-link-name="nav : logo">'
        f'<span class="visually-hidden">{escape(outlet_name)} homepage</span>{icons["menu"]}</a></div>'
        f'<form class="search-form" action="{base}/search" role="search"><label class="visually-hidden" '
        f'for="q">Search</label><input id="q" name="q" type="search" placeholder="Search {escape(outlet_name)}">'
        f'<button type="submit" class="button">{icons["search"]}</button></form>'
    )
    parts.append(
        '<nav class="nav-menu" aria-label="Main menu" data-component="nav"><ul class="nav-menu__sections">'
    )
    for name, subs in menu:
        section_path = f"{base}/{_slug(name)}"
        parts.append(
            f'<li class="nav-menu__section"><a class="nav-menu__link nav-menu__link--section" '
            f'href="{section_path}" data-link-name="nav : primary : {escape(name.lower())}">{escape(name)}</a>'
            f'<ul class="subnav" role="menu" aria-label="{escape(name)} sub-sections">'
        )
        parts.extend(
            f'<li class="nav-menu__item" role="none"><a class="nav-menu__link" role="menuitem" '
            f'href="{section_path}/{_slug(sub)}" data-link-name="nav : secondary : {escape(sub.lower())}">'
            f"{escape(sub)}</a></li>"
            for sub in subs
        )
        parts.append("</ul></li>")
    parts.append("</ul></nav>")
    parts.append(
        f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="{base}/">Home</a></li>'
        f'<li><a href="{base}/news">News</a></li><li>{{{{breadcrumb}}}}</li></ol></nav>'
    )
    parts.append("</header>")
    return "\n".join(parts) + "\n"


def _share_bar(icons: dict[str, str]) -> str:
    buttons = "".join(
        f'<li><button type="button" class="share-button share-button--{_slug(target)}" '
        f'data-link-name="share : {escape(target.lower())}" aria-label="Share on {escape(target)}">'
        f'{icons[target]}<span class="visually-hidden">{escape(target)}</span></button></li>'
        for target in _SHARE_TARGETS
    )
    return f'\n<div class="share-bar" data-component="share"><ul>{buttons}</ul></div>\n'


def _footer(hostname: str, outlet_name: str, menu: list[tuple[str, list[str]]], rng: random.Random) -> str:
    base = f"http://{hostname}"
    columns = [*_FOOTER_COLUMNS, ("Sections", tuple(name for name, _ in menu))]
    parts = ['<footer class="site-footer" data-component="footer"><div class="grid">']
    for title, links in columns:
        parts.append(f'<div class="site-footer__column"><h4>{escape(title)}</h4><ul>')
        parts.extend(
            f'<li><a href="{base}/info/{_slug(link)}" data-link-name="footer : {escape(link.lower())}">'
            f"{escape(link)}</a></li>"
            for link in links
        )
        parts.append("</ul></div>")
    parts.append('</div><div class="site-footer__legal">')
    facts = {
        "name": outlet_name,
        "number": rng.randint(1000000, 9999999),
        "vat": rng.randint(100000000, 999999999),
    }
    parts.extend(f"<p>{escape(paragraph.format(**facts))}</p>" for paragraph in _LEGAL)
    parts.append(f"<p>© {escape(outlet_name)} Media Group Limited or its affiliated companies.</p>")
    parts.append("</div></footer>")
    return "\n".join(parts) + "\n"


def _runtime(hostname: str, rng: random.Random, count: int) -> str:
    """A bundler's runtime and `count` modules inline, as server-rendered news sites ship them."""
    modules = ",".join(
        f"{rng.randint(1000, 99999)}:function(e,t,n){{{_minified(rng, 3)}}}" for _ in range(count)
    )
    return (
        '<script>!function(){"use strict";var e={},t={};function n(r){var o=t[r];if(void 0!==o)return '
        "o.exports;var i=t[r]={exports:{}};return e[r](i,i.exports,n),i.exports}"
        f"n.p='https://assets.{hostname.removeprefix('www.')}/static/';(self.webpackChunk=self.webpackChunk||[])"
        f".push([[{rng.randint(100, 999)}],{{{modules}}}])}}();</script>\n"
    )


# --- what each page has of its own --------------------------------------------------------------------


def _page_config(hostname: str, section: str, page_id: str, heft: float, rng: random.Random) -> str:
    switches = {
        f"{rng.choice(_JS_WORDS)}{word.capitalize()}{number}": rng.random() < 0.6
        for number, word in enumerate(rng.choices(_JS_WORDS, k=round(40 * heft)))
    }
    config = {
        "page": {
            "pageId": page_id,
            "host": hostname,
            "section": section,
            "contentType": "Article",
            "edition": rng.choice(("UK", "US", "INT", "EUR")),
            "isPaidContent": False,
            "keywordIds": [f"{_slug(section)}/{rng.randint(1, 9999)}" for _ in range(rng.randint(3, 9))],
            "abTests": {f"test{n}": rng.choice(("control", "variant", "variant-b")) for n in range(8)},
        },
        "switches": switches,
    }
    network = rng.randint(10000, 99999)
    slots = "".join(
        f"googletag.defineSlot('/{network}/{_slug(hostname)}/{_slug(section)}',{_ad_sizes(sizes)},"
        f"'dfp-ad--{name}').addService(googletag.pubads()).setTargeting('slot','{name}');"
        for name, sizes in _AD_SLOTS
    )
    return (
        f"  <script>window.__config={_script_json(config)};</script>\n"
        "  <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        f"gtag('js',new Date());gtag('config','G-{rng.getrandbits(40):010X}',{{page_id:'{page_id}',"
        f"content_group:'{escape(section)}',send_page_view:true}});</script>\n"
        "  <script>var googletag=googletag||{cmd:[]};googletag.cmd.push(function(){"
        f"{slots}googletag.pubads().enableSingleRequest();googletag.enableServices()}});</script>\n"
    )


def _consent_banner(outlet_name: str, rng: random.Random) -> str:
    text = escape(_CONSENT.format(name=outlet_name, partners=rng.randint(180, 940)))
    return (
        '<div class="consent-banner" id="sp_message_container" role="dialog" aria-modal="true" '
        'aria-label="Privacy choices"><div class="consent-banner__text">'
        f'<p class="consent-banner__title">We care about your privacy</p><p>{text}</p></div>'
        '<div class="consent-banner__buttons"><button class="consent-banner__button button--primary" '
        'type="button">Accept all</button><button class="consent-banner__button button--secondary" '
        'type="button">Reject all</button><button class="consent-banner__button" type="button">'
        "Manage preferences</button></div></div>\n"
    )


def _ad_slot(slot: tuple[str, str], page_id: str) -> str:
    name, sizes = slot
    return (
        f'<div class="ad-slot ad-slot--{name}" id="dfp-ad--{name}" data-name="{name}" '
        f'data-sizes="{sizes}" data-page="{page_id}" aria-hidden="true">'
        '<p class="ad-slot__label">Advertisement</p></div>\n'
    )


def _trending_bar(teasers: Sequence[Teaser]) -> str:
    items = "".join(
        f'<li class="trending-bar__item"><a href="{escape(teaser.url)}" data-link-name="trending : {n}">'
        f"{escape(teaser.title)}</a></li>"
        for n, teaser in enumerate(teasers, start=1)
    )
    return f'<div class="trending-bar" aria-label="Trending"><span>Trending</span><ul>{items}</ul></div>\n'


def _more_stories(teasers: Sequence[Teaser], rng: random.Random, page_id: str, save_icon: str) -> str:
    cards = []
    for n, teaser in enumerate(teasers, start=1):
        image = f"https://i.{_slug(teaser.url.split('/')[2])}.img/{_hash(rng)}"
        srcset = ", ".join(
            f"{image}/{width}.jpg?quality=85&amp;auto=format {width}w" for width in (320, 640, 980, 1300)
        )
        cards.append(
            f'<li class="teaser" data-position="{n}"><a class="teaser__link" href="{escape(teaser.url)}" '
            f'data-link-name="more-stories : {n} : {page_id}"><div class="teaser__media"><picture>'
            f'<source media="(min-width: 980px)" srcset="{srcset}" sizes="300px">'
            f'<img src="{image}/640.jpg" alt="" loading="lazy" width="640" height="384"></picture></div>'
            f'<div class="teaser__body"><span class="teaser__kicker">{escape(teaser.section)}</span>'
            f'<h3 class="teaser__headline">{escape(teaser.title)}</h3>'
            + (f'<p class="teaser__standfirst">{escape(teaser.summary)}</p>' if n <= STANDFIRSTS else "")
            + f'<span class="teaser__meta">{rng.randint(2, 14)} min read</span></div></a>'
            f'<button type="button" class="button teaser__save" data-link-name="save : {n}" '
            f'aria-label="Save this article">{save_icon}</button></li>'
        )
    return (
        '<section class="more-stories" aria-label="More stories" data-component="more-stories">'
        f'<h2>More stories</h2><ul class="grid">{"".join(cards)}</ul></section>\n'
    )


def _most_read(teasers: Sequence[Teaser]) -> str:
    items = "".join(
        f'<li class="most-read__item"><span class="most-read__number">{n}</span>'
        f'<a href="{escape(teaser.url)}" data-link-name="most-read : {n}">{escape(teaser.title)}</a></li>'
        for n, teaser in enumerate(teasers, start=1)
    )
    return (
        '<aside class="most-read" aria-label="Most read" data-component="most-read">'
        f"<h2>Most read</h2><ol>{items}</ol></aside>\n"
    )


def _newsletter_box(outlet_name: str, hostname: str) -> str:
    return (
        '<div class="newsletter-box" data-component="newsletter"><h2>Sign up to the '
        f"{escape(outlet_name)} morning briefing</h2><p>{escape(_NEWSLETTER)}</p>"
        f'<form class="newsletter-box__form" action="http://{hostname}/newsletters/subscribe" method="post">'
        '<label for="newsletter-email">Email address</label><input id="newsletter-email" type="email" '
        'name="email" required><button class="button button--primary" type="submit">Sign up</button></form>'
        f'<p class="newsletter-box__privacy">{escape(_NEWSLETTER_PRIVACY)}</p></div>\n'
    )


def _state_blob(
    hostname: str, section: str, page_id: str, teasers: Sequence[Teaser], heft: float, rng: random.Random
) -> str:
    """The JSON state a front-end framework embeds to hydrate the page: teasers, menus, ad and user config."""
    cards = [
        {
            "id": f"{rng.getrandbits(48):012x}",
            "url": teaser.url,
            "headline": teaser.title,
            "standfirst": teaser.summary,
            "section": teaser.section,
            "image": {
                "src": f"https://i.{_slug(hostname)}.img/{_hash(rng)}",
                "width": 1300,
                "height": 780,
                "caption": "",
                "credit": "Photograph: agency",
            },
            "tracking": {"component": "more-stories", "position": position, "ab": rng.choice("ABCD")},
        }
        for position, teaser in enumerate(teasers)
    ]
    state = {
        "props": {
            "pageProps": {
                "pageId": page_id,
                "section": section,
                "cards": cards,
                "ads": {
                    name: {"sizes": sizes.split(","), "lazy": n > 1}
                    for n, (name, sizes) in enumerate(_AD_SLOTS)
                },
                "experiments": {f"exp_{_hash(rng)[:8]}": rng.random() < 0.5 for _ in range(round(30 * heft))},
            }
        },
        "page": "/[section]/[slug]",
        "buildId": _hash(rng),
        "isFallback": False,
        "gssp": True,
        "scriptLoader": [],
    }
    return f'<script id="__NEXT_DATA__" type="application/json">{_script_json(state)}</script>\n'


# --- helpers ------------------------------------------------------------------------------------------


def _svg_icon(rng: random.Random, points: int | None = None) -> str:
    """An icon drawn with a path of `points` points (12 to 30 by default)."""
    path = " ".join(
        f"{rng.choice('MLCQ')}{rng.uniform(0, 24):.2f} {rng.uniform(0, 24):.2f}"
        for _ in range(points or rng.randint(12, 30))
    )
    return (
        '<svg class="icon" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        f'<path fill-rule="evenodd" d="{path}Z"></path></svg>'
    )


def _minified(rng: random.Random, statements: int) -> str:
    """Some minified-looking JavaScript: weight for the parser, no behaviour anyone relies on."""
    parts = []
    for _ in range(statements):
        a, b, c = rng.sample(string.ascii_letters, 3)
        word, other = rng.sample(_JS_WORDS, 2)
        parts.append(
            f"function {a}{rng.randint(0, 99)}({b},{c}){{var {a}=({b}||{{}}).{word},{c}2=[];"
            f"if(!{a})return void 0;for(var i=0;i<{a}.length;i++){c}2.push({a}[i].{other}"
            f"({b},'{_hash(rng)[:12]}',{rng.randint(0, 5000)}));return Promise.all({c}2).then(function(r){{"
            f"return r.filter(Boolean).map(function(x){{return x&&x.{word}?x.{word}({c}):x}})}})}}"
        )
    return ";".join(parts)


def _script_json(value: Any) -> str:
    # `</` would end the script element early; JSON allows `<\/`.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _ad_sizes(sizes: str) -> str:
    """'970x250,728x90' as googletag writes it: [[970,250],[728,90]]."""
    return json.dumps(
        [[int(side) for side in size.split("x")] for size in sizes.split(",")], separators=(",", ":")
    )


def _hash(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _slug(text: str) -> str:
    return _IDENTIFIER_RE.sub("-", text.lower()).strip("-")


# --- calibration against real pages -----------------------------------------------------------------


@dataclass(frozen=True)
class PageCosts:
    """Sizes (kB, 1 kB = 1,000 bytes) and trafilatura's time per page (ms) over a set of pages."""

    label: str
    pages: int
    size_kb: tuple[float, ...]
    extraction_ms: tuple[float, ...]

    def summary(self) -> str:
        """One line: the median, mean, 10th and 90th percentile of the sizes and the times."""
        return f"{self.label:<50} {self.pages:>4} pages   size kB {_spread(self.size_kb)}   ms {_spread(self.extraction_ms)}"


def measure_pages(sets: dict[str, Sequence[tuple[str, str]]], *, repeats: int = 3) -> list[PageCosts]:
    """Time `trafilatura.bare_extraction(html, url=url, with_metadata=True)` on each (html, url) of each
    set, in this process, one page after another (one core), after one untimed warm-up extraction.

    The sets are timed in turn `repeats` times over and each page keeps its fastest time, so a burst of
    load on a shared machine weighs on every set alike. Raises ValueError when a set is empty.
    """
    import trafilatura

    for label, pages in sets.items():
        if not pages:
            raise ValueError(f"no pages to measure for {label}")
    first_html, first_url = next(iter(sets.values()))[0]
    trafilatura.bare_extraction(first_html, url=first_url, with_metadata=True)
    best = {label: [float("inf")] * len(pages) for label, pages in sets.items()}
    for _ in range(max(1, repeats)):
        for label, pages in sets.items():
            for position, (html, url) in enumerate(pages):
                started = time.perf_counter()
                trafilatura.bare_extraction(html, url=url, with_metadata=True)
                elapsed = (time.perf_counter() - started) * 1000
                best[label][position] = min(best[label][position], elapsed)
    return [
        PageCosts(
            label,
            len(pages),
            tuple(len(html.encode("utf-8")) / 1000 for html, _ in pages),
            tuple(best[label]),
        )
        for label, pages in sets.items()
    ]


def read_real_pages(directory: Path) -> list[tuple[str, str]]:
    """Read every `.html`/`.htm`/`.html.gz` file under `directory` (sorted) as (html, url); the URL is a
    placeholder built from the file name. Files that do not decode as UTF-8 are read with replacements."""
    found = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or not path.name.endswith((".html", ".htm", ".html.gz")):
            continue
        raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
        found.append(
            (raw.decode("utf-8", errors="replace"), f"https://news.example/{path.name.split('.')[0]}")
        )
    return found


def _spread(values: Sequence[float]) -> str:
    deciles = statistics.quantiles(values, n=10) if len(values) > 1 else [values[0]] * 9
    return (
        f"median {statistics.median(values):6.1f} mean {statistics.mean(values):6.1f} "
        f"p10 {deciles[0]:6.1f} p90 {deciles[-1]:6.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the size and trafilatura time per page of corpus pages (plain and dressed) and of real pages."""
    parser = argparse.ArgumentParser(prog="python -m flows.benchmark.chrome", description=main.__doc__)
    parser.add_argument("--calibrate", action="store_true", help="measure (the only action there is)")
    parser.add_argument("--pages", type=int, default=200, help="corpus pages to measure (default 200)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument(
        "--repeats", type=int, default=3, help="time each page this many times, keep the fastest (default 3)"
    )
    parser.add_argument(
        "--real",
        type=Path,
        action="append",
        default=[],
        help="a folder of real pages (.html, .html.gz); repeatable",
    )
    args = parser.parse_args(argv)
    if not args.calibrate:
        parser.error("nothing to do: pass --calibrate")
    from flows.benchmark.corpus import generate_pages

    dressed = [(html.decode("utf-8"), page.url) for page, html in generate_pages(args.pages, seed=args.seed)]
    plain = [
        (html.decode("utf-8"), page.url)
        for page, html in generate_pages(args.pages, seed=args.seed, dressed=False)
    ]
    sets: dict[str, Sequence[tuple[str, str]]] = {
        f"corpus, plain (seed {args.seed})": plain,
        f"corpus, dressed (seed {args.seed})": dressed,
    }
    for directory in args.real:
        sets[f"real: {directory}"] = read_real_pages(directory)
    results = measure_pages(sets, repeats=args.repeats)
    for result in results:
        print(result.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

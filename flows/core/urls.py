"""URL identity: canonical URLs, source domains and the article ids derived from them."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import courlan


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an http(s) URL: lowercase host, default port, fragment and tracking
    parameters (utm_*, fbclid, ...) removed, remaining query parameters sorted.

    Raises ValueError naming the URL when it is not an absolute http(s) URL.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    # Non-strict mode keeps meaningful parameters (?id=123) and drops only tracking ones; fragments never
    # name another document, so they go too.
    return courlan.normalize_url(parts._replace(fragment=""), strict=False)


def source_domain(url: str) -> str:
    """Return the registered domain of a URL (``www.caspianwire.com`` -> ``caspianwire.com``).

    Falls back to the bare hostname where courlan cannot tell the registered domain (IP addresses).
    """
    domain = courlan.extract_domain(url)
    return domain or (urlsplit(url).hostname or "")


def article_id(canonical_url: str) -> str:
    """Return the stable article id of a canonical URL: the first 16 hex digits of its sha256."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]

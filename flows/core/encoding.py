"""Turn the bytes of an HTML response into text, whatever charset the server claimed or forgot."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the codec named by a Content-Type header's charset parameter, if Python knows it."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return _known_codec(value)
    return None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML body: a BOM first, then a declared charset that decodes cleanly (header, then
    `<meta charset>`), else charset detection. Never raises: undecodable bytes become U+FFFD.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    meta = _META_CHARSET.search(body[:4096])
    declared = [
        charset_from_content_type(content_type),
        _known_codec(meta.group(1).decode("ascii")) if meta else None,
    ]
    for declared_codec in declared:
        if declared_codec is None:
            continue
        try:
            return body.decode(declared_codec)
        except UnicodeDecodeError:
            continue  # a wrong declaration is common; fall through to detection
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body).best()
        if best is not None:
            return str(best)
        return body.decode("utf-8", errors="replace")

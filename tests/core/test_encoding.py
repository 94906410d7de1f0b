from flows.core.encoding import charset_from_content_type, decode_html

TEXT = (
    "<html><body><p>Ереван и Баку: переговоры о мире продолжаются, заявили в министерстве.</p></body></html>"
)


def test_declared_header_charset_is_used():
    assert decode_html(TEXT.encode("cp1251"), "text/html; charset=windows-1251") == TEXT


def test_meta_charset_is_used_when_the_header_has_none():
    html = '<meta charset="windows-1251">' + TEXT
    assert decode_html(html.encode("cp1251"), "text/html") == html


def test_a_wrong_declaration_falls_back_to_what_decodes():
    assert decode_html(TEXT.encode("utf-8"), "text/html; charset=ascii") == TEXT


def test_utf8_bom_wins():
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "text/html; charset=latin-1") == "<p>café</p>"


def test_unknown_charsets_are_ignored():
    assert charset_from_content_type("text/html; charset=no-such-codec") is None
    assert charset_from_content_type("text/html; charset=UTF-8") == "utf-8"


def test_undecodable_bytes_never_raise():
    assert isinstance(decode_html(bytes(range(256)) * 4, None), str)

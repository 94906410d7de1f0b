import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.core.urls import article_id, canonicalize_url, source_domain


def test_canonical_url_drops_tracking_parameters_fragment_and_default_port():
    url = "HTTP://WWW.CaspianWire.com:80/news/2023/09/20/blinken/?utm_source=rss&utm_medium=feed&fbclid=x#top"
    assert canonicalize_url(url) == "http://www.caspianwire.com/news/2023/09/20/blinken/"


def test_canonical_url_keeps_meaningful_query_parameters_sorted():
    assert canonicalize_url("https://news.com/a?b=2&a=1&gclid=z") == "https://news.com/a?a=1&b=2"


@pytest.mark.parametrize("bad", ["ftp://news.com/a", "/relative/path", "javascript:alert(1)", ""])
def test_canonical_url_rejects_what_is_not_an_http_url(bad):
    with pytest.raises(ValueError, match="not an absolute http"):
        canonicalize_url(bad)


def test_source_domain_is_the_registered_domain():
    assert source_domain("http://www.caspianwire.com/x") == "caspianwire.com"
    assert source_domain("http://blog.policyhorizons.net/2023/09/21/x/") == "policyhorizons.net"


def test_article_id_is_stable_and_short():
    assert article_id("http://www.caspianwire.com/a") == article_id("http://www.caspianwire.com/a")
    assert len(article_id("http://www.caspianwire.com/a")) == 16
    assert article_id("http://www.caspianwire.com/a") != article_id("http://www.caspianwire.com/b")


paths = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8), max_size=4
)
params = st.dictionaries(
    st.sampled_from(["id", "page", "q", "utm_source", "utm_campaign", "fbclid", "ref"]),
    st.text(alphabet="abc123", min_size=1, max_size=5),
    max_size=4,
)


@given(paths, params, st.sampled_from(["http", "https", "HTTP"]), st.booleans())
def test_canonicalization_is_idempotent_and_strips_tracking(path, query, scheme, upper_host):
    host = "WWW.DAILYMERIDIAN.COM" if upper_host else "www.dailymeridian.com"
    url = f"{scheme}://{host}/{'/'.join(path)}" + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )
    canonical = canonicalize_url(url)
    assert canonicalize_url(canonical) == canonical
    assert "utm_" not in canonical and "fbclid" not in canonical
    assert canonical.split("/")[2] == "www.dailymeridian.com"

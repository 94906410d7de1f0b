import base64

import pytest

from flows.adapters.http import Fetcher, FetchStatus
from flows.core.addresses import parse_ip_literal
from flows.settings import Settings
from tests.support.fault_server import serve_faults

HOST = "www.faultynews.com"


@pytest.fixture(scope="module")
def server():
    with serve_faults() as server:
        yield server


@pytest.fixture
def fetcher(server, tmp_path):
    settings = Settings(
        state_dir=tmp_path,
        host_overrides={HOST: server.address},
        allowed_networks=["127.0.0.0/8"],
        per_host_delay_s=0,
        backoff_base_s=0.01,
        read_timeout_s=1,
        connect_timeout_s=1,
        max_body_bytes=1_000_000,
        max_attempts=3,
    )
    with Fetcher(settings) as fetcher:
        yield fetcher


def url(path):
    return f"http://{HOST}{path}"


@pytest.mark.parametrize(
    ("path", "status", "http_status"),
    [
        ("/ok/1", FetchStatus.FETCHED, 200),
        ("/flaky", FetchStatus.FETCHED, 200),
        ("/throttled", FetchStatus.FETCHED, 200),
        ("/down", FetchStatus.RETRIES_EXHAUSTED, 500),
        ("/missing", FetchStatus.HTTP_ERROR, 404),
        ("/forbidden", FetchStatus.HTTP_ERROR, 403),
        ("/huge", FetchStatus.TOO_LARGE, 200),
        ("/bomb", FetchStatus.TOO_LARGE, 200),
        ("/pdf", FetchStatus.NOT_HTML, 200),
        ("/loop", FetchStatus.TOO_MANY_REDIRECTS, None),
        ("/private/page", FetchStatus.ROBOTS_DISALLOWED, None),
        ("/slow", FetchStatus.TIMEOUT, None),
        ("/reset", FetchStatus.CONNECTION_ERROR, None),
    ],
)
def test_every_fault_ends_in_its_terminal_status(fetcher, path, status, http_status):
    result = fetcher.fetch(url(path))
    assert result.status == status, result.error
    assert result.http_status == http_status


def test_a_redirect_into_private_space_is_refused(server, tmp_path):
    # Loopback (where the test host lives) is allowed, the rest of private space is not.
    settings = Settings(state_dir=tmp_path, host_overrides={HOST: server.address}, per_host_delay_s=0,
                        allowed_networks=["127.0.0.0/8"])  # fmt: skip
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(url("/to-private"))
    assert result.status == FetchStatus.ADDRESS_REFUSED
    assert "10.0.0.1" in result.error


def test_transient_errors_are_retried_and_counted(fetcher, server):
    result = fetcher.fetch(url("/down"))
    assert result.attempts == 3
    assert "HTTP 500" in result.error


def test_client_errors_are_not_retried(fetcher):
    assert fetcher.fetch(url("/missing")).attempts == 1


def test_redirects_record_the_final_url(fetcher):
    result = fetcher.fetch(url("/redirect"))
    assert result.status == FetchStatus.FETCHED
    assert result.final_url == url("/ok/final")


def test_charset_problems_still_give_text(fetcher):
    assert "café crème" in fetcher.fetch(url("/latin1-declared-utf8")).text
    assert "Ереван" in fetcher.fetch(url("/no-charset")).text


def test_conditional_get_gives_not_modified(fetcher):
    first = fetcher.fetch(url("/conditional"))
    again = fetcher.fetch(url("/conditional"), etag=first.headers["etag"])
    assert again.status == FetchStatus.NOT_MODIFIED


def test_loopback_is_refused_unless_allowed(server, tmp_path):
    settings = Settings(state_dir=tmp_path, host_overrides={HOST: server.address}, per_host_delay_s=0)
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(url("/ok/2"))
    assert result.status == FetchStatus.ADDRESS_REFUSED
    assert "127.0.0.1" in result.error


@pytest.mark.parametrize(
    "target", ["http://2130706433/", "http://0x7f.0.0.1/", "http://[::ffff:127.0.0.1]/", "file:///etc/passwd"]
)
def test_smuggled_addresses_and_schemes_are_refused_without_a_request(tmp_path, target):
    with Fetcher(Settings(state_dir=tmp_path)) as fetcher:
        assert fetcher.fetch(target).status == FetchStatus.ADDRESS_REFUSED


def test_the_user_agent_is_sent(fetcher, server):
    assert fetcher.session.headers["User-Agent"].startswith("newsdesk/")


@pytest.mark.parametrize(
    ("robots_status", "status"), [(503, FetchStatus.ROBOTS_UNAVAILABLE), (404, FetchStatus.FETCHED)]
)
def test_an_unreadable_robots_txt_skips_the_host_but_a_missing_one_allows_all(
    server, tmp_path, robots_status, status
):
    settings = Settings(state_dir=tmp_path, host_overrides={HOST: server.address}, per_host_delay_s=0,
                        allowed_networks=["127.0.0.0/8"], backoff_base_s=0.01)  # fmt: skip
    server.robots_status = robots_status
    try:
        with Fetcher(settings) as fetcher:
            results = [fetcher.fetch(url(path)) for path in ("/ok/robots-a", "/ok/robots-b")]
    finally:
        server.robots_status = 200
    assert [result.status for result in results] == [status, status]
    if status == FetchStatus.ROBOTS_UNAVAILABLE:
        assert "robots.txt unavailable after 3 attempts (HTTP 503)" in results[0].error


def test_the_environment_proxy_is_used(server, tmp_path, monkeypatch):
    # The fault server stands in for the operator's proxy: it sees the whole URL as the request path.
    monkeypatch.setenv("HTTP_PROXY", f"http://{server.address}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    settings = Settings(state_dir=tmp_path, per_host_delay_s=0, obey_robots=False)
    with Fetcher(settings, resolver=lambda host: [parse_ip_literal("93.184.216.34")]) as fetcher:
        fetcher.fetch("http://news.example.org/ok/proxied")
        fetcher.fetch("http://news.example.org/ok/proxied")
    assert server.hits["http://news.example.org/ok/proxied"] == 2


@pytest.mark.parametrize(
    ("no_proxy", "status"), [(HOST, FetchStatus.FETCHED), ("", FetchStatus.CONNECTION_ERROR)]
)
def test_no_proxy_bypasses_the_environment_proxy(server, tmp_path, monkeypatch, no_proxy, status):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there: a proxied request fails
    monkeypatch.setenv("NO_PROXY", no_proxy)
    settings = Settings(state_dir=tmp_path, host_overrides={HOST: server.address}, per_host_delay_s=0,
                        allowed_networks=["127.0.0.0/8"], backoff_base_s=0.01, obey_robots=False)  # fmt: skip
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(url("/ok/no-proxy")).status == status


def test_netrc_credentials_are_sent(server, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {HOST} login ann password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    settings = Settings(state_dir=tmp_path, host_overrides={HOST: server.address}, per_host_delay_s=0,
                        allowed_networks=["127.0.0.0/8"], obey_robots=False)  # fmt: skip
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(url("/ok/netrc")).status == FetchStatus.FETCHED
    assert server.last_authorization == "Basic " + base64.b64encode(b"ann:secret").decode()

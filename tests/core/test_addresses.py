import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.core.addresses import (
    AddressRefused,
    check_addresses,
    check_scheme,
    is_public_address,
    parse_ip_literal,
)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "2130706433",
        "0177.0.0.1",
        "0x7f.0.0.1",
        "127.1",
        "0x7f000001",
        "[::1]",
        "::ffff:127.0.0.1",
        "[::ffff:7f00:1]",
        "10.1.2.3",
        "192.168.0.1",
        "172.16.5.4",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "100.64.0.1",
        "fe80::1",
        "fc00::1",
        "240.0.0.1",
    ],
)
def test_non_public_addresses_in_every_spelling_are_refused(host):
    address = parse_ip_literal(host)
    assert address is not None, host
    assert not is_public_address(address)


@pytest.mark.parametrize("host", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses_pass(host):
    assert is_public_address(parse_ip_literal(host))


def test_hostnames_are_not_ip_literals():
    assert parse_ip_literal("www.caspianwire.com") is None
    assert parse_ip_literal("1.example") is None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://x.com/", "javascript:alert(1)", "ftp://x.com/a"]
)
def test_only_http_schemes_pass(url):
    with pytest.raises(AddressRefused, match="not http"):
        check_scheme(url)


def test_check_addresses_names_the_url_and_address_and_honours_the_allow_setting():
    loopback = [ipaddress.ip_address("127.0.0.1")]
    with pytest.raises(AddressRefused, match=r"http://x\.com/.*127\.0\.0\.1"):
        check_addresses("http://x.com/", loopback, allow_private_network=False)
    check_addresses("http://x.com/", loopback, allow_private_network=True)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_every_ipv4_integer_spelling_agrees_with_the_dotted_form(number):
    dotted = ipaddress.IPv4Address(number)
    assert parse_ip_literal(str(number)) == dotted
    assert parse_ip_literal(hex(number)) == dotted
    mapped = ipaddress.IPv6Address(f"::ffff:{dotted}")
    assert is_public_address(mapped) == is_public_address(dotted)


def test_allowed_networks_open_only_themselves():
    loopback = ipaddress.ip_network("127.0.0.0/8")
    check_addresses("http://x.com/", [ipaddress.ip_address("127.0.0.1")], allow_private_network=False,
                    allowed_networks=[loopback])  # fmt: skip
    with pytest.raises(AddressRefused, match=r"10\.0\.0\.1"):
        check_addresses("http://x.com/", [ipaddress.ip_address("10.0.0.1")], allow_private_network=False,
                        allowed_networks=[loopback])  # fmt: skip

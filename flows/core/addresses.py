"""Which URLs a crawler may request: scheme and address rules against server-side request forgery."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(ValueError):
    """A URL points at an address or scheme the crawler refuses; the message names the URL and why."""


def parse_ip_literal(host: str) -> IPAddress | None:
    """Return the IP address a host string spells, in any form browsers and libc accept, else None.

    Besides dotted quads this accepts the forms used to smuggle addresses past naive filters: a decimal
    integer (2130706433), octal (0177.0.0.1), hex (0x7f.0.0.1), short forms (127.1) and bracketed IPv6.
    """
    host = host.strip().strip("[]").rstrip(".")
    if not host:
        return None
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    if not all(part and (part.isdigit() or part.lower().startswith("0x")) for part in host.split(".")):
        return None
    try:
        # inet_aton implements the classic BSD parser: decimal, octal, hex and 1-4 part forms.
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def is_public_address(address: IPAddress) -> bool:
    """Tell whether an address is globally routable unicast (not loopback, private, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_loopback or address.is_link_local
    )


def check_scheme(url: str) -> str:
    """Return the URL's hostname when its scheme is http(s) and it has a host; raise AddressRefused otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise AddressRefused(f"{url}: scheme {parts.scheme or '(none)'!r} is not http(s)")
    if not parts.hostname:
        raise AddressRefused(f"{url}: no host")
    return parts.hostname


def check_addresses(
    url: str,
    addresses: list[IPAddress],
    *,
    allow_private_network: bool,
    allowed_networks: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network] = (),
) -> None:
    """Raise AddressRefused when any address the URL's host resolves to is not public, unless private
    addresses are allowed altogether or the address lies in one of `allowed_networks` (such as
    127.0.0.0/8 for a site served on loopback, while 10.0.0.0/8 stays refused).
    """
    if allow_private_network:
        return
    refused = [
        str(address)
        for address in addresses
        if not is_public_address(address) and not any(address in network for network in allowed_networks)
    ]
    if refused:
        raise AddressRefused(f"{url}: host resolves to non-public address {', '.join(refused)}")

"""The address participants use to reach `hoiku serve`, and the workshop's join link.

A server bound to every interface (``--host 0.0.0.0``) has no single address of its own;
the participants' phones need the machine's address on the venue network, found here with
no network traffic: ``connect`` on a UDP socket only picks the outgoing interface, it sends
nothing. ``--public-url`` overrides all of it (a reverse proxy, a name in the venue's DNS).
The kernels learn the result from ``hoiku_lib.ui.join`` (``$HOIKU_PUBLIC_URL``).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
#: Private addresses to "connect" a UDP socket to: the kernel chooses the interface that
#: routes there (no packet leaves the machine).
_PROBES = ("10.254.254.254", "172.16.254.254", "192.168.254.254")


def _usable(addr: str) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local)


def lan_address() -> str:
    """This machine's IPv4 address on the local network; 127.0.0.1 when it has none."""
    for probe in _PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            try:
                sock.connect((probe, 9))
                addr = str(sock.getsockname()[0])
            except OSError:
                continue
        if _usable(addr):
            return addr
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        addr = str(info[4][0])
        if _usable(addr):
            return addr
    return "127.0.0.1"


def base_url(host: str, port: int, public_url: str | None = None) -> str:
    """``http://address:port/`` for participants (``public_url`` if given, ending in /)."""
    if public_url:
        return public_url if public_url.endswith("/") else public_url + "/"
    if host in WILDCARD_HOSTS:
        host = lan_address()
    elif host == "localhost":
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def valid_public_url(value: str) -> bool:
    """An http(s) address with a host and no query or fragment (the link adds its own)."""
    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not (parts.query or parts.fragment)
    )

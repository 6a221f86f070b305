"""Who can open a link: students get the class link (never presenter mode), and a loopback address (localhost,
127.0.0.1) opens only on the computer that serves the app, so a class needs the machine's address on the network."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

PRESENTER = "present"  # presenter mode's query name (links.APP_SCHEMA's one field)
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
EVERY_INTERFACE = {"", "0.0.0.0", "::"}  # server.address values that listen on the network too


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer only (localhost, 127.x.x.x, ::1)."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def without_presenter(link: str) -> str:
    """The link with presenter mode taken out: what students open."""
    parts = urlsplit(link)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != PRESENTER]
    return urlunsplit(parts._replace(query=urlencode(query, safe=",;:")))


def on_host(link: str, host: str) -> str:
    """The link with its host replaced (the port kept)."""
    parts = urlsplit(link)
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{host}{port}"))


def listens_on_network(server_address: str) -> bool:
    """Whether a server started with this `server.address` can be reached from other computers."""
    return server_address in EVERY_INTERFACE or not is_loopback(server_address)


def network_address() -> Optional[str]:
    """This computer's address on its network (the one its default route uses), or None: no packet is sent."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # a UDP "connect" only picks the route
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) else address


@dataclass(frozen=True)
class ShareLinks:
    """What the Share panel offers: the class link (and its QR), the presenter's own link, and why students may not
    be able to open it."""

    class_link: str
    presenter_link: Optional[str]  # only in presenter mode: this view as the presenter sees it
    loopback: bool  # the page was opened on a loopback address
    network_host: Optional[str]  # the address put into the class link instead (the server listens on the network)


def share_links(link: str, server_address: str, network_host: Optional[str]) -> ShareLinks:
    """The links to offer for `link` (this view), given the server's listening address and this machine's address."""
    presenting = dict(parse_qsl(urlsplit(link).query)).get(PRESENTER) == "1"
    class_link = without_presenter(link)
    loopback = is_loopback(urlsplit(link).hostname or "")
    usable = network_host if loopback and network_host and listens_on_network(server_address) else None
    if usable:
        class_link = on_host(class_link, usable)
    return ShareLinks(class_link, link if presenting else None, loopback, usable)

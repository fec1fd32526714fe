"""Which address a request comes from, for the per-client throttles (sign-in, payment links).

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
connection comes from a proxy named in ``DOORSTEP_TRUSTED_PROXIES``; by default none is, and
the connecting address is the client. Otherwise any client could name a fresh address on each
request and never be throttled.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from starlette.requests import Request

UNKNOWN_CLIENT = "unknown"
# A forwarded address longer than any IPv6 literal with zone is not an address; kept short so a
# throttle key stays small whatever a proxy passes on.
_MAX_ADDRESS_LENGTH = 64


def _is_trusted(address: str, proxies: Sequence[IPv4Network | IPv6Network]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def resolve_client_address(
    peer: str | None, forwarded_for: Sequence[str], proxies: Sequence[IPv4Network | IPv6Network]
) -> str:
    """The client's address: ``peer`` (who connected) unless it is a trusted proxy; then the
    nearest address in ``forwarded_for`` that is not a trusted proxy, read from the right,
    since each proxy appends who connected to it and only the entries our proxies wrote can
    be believed."""
    if peer is None:
        return UNKNOWN_CLIENT
    if not _is_trusted(peer, proxies):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        client = hop[:_MAX_ADDRESS_LENGTH]
        if not _is_trusted(client, proxies):
            break
    return client


def client_address(request: Request) -> str:
    """The requesting client's address, with the app's trusted proxies (see the module)."""
    proxies = request.app.state.settings.trusted_proxies
    peer = request.client.host if request.client else None
    return resolve_client_address(peer, request.headers.getlist("x-forwarded-for"), proxies)

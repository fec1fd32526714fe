"""X-Forwarded-For is believed only from proxies named in DOORSTEP_TRUSTED_PROXIES (issue 9,
item 11): otherwise any client dodges the per-client throttles with a fresh header."""

from __future__ import annotations

from ipaddress import ip_network

import httpx
import pytest
from fastapi import FastAPI

from doorstep.core.client_address import resolve_client_address
from doorstep.core.settings import Settings
from tests.conftest import settings_for_tests

PROXIES = [ip_network("10.0.0.0/8"), ip_network("2001:db8::/32")]


def test_without_trusted_proxies_the_connecting_address_is_the_client() -> None:
    assert resolve_client_address("127.0.0.1", ["203.0.113.9"], []) == "127.0.0.1"
    assert resolve_client_address("10.1.2.3", ["203.0.113.9"], []) == "10.1.2.3"
    assert resolve_client_address(None, [], []) == "unknown"


def test_behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() -> None:
    assert resolve_client_address("10.0.0.2", ["203.0.113.9"], PROXIES) == "203.0.113.9"
    # A client's own X-Forwarded-For comes first; the address our proxy saw is appended last.
    assert (
        resolve_client_address("10.0.0.2", ["6.6.6.6, 203.0.113.9, 10.0.0.7"], PROXIES)
        == "203.0.113.9"
    )
    assert resolve_client_address("10.0.0.2", ["6.6.6.6", "203.0.113.9"], PROXIES) == "203.0.113.9"
    assert resolve_client_address("2001:db8::1", ["198.51.100.1"], PROXIES) == "198.51.100.1"
    # A connection from outside the proxies cannot name an address for itself.
    assert resolve_client_address("198.51.100.1", ["10.0.0.9"], PROXIES) == "198.51.100.1"
    # A trusted proxy that forwards nothing is itself the client.
    assert resolve_client_address("10.0.0.2", [], PROXIES) == "10.0.0.2"


def test_trusted_proxies_are_read_from_a_comma_separated_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().trusted_proxies == []
    monkeypatch.setenv("DOORSTEP_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.10 2001:db8::/32")
    assert [str(network) for network in Settings().trusted_proxies] == [
        "10.0.0.0/8",
        "192.168.1.10/32",
        "2001:db8::/32",
    ]


async def _throttled_after_spraying(app: FastAPI, peer: str) -> bool:
    """30 unknown accounts tried, each with a fresh X-Forwarded-For; is the 31st refused?"""
    transport = httpx.ASGITransport(app=app, client=(peer, 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for attempt in range(31):
            response = await client.post(
                "/api/v1/auth/staff/login",
                json={"email": f"spray-{attempt}@example.com", "password": "guess"},
                headers={"X-Forwarded-For": f"203.0.113.{attempt}"},
            )
    return response.status_code == 429


async def test_a_local_client_cannot_pick_its_address_with_a_header(app: FastAPI) -> None:
    assert await _throttled_after_spraying(app, "127.0.0.1")


async def test_a_trusted_proxy_passes_on_each_clients_own_address(app: FastAPI) -> None:
    app.state.settings = settings_for_tests(trusted_proxies="127.0.0.1")
    assert not await _throttled_after_spraying(app, "127.0.0.1")


def test_doorstep_api_leaves_forwarded_headers_to_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise: `doorstep api`
    (which `doorstep run` starts) tells it to believe only the configured proxies."""
    import uvicorn

    from doorstep import cli

    served: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(options))
    monkeypatch.setenv("DOORSTEP_API_WORKERS", "1")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    monkeypatch.setattr(cli, "get_settings", lambda: Settings())
    assert cli.main(["api"]) == 0
    monkeypatch.setattr(
        cli, "get_settings", lambda: Settings(trusted_proxies="10.0.0.0/8,192.168.1.10")
    )
    assert cli.main(["api"]) == 0

    untrusted, trusted = served
    assert untrusted["proxy_headers"] is False
    assert untrusted["forwarded_allow_ips"] == []
    assert trusted["proxy_headers"] is True
    assert trusted["forwarded_allow_ips"] == ["10.0.0.0/8", "192.168.1.10/32"]

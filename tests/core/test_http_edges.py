"""Health probes, the served front ends, request ids and what logs may contain."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import structlog
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.app import create_app
from doorstep.core.db import Database
from doorstep.core.settings import Settings
from tests.conftest import settings_for_tests
from tests.factories import PASSWORD, Factory


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "database": True,
        "redis": True,
        "schema_current": True,
    }


async def test_readiness_fails_when_redis_is_unreachable(engine: AsyncEngine) -> None:
    broken = Redis.from_url("redis://127.0.0.1:1/0")
    app = create_app(settings_for_tests(), database=Database(engine), redis=broken)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/readyz")
    await broken.aclose()
    assert response.status_code == 503
    assert response.json()["redis"] is False
    assert response.json()["database"] is True


@pytest.fixture
def built_front_end(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Portal</title>")
    (dist / "assets" / "app-1234.js").write_text("console.log('hi')")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (tmp_path / "secret.txt").write_text("outside the build")
    return dist


async def test_front_ends_are_served_with_spa_fallback(
    built_front_end: Path, engine: AsyncEngine, redis: Redis
) -> None:
    settings = settings_for_tests(portal_dist=built_front_end, agency_dist=built_front_end)
    app = create_app(settings, database=Database(engine), redis=redis)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        redirect = await client.get("/portal")
        route = await client.get("/portal/leases/123")
        asset = await client.get("/portal/assets/app-1234.js")
        worker = await client.get("/portal/sw.js")
        missing = await client.get("/agency/assets/nope.js")
        escape = await client.get("/portal/..%2Fsecret.txt")

    assert redirect.status_code == 307
    assert redirect.headers["location"] == "/portal/"
    assert route.status_code == 200
    assert "<title>Portal</title>" in route.text
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert worker.headers["cache-control"] == "no-cache"
    assert missing.status_code == 404
    assert "outside the build" not in escape.text


async def test_unbuilt_front_end_explains_itself(
    tmp_path: Path, engine: AsyncEngine, redis: Redis
) -> None:
    settings = settings_for_tests(portal_dist=tmp_path / "absent")
    app = create_app(settings, database=Database(engine), redis=redis)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/portal/")
    assert response.status_code == 503
    assert "npm run build" in response.text


async def test_request_ids_are_echoed_or_made_up(client: httpx.AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "abc-12345678"})
    assert given.headers["x-request-id"] == "abc-12345678"
    forged = await client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert forged.headers["x-request-id"] != "bad id\nwith newline"
    assert len(forged.headers["x-request-id"]) == 32


async def test_logs_carry_request_ids_but_never_secrets(
    client: httpx.AsyncClient, factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    from doorstep.core.logging import configure_logging

    configure_logging("INFO", json_output=True)
    user = await factory.staff(await factory.agency())
    login = await client.post(
        "/api/v1/auth/staff/login", json={"email": user.email, "password": PASSWORD}
    )
    tokens = login.json()
    await client.get(
        "/api/v1/me",
        headers={
            "Authorization": f"Bearer {tokens['access_token']}",
            "X-Request-ID": "req-1234567",
        },
    )
    await client.post("/api/v1/auth/staff/refresh", json={"refresh_token": tokens["refresh_token"]})
    configure_logging("WARNING")

    logged = capsys.readouterr().err
    assert '"request_id": "req-1234567"' in logged
    assert '"route": "/api/v1/me"' in logged
    for secret in (PASSWORD, tokens["access_token"], tokens["refresh_token"], user.email):
        assert secret not in logged


def test_the_api_connection_pool_is_shared_among_its_processes() -> None:
    assert Settings(api_workers=None, db_pool_size=None).pool_size == 10  # tools, tests
    assert Settings(api_workers=4, db_pool_size=None).pool_size == 2
    assert Settings(api_workers=64, db_pool_size=None).pool_size == 2
    assert Settings(api_workers=4, db_pool_size=7).pool_size == 7


async def test_an_unexpected_error_logs_the_route_not_the_token_in_its_path(
    app: FastAPI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from doorstep.core import errors
    from doorstep.core.logging import configure_logging
    from doorstep.payments.cards import router as card_router

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the gateway's library broke")

    monkeypatch.setattr(card_router, "_open_link", broken)
    token = "pay-link-token-" + "s3cr3t" * 4
    configure_logging("INFO", json_output=True)
    # A module's logger keeps the configuration of its first use (the app configures logging
    # once, before any): an earlier test's unhandled error left the console renderer in it.
    monkeypatch.setattr(errors, "log", structlog.get_logger(errors.__name__))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get(f"/api/v1/pay/{token}")
    configure_logging("WARNING")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    logged = capsys.readouterr().err
    assert '"event": "unhandled_error"' in logged
    assert '"route": "/api/v1/pay/{token}"' in logged
    assert "s3cr3t" not in logged

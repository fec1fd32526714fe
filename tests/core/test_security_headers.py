"""Browser security headers on every surface: the API, /docs, /agency/ and /portal/."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.app import create_app
from doorstep.core.db import Database
from tests.conftest import settings_for_tests
from tests.factories import Factory


def _directives(csp: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in csp.split(";"):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} twice in {csp}"
        parsed[name] = sources
    return parsed


def _assert_common(response: httpx.Response) -> dict[str, list[str]]:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    # Payment links carry their token in the path: no URL leaves as a Referer.
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in response.headers  # plain HTTP
    directives = _directives(response.headers["content-security-policy"])
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    return directives


@pytest.fixture
async def served(
    tmp_path: Path, engine: AsyncEngine, redis: Redis
) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>App</title>")
    settings = settings_for_tests(
        portal_dist=dist,
        agency_dist=dist,
        stripe_js_url="https://js.stripe.com/v3/",
        stripe_api_base=None,
    )
    app = create_app(settings, database=Database(engine), redis=redis)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
    await app.state.claims_db.dispose()


async def test_api_answers_load_nothing_and_cannot_be_framed(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    staff = await factory.staff(await factory.agency())
    for response in (
        await client.get("/api/v1/me", headers=await factory.headers(staff)),
        await client.get("/api/v1/me"),  # a problem document too
        await client.get("/healthz"),
        await client.get("/openapi.json"),
    ):
        directives = _assert_common(response)
        assert directives["default-src"] == ["'none'"]


async def test_the_agency_app_loads_only_its_own_files(served: httpx.AsyncClient) -> None:
    for path in ("/agency/", "/agency/invoices/123"):
        response = await served.get(path)
        assert response.status_code == 200
        directives = _assert_common(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["connect-src"] == ["'self'"]
        assert directives["frame-src"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["worker-src"] == ["'self'"]


async def test_the_portal_may_load_stripe_js_and_frame_stripe(served: httpx.AsyncClient) -> None:
    for path in ("/portal/", "/portal/pay/some-link-token-0123456789"):
        response = await served.get(path)
        assert response.status_code == 200
        directives = _assert_common(response)
        assert directives["script-src"] == ["'self'", "https://js.stripe.com"]
        assert "https://api.stripe.com" in directives["connect-src"]
        assert set(directives["frame-src"]) == {
            "https://js.stripe.com",
            "https://hooks.stripe.com",
        }
        assert directives["manifest-src"] == ["'self'"]  # the installable PWA
        assert directives["worker-src"] == ["'self'"]  # its service worker


async def test_the_portal_allows_the_local_stripe_stand_in(
    tmp_path: Path, engine: AsyncEngine, redis: Redis
) -> None:
    settings = settings_for_tests(
        portal_dist=tmp_path,
        stripe_js_url="http://127.0.0.1:45678/js.stripe.com/v3/",
        stripe_api_base="http://127.0.0.1:45678",
    )
    app = create_app(settings, database=Database(engine), redis=redis)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        directives = _assert_common(await client.get("/portal/"))
    assert directives["script-src"] == ["'self'", "http://127.0.0.1:45678"]
    assert directives["connect-src"] == ["'self'", "http://127.0.0.1:45678"]


async def test_the_docs_page_runs_exactly_its_own_script(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")

    assert response.status_code == 200
    directives = _assert_common(response)
    page = response.text
    inline = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert inline, "Swagger UI starts from an inline script"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    for url in re.findall(r'<script src="([^"]+)"', page):
        assert url.startswith(tuple(s + "/" for s in directives["script-src"]))
    for url in re.findall(r'rel="stylesheet" href="([^"]+)"', page):
        assert url.startswith(tuple(s + "/" for s in directives["style-src"]))
    assert directives["connect-src"] == ["'self'"]  # its document: /openapi.json
    assert "url: '/openapi.json'" in page


async def test_hsts_is_sent_over_https_only(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://test") as secure:
        response = await secure.get("/healthz")

    assert response.headers["strict-transport-security"] == "max-age=31536000"


async def test_a_downloaded_file_keeps_its_own_sandbox_policy(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    headers = await factory.headers(tenant)
    sent = await client.post(
        "/api/v1/portal/transfer-proofs",
        data={
            "lease_id": str(lease.id),
            "amount": "100",
            "paid_on": "2026-11-20",
            "reference": "R",
        },
        files={"file": ("p.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")},
        headers=headers,
    )
    assert sent.status_code == 201, sent.text

    file = await client.get(
        f"/api/v1/portal/transfer-proofs/{sent.json()['id']}/file", headers=headers
    )

    assert file.headers.get_list("content-security-policy") == ["default-src 'none'; sandbox"]
    assert file.headers["x-content-type-options"] == "nosniff"

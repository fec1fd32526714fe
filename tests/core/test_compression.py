"""Compressed responses: the front ends' precompressed files, and JSON gzipped above a size."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from doorstep.app import create_app
from doorstep.core.compression import (
    MINIMUM_COMPRESSED_BYTES,
    JsonCompressionMiddleware,
    accepts_encoding,
)
from doorstep.core.db import Database
from tests.conftest import settings_for_tests

SCRIPT = b"export const greeting = 'hello';\n" * 100
# Not real brotli: what matters is which file the server picks, and it must send it untouched.
BROTLI_STAND_IN = b"brotli copy of the script"
SCRIPT_GZIP = gzip.compress(SCRIPT, mtime=0)
SENT_FOR = {"br": BROTLI_STAND_IN, "gzip": SCRIPT_GZIP, None: SCRIPT}
INDEX = b"<!doctype html><title>Portal</title>" + b"<!-- padding -->" * 100


@pytest.fixture
def precompressed_build(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    assets = dist / "assets"
    assets.mkdir(parents=True)
    (dist / "index.html").write_bytes(INDEX)
    (dist / "index.html.gz").write_bytes(gzip.compress(INDEX))
    (assets / "app-1234.js").write_bytes(SCRIPT)
    (assets / "app-1234.js.br").write_bytes(BROTLI_STAND_IN)
    (assets / "app-1234.js.gz").write_bytes(SCRIPT_GZIP)
    (assets / "app-1234.js.map").write_text('{"version":3,"sources":["src/secret-logic.ts"]}')
    (assets / "logo-5678.png").write_bytes(b"\x89PNG not compressible")
    return dist


@pytest.fixture
async def front_end_client(
    precompressed_build: Path, engine: AsyncEngine, redis: Redis
) -> AsyncIterator[httpx.AsyncClient]:
    settings = settings_for_tests(portal_dist=precompressed_build, agency_dist=precompressed_build)
    app = create_app(settings, database=Database(engine), redis=redis)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def raw_get(client: httpx.AsyncClient, path: str, accept_encoding: str) -> httpx.Response:
    """The response with its body as sent (httpx would otherwise decode it)."""
    async with client.stream("GET", path, headers={"Accept-Encoding": accept_encoding}) as response:
        response._content = b"".join([chunk async for chunk in response.aiter_raw()])
    return response


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=1.0, gzip;q=0.8", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("", None),
        ("br;q=0, gzip;q=0", None),
    ],
)
async def test_assets_are_sent_precompressed_in_an_encoding_the_client_accepts(
    front_end_client: httpx.AsyncClient, accept_encoding: str, coding: str | None
) -> None:
    body = SENT_FOR[coding]
    response = await raw_get(front_end_client, "/portal/assets/app-1234.js", accept_encoding)

    assert response.status_code == 200
    assert response.headers.get("content-encoding") == coding
    assert response.content == body
    assert response.headers["content-length"] == str(len(body))
    # The type of the script, not of its compressed copy.
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_the_shell_of_a_client_side_route_is_precompressed_and_revalidated(
    front_end_client: httpx.AsyncClient,
) -> None:
    response = await raw_get(front_end_client, "/agency/tenants/42", "gzip, br")

    assert response.headers["content-encoding"] == "gzip"  # no .br copy of this one
    assert gzip.decompress(response.content) == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "no-cache"


async def test_a_file_without_compressed_copies_is_sent_as_it_is(
    front_end_client: httpx.AsyncClient,
) -> None:
    response = await raw_get(front_end_client, "/portal/assets/logo-5678.png", "gzip, br")

    assert "content-encoding" not in response.headers
    assert "vary" not in response.headers
    assert response.content == b"\x89PNG not compressible"


async def test_source_maps_are_never_served(front_end_client: httpx.AsyncClient) -> None:
    for path in ("/portal/assets/app-1234.js.map", "/agency/assets/app-1234.js.map"):
        response = await front_end_client.get(path)
        assert response.status_code == 404
        assert "secret-logic" not in response.text


async def test_large_json_is_gzipped_for_clients_that_accept_it(
    front_end_client: httpx.AsyncClient,
) -> None:
    compressed = await raw_get(front_end_client, "/openapi.json", "gzip, deflate")
    plain = await raw_get(front_end_client, "/openapi.json", "identity")

    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.headers["vary"] == "Accept-Encoding"
    assert compressed.headers["content-length"] == str(len(compressed.content))
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 4
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"] == "Accept-Encoding"
    assert json.loads(plain.content)["info"]["title"] == "Doorstep"


async def test_small_json_is_not_compressed(front_end_client: httpx.AsyncClient) -> None:
    response = await raw_get(front_end_client, "/healthz", "gzip")

    assert "content-encoding" not in response.headers
    assert json.loads(response.content) == {"status": "ok"}


LARGE = "x" * (MINIMUM_COMPRESSED_BYTES * 2)


async def _json(request: Request) -> Response:
    return JSONResponse({"text": LARGE})


async def _problem(request: Request) -> Response:
    return JSONResponse({"detail": LARGE}, media_type="application/problem+json")


async def _streamed_json(request: Request) -> Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        yield LARGE.encode()
        yield b'"}'

    return StreamingResponse(chunks(), media_type="application/json")


async def _pdf(request: Request) -> Response:
    return Response(b"%PDF-1.7 " + LARGE.encode(), media_type="application/pdf")


async def _already_encoded(request: Request) -> Response:
    body = gzip.compress(json.dumps({"text": LARGE}).encode())
    return Response(body, media_type="application/json", headers={"Content-Encoding": "gzip"})


@pytest.fixture
async def middleware_client() -> AsyncIterator[httpx.AsyncClient]:
    app = JsonCompressionMiddleware(
        Starlette(
            routes=[
                Route("/json", _json),
                Route("/problem", _problem),
                Route("/streamed", _streamed_json),
                Route("/pdf", _pdf),
                Route("/encoded", _already_encoded),
            ]
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.parametrize("path", ["/json", "/problem"])
async def test_the_middleware_gzips_whole_json_bodies(
    middleware_client: httpx.AsyncClient, path: str
) -> None:
    response = await raw_get(middleware_client, path, "gzip")

    assert response.headers["content-encoding"] == "gzip"
    assert LARGE in gzip.decompress(response.content).decode()


async def test_the_middleware_leaves_streams_other_types_and_encoded_bodies_alone(
    middleware_client: httpx.AsyncClient,
) -> None:
    streamed = await raw_get(middleware_client, "/streamed", "gzip")
    pdf = await raw_get(middleware_client, "/pdf", "gzip")
    encoded = await raw_get(middleware_client, "/encoded", "gzip")

    assert "content-encoding" not in streamed.headers
    assert json.loads(streamed.content) == {"text": LARGE}
    assert "content-encoding" not in pdf.headers
    assert pdf.content.startswith(b"%PDF-1.7")
    assert encoded.headers["content-encoding"] == "gzip"  # once, not twice
    assert json.loads(gzip.decompress(encoded.content)) == {"text": LARGE}


@pytest.mark.parametrize(
    ("header", "coding", "accepted"),
    [
        ("gzip, deflate, br", "br", True),
        ("GZIP", "gzip", True),
        ("gzip;q=0", "gzip", False),
        ("gzip; q=0.001", "gzip", True),
        ("*", "br", True),
        ("*;q=0", "gzip", False),
        ("*, br;q=0", "br", False),
        ("br;q=0, *", "br", False),
        ("gzip;q=bogus", "gzip", False),
        ("identity", "gzip", False),
        ("", "gzip", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(
    header: str, coding: str, accepted: bool
) -> None:
    assert accepts_encoding(header, coding) is accepted

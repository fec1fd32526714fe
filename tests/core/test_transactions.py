"""One transaction per request, committed before the response is sent."""

from __future__ import annotations

import httpx
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.app import create_app
from doorstep.core.db import Database
from doorstep.core.deps import SessionDep
from tests.conftest import settings_for_tests


async def test_a_commit_that_fails_gives_the_client_an_error_not_a_2xx(
    engine: AsyncEngine, redis: Redis
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS commit_probe"))
        await connection.execute(
            text(
                "CREATE TABLE commit_probe (value int, "
                "CONSTRAINT commit_probe_unique UNIQUE (value) DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    app = create_app(settings_for_tests(), database=Database(engine), redis=redis)

    @app.post("/probe")
    async def probe(session: SessionDep) -> dict[str, str]:
        # A deferred constraint is only checked at COMMIT, after the handler has returned.
        await session.execute(text("INSERT INTO commit_probe VALUES (1), (1)"))
        return {"status": "looks fine"}

    @app.post("/probe-ok")
    async def probe_ok(session: SessionDep) -> dict[str, str]:
        await session.execute(text("INSERT INTO commit_probe VALUES (2)"))
        return {"status": "stored"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        failed = await client.post("/probe")
        stored = await client.post("/probe-ok")

    assert failed.status_code == 409
    assert failed.headers["content-type"] == "application/problem+json"
    assert stored.status_code == 200
    async with engine.begin() as connection:
        values = (await connection.execute(text("SELECT value FROM commit_probe"))).scalars().all()
        await connection.execute(text("DROP TABLE commit_probe"))
    assert values == [2]

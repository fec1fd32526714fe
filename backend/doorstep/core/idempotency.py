"""``Idempotency-Key`` for every POST that moves money or sends a message.

The same key with the same request replays the first response; the same key with another
request is refused; a request arriving while one with its key is still running is refused
without side effects.

A key is held by a transaction-scoped advisory lock taken on the request's own transaction
before the work starts, and its record (fingerprint and response) is written in that same
transaction after the work. So the claim lives exactly as long as the request: it ends when
the request commits (the record is then there to replay), and when it rolls back, its commit
fails, or its process or connection dies (nothing is left behind). A retry that can take the
lock therefore knows the first request is over, whatever happened to it, and reads what it
left: a response to replay, or nothing, in which case it does the work itself.

A record is kept for ``RESPONSES_KEPT_FOR`` after its request (the request's instant, from the
app's clock), then the tick deletes it (``forget_old_responses``): a stored response names the
tenant and the money, and serves nothing but a retry. A key sent again after that is new work.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

import asyncpg
from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import (
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    cast,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.clock import Clock
from doorstep.core.db import (
    WAIT_BOUNDS_SQL,
    Base,
    IdMixin,
    fetch_rows,
    pending_wait_bounds,
    send_wait_bounds,
    table_of,
)
from doorstep.core.erasure import Needles, mentions
from doorstep.core.errors import Conflict, InvalidInput
from doorstep.core.ids import new_id
from doorstep.core.sequences import NumberLast, numbering_statement, take_number_last

Model = TypeVar("Model", bound=BaseModel)

# How long a request's response is kept to replay a retry: well past any client's retries
# (Stripe keeps its keys for 24 hours), and no longer, since it shows a person's payment.
RESPONSES_KEPT_FOR = timedelta(days=7)
# The most records one tick deletes: a backlog (a first run, or ticks that stopped for a while)
# is cleared over several ticks instead of in one long statement.
FORGET_BATCH = 10_000

KeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="Any unique string (a UUID is ideal). Retrying with the same key and body "
        "replays the first response instead of doing the work again.",
    ),
]


class IdempotencyRecord(IdMixin, Base):
    """One row per (scope, key), written with the work it records: the request's fingerprint
    and its response. ``claimed_at`` is the request's instant (the app's clock; the database's
    time for rows written before it was). (Rows without a response were left by an earlier
    version, which committed claims before the work.)"""

    __tablename__ = "idempotency_records"

    scope: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[Any | None] = mapped_column(JSONB)

    __table_args__ = (
        UniqueConstraint("scope", "key"),
        # The tick deletes the oldest (``forget_old_responses``).
        Index("ix_idempotency_records_claimed_at", "claimed_at"),
    )


class KeyReused(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Idempotency-Key", "This key was used for a different request; use a new key."
        )


class RequestInProgress(Conflict):
    slug = "request-in-progress"
    title = "A request with this Idempotency-Key is still being processed"


_records = table_of(IdempotencyRecord)
# Built once: every money write reads its key's record.
_RECORD = select(
    _records.c.request_hash, _records.c.response_status, _records.c.response_body
).where(_records.c.scope == bindparam("scope"), _records.c.key == bindparam("key"))
_HOLD = text("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
_BOUND_AND_HOLD = text(
    f"SELECT {WAIT_BOUNDS_SQL}, pg_try_advisory_xact_lock(hashtextextended(:lock, 0))"
)


def fingerprint(operation: str, payload: Any) -> str:
    canonical = json.dumps([operation, payload], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class LastNumber:
    """A number the work leaves to be taken last (``core.sequences.NumberLast``), and the
    response field that shows it: ``Idempotency.run`` takes it after everything else, in one
    statement with the idempotency record, so the counter stays locked only for that
    statement and the commit."""

    response_field: str
    pending: NumberLast | None = None


class Idempotency:
    def __init__(self, key: str | None, now: datetime) -> None:
        self.key = key
        # The request's instant: its record's ``claimed_at``.
        self.now = now

    async def run(
        self,
        session: AsyncSession,
        *,
        scope: str,
        operation: str,
        payload: Any,
        work: Callable[[], Awaitable[Model]],
        status_code: int = 200,
        last_number: LastNumber | None = None,
    ) -> Model | JSONResponse:
        """Do ``work`` once per key; a retry gets the stored response back.

        ``session`` is the request's transaction: the key is held for as long as it lasts,
        and the response is stored in it, so both end with the request's commit or rollback.
        A number the work left in ``last_number`` is taken as the transaction's last
        statement, with the record, and shown in the response.
        """
        if self.key is None:
            await send_wait_bounds(session)
            result = await work()
            if last_number is None or last_number.pending is None:
                return result
            number = await take_number_last(session, last_number.pending)
            return result.model_copy(update={last_number.response_field: number})
        request_hash = fingerprint(operation, payload)
        if not await self._hold(session, scope):
            # Another request with this key is alive (it holds the lock); if it has just
            # committed, its response is already readable.
            return self._replay(await self._record(session, scope), request_hash)
        # Held: any earlier request with this key has ended, and what it committed is visible
        # to this statement (read committed takes a fresh snapshot per statement).
        record = await self._record(session, scope)
        if record is not None and record["response_status"] is not None:
            return self._replay(record, request_hash)
        if record is not None and record["request_hash"] != request_hash:
            raise KeyReused()
        result = await work()
        body = result.model_dump(mode="json")
        if last_number is not None and last_number.pending is not None:
            number = await self._record_with_number(
                session, scope, request_hash, status_code, body, last_number
            )
            return result.model_copy(update={last_number.response_field: number})
        await session.execute(
            insert(IdempotencyRecord)
            .values(
                scope=scope,
                key=self.key,
                claimed_at=self.now,
                request_hash=request_hash,
                response_status=status_code,
                response_body=body,
            )
            # A record without a response was left by an earlier version that committed its
            # claims apart from the work; its request has ended (we hold the key), so it is
            # completed here.
            .on_conflict_do_update(
                index_elements=["scope", "key"],
                set_={
                    "claimed_at": self.now,
                    "response_status": status_code,
                    "response_body": body,
                },
            )
        )
        return result

    async def _record_with_number(
        self,
        session: AsyncSession,
        scope: str,
        request_hash: str,
        status_code: int,
        body: Any,
        last_number: LastNumber,
    ) -> int:
        """Take the number, put it in place and store the response showing it, in one
        statement (issue 10: the counter's row lock lasts only this statement and the
        commit)."""
        assert last_number.pending is not None
        sql, parameters = numbering_statement(last_number.pending)
        sql += (
            ", recorded AS (INSERT INTO idempotency_records "
            "(id, scope, key, claimed_at, request_hash, response_status, response_body) "
            "SELECT :record_id, :record_scope, :record_key, :record_claimed_at, :record_hash, "
            ":record_status, "
            "jsonb_set(CAST(:record_body AS jsonb), ARRAY[:record_field], "
            "to_jsonb(numbered.number)) FROM numbered "
            "ON CONFLICT (scope, key) DO UPDATE SET "
            "claimed_at = EXCLUDED.claimed_at, "
            "response_status = EXCLUDED.response_status, "
            "response_body = EXCLUDED.response_body) "
            "SELECT number FROM numbered"
        )
        number = await session.scalar(
            text(sql),
            parameters
            | {
                "record_id": new_id(),
                "record_scope": scope,
                "record_key": self.key,
                "record_claimed_at": self.now,
                "record_hash": request_hash,
                "record_status": status_code,
                "record_body": json.dumps(body),
                "record_field": last_number.response_field,
            },
        )
        assert number is not None
        return int(number)

    async def _hold(self, session: AsyncSession, scope: str) -> bool:
        """Take the key's lock for the rest of the request's transaction, without waiting
        (with the transaction's wait limits, when they are still to be sent: one round
        trip)."""
        parameters = {"lock": f"idempotency:{scope}:{self.key}"}
        bounds = pending_wait_bounds(session)
        if bounds is None:
            held = await session.scalar(_HOLD, parameters)
        else:
            held = (await session.execute(_BOUND_AND_HOLD, parameters | bounds)).one()[-1]
        return bool(held)

    async def _record(self, session: AsyncSession, scope: str) -> asyncpg.Record | None:
        """The key's record as the database has it now (a row: no ORM object to keep)."""
        rows = await fetch_rows(session, _RECORD, {"scope": scope, "key": self.key})
        return rows[0] if rows else None

    def _replay(self, record: asyncpg.Record | None, request_hash: str) -> JSONResponse:
        if record is None or record["response_status"] is None:
            raise RequestInProgress("The first request with this key has not finished yet.")
        if record["request_hash"] != request_hash:
            raise KeyReused()
        return JSONResponse(
            record["response_body"],
            status_code=record["response_status"],
            headers={"Idempotent-Replayed": "true"},
        )


class WriteTurns:
    """How many writes that take an ``Idempotency-Key`` one process runs at once; the rest
    wait for a turn (``get_idempotency``)."""

    def __init__(self, count: int) -> None:
        self._free = asyncio.Semaphore(count)
        # Set once a write has had to wait (what a test holding every turn waits for).
        self.someone_waited = asyncio.Event()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        if self._free.locked():
            self.someone_waited.set()
        await self._free.acquire()
        try:
            yield
        finally:
            self._free.release()


_WRITE_TURNS = "write_turns"


def write_turns(app_state: Any, pool_size: int) -> WriteTurns:
    """The process's turns: as many as its pool holds; the pool's overflow (as many again,
    ``core.db.create_engine``) is left to reads."""
    turns: WriteTurns | None = getattr(app_state, _WRITE_TURNS, None)
    if turns is None:
        turns = WriteTurns(pool_size)
        setattr(app_state, _WRITE_TURNS, turns)
    return turns


async def get_idempotency(request: Request, key: KeyHeader = None) -> AsyncIterator[Idempotency]:
    """The request's key, once the request has its turn (issue 10). Writes beyond the pool's
    size wait here, before they take a database connection (a route that declares this first
    signs its caller in after): a burst of payments on one trust account then neither holds
    every pooled connection while it queues nor fills the event loop, and tenants' reads keep
    their share of both. The turn is given back as the dependencies close: after the commit
    where the route declares it first, as ``record_payment`` does."""
    state = request.app.state
    clock: Clock = state.clock
    async with write_turns(state, state.settings.pool_size).turn():
        yield Idempotency(key, clock.now())


IdempotencyDep = Annotated[Idempotency, Depends(get_idempotency, scope="function")]


async def forget_responses(session: AsyncSession, scopes: Sequence[str], needles: Needles) -> None:
    """Seed 001, deleting a customer: stored responses that show the person (an invite, a
    payment naming its tenant) go. A record only serves replays of a retried request, so
    losing one costs nothing but that replay."""
    if not scopes:
        return
    await session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.scope.in_(scopes),
            mentions(cast(IdempotencyRecord.response_body, Text), needles),
        )
    )


async def forget_old_responses(session: AsyncSession, now: datetime) -> int:
    """Delete the records of requests made more than ``RESPONSES_KEPT_FOR`` before ``now``,
    at most ``FORGET_BATCH`` of them, oldest first. How many went."""
    oldest = (
        select(_records.c.id)
        .where(_records.c.claimed_at <= now - RESPONSES_KEPT_FOR)
        .order_by(_records.c.claimed_at)
        .limit(FORGET_BATCH)
    )
    result = await session.execute(
        delete(_records).where(_records.c.id.in_(oldest.scalar_subquery()))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

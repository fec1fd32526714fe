"""``Idempotency-Key`` for every POST that moves money or sends a message.

The same key with the same request replays the first response; the same key with another
request is refused; a request arriving while one with its key is still running is refused
without side effects. The key is claimed in its own committed transaction *before* the work
starts, which is what makes concurrent duplicates visible to each other; the stored response is
written in the request's own transaction, so it exists exactly when the work committed.

Claims use a small connection pool of their own: a request already holds a connection from the
main pool, and if claims drew from it too, a burst of requests could hold every connection
while each waits for one more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, String, UniqueConstraint, delete, func, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base, Database, IdMixin
from doorstep.core.errors import Conflict, InvalidInput

Model = TypeVar("Model", bound=BaseModel)

# A claim whose request died without releasing it (a crashed process) may be taken over after
# this long; gateway calls time out well before it.
ABANDONED_AFTER = timedelta(minutes=2)

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
    """One row per (scope, key): the first request's fingerprint and, once done, its response."""

    __tablename__ = "idempotency_records"

    scope: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[Any | None] = mapped_column(JSONB)

    __table_args__ = (UniqueConstraint("scope", "key"),)


class KeyReused(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "Idempotency-Key", "This key was used for a different request; use a new key."
        )


class RequestInProgress(Conflict):
    slug = "request-in-progress"
    title = "A request with this Idempotency-Key is still being processed"


def fingerprint(operation: str, payload: Any) -> str:
    canonical = json.dumps([operation, payload], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Idempotency:
    def __init__(self, database: Database, key: str | None) -> None:
        self.database = database
        self.key = key

    async def run(
        self,
        session: AsyncSession,
        *,
        scope: str,
        operation: str,
        payload: Any,
        work: Callable[[], Awaitable[Model]],
        status_code: int = 200,
    ) -> Model | JSONResponse:
        """Do ``work`` once per key; a retry gets the stored response back."""
        if self.key is None:
            return await work()
        request_hash = fingerprint(operation, payload)
        claimed = await self._claim(scope, request_hash)
        if not claimed:
            return await self._replay(scope, request_hash)
        try:
            result = await work()
        except BaseException:
            await self._release(scope)
            raise
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == self.key)
            .values(response_status=status_code, response_body=result.model_dump(mode="json"))
        )
        return result

    async def _claim(self, scope: str, request_hash: str) -> bool:
        async with self.database.transaction() as claim:
            inserted = await claim.scalar(
                insert(IdempotencyRecord)
                .values(scope=scope, key=self.key, request_hash=request_hash)
                .on_conflict_do_nothing(index_elements=["scope", "key"])
                .returning(IdempotencyRecord.id)
            )
            if inserted is not None:
                return True
            # An abandoned claim (its request never finished) for the same request is taken over.
            taken_over = await claim.scalar(
                update(IdempotencyRecord)
                .where(
                    IdempotencyRecord.scope == scope,
                    IdempotencyRecord.key == self.key,
                    IdempotencyRecord.request_hash == request_hash,
                    IdempotencyRecord.response_status.is_(None),
                    IdempotencyRecord.claimed_at < func.now() - ABANDONED_AFTER,
                )
                .values(claimed_at=func.now())
                .returning(IdempotencyRecord.id)
            )
            return taken_over is not None

    async def _replay(self, scope: str, request_hash: str) -> JSONResponse:
        async with self.database.transaction() as read:
            record = await read.scalar(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.scope == scope, IdempotencyRecord.key == self.key
                )
            )
        if record is None:  # released between our claim attempt and this read: retry later
            raise RequestInProgress("Retry in a moment.")
        if record.request_hash != request_hash:
            raise KeyReused()
        if record.response_status is None:
            raise RequestInProgress("The first request with this key has not finished yet.")
        return JSONResponse(
            record.response_body,
            status_code=record.response_status,
            headers={"Idempotent-Replayed": "true"},
        )

    async def _release(self, scope: str) -> None:
        async with self.database.transaction() as release:
            await release.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.scope == scope,
                    IdempotencyRecord.key == self.key,
                    IdempotencyRecord.response_status.is_(None),
                )
            )


def get_idempotency(request: Request, key: KeyHeader = None) -> Idempotency:
    return Idempotency(request.app.state.claims_db, key)


IdempotencyDep = Annotated[Idempotency, Depends(get_idempotency)]

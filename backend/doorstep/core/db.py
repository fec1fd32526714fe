"""Database engine, sessions and the declarative base.

One transaction per request and per job: the caller that opens a session commits it; services
only ``flush()``. Every transaction opened here enqueues the worker jobs it asked for once it
has committed (``core.jobs``), whoever opened it: a request's side steps, a tick, a job.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from doorstep.core.ids import new_id
from doorstep.core.jobs import send_committed_jobs

if TYPE_CHECKING:
    from arq.connections import ArqRedis

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)


class CreatedAtMixin:
    """Row bookkeeping time. Set by the database; business timestamps come from the clock."""

    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


def create_engine(database_url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
    )


class Database:
    """An engine and its sessions, with the job queue committed transactions enqueue to
    (``None``: nowhere to send jobs; the tick does their work a little later)."""

    def __init__(self, engine: AsyncEngine, *, job_queue: ArqRedis | None = None) -> None:
        self.engine = engine
        self.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        self.job_queue = job_queue

    @classmethod
    def from_url(
        cls, database_url: str, *, pool_size: int = 10, job_queue: ArqRedis | None = None
    ) -> Database:
        return cls(create_engine(database_url, pool_size=pool_size), job_queue=job_queue)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits when the block ends and rolls back on error;
        once it has committed, the jobs asked for in it are enqueued."""
        async with self.sessionmaker() as session:
            async with session.begin():
                yield session
            await send_committed_jobs(session, self.job_queue)

    async def dispose(self) -> None:
        await self.engine.dispose()

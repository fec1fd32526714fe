"""Database engine, sessions and the declarative base.

One transaction per request and per job: the caller that opens a session commits it; services
only ``flush()``.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData, Table, event, func
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from doorstep.core.ids import new_id

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


def table_of(model: type[Base]) -> Table:
    """The Core table of a model. Hot reads select its columns: rows, not ORM objects."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def create_engine(database_url: str, *, pool_size: int = 10) -> AsyncEngine:
    engine = create_async_engine(database_url, pool_size=pool_size, max_overflow=pool_size)
    event.listen(engine.sync_engine, "checkout", drop_closed_connection)
    return engine


def drop_closed_connection(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Hand out no connection the server has closed while it sat in the pool (a restart, an
    idle time-out): the pool replaces it. asyncpg notices the closed socket by itself, so this
    costs no round trip, unlike SQLAlchemy's ``pool_pre_ping``, which sends three (BEGIN, a
    ping, ROLLBACK) before every request's own statements."""
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


class Database:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, database_url: str, *, pool_size: int = 10) -> Database:
        return cls(create_engine(database_url, pool_size=pool_size))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits when the block ends and rolls back on error."""
        async with self.sessionmaker() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()

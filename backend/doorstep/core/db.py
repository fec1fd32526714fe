"""Database engine, sessions and the declarative base.

One transaction per request and per job: the caller that opens a session commits it; services
only ``flush()``. Every transaction opened here enqueues the worker jobs it asked for once it
has committed (``core.jobs``), whoever opened it: a request's side steps, a tick, a job.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import asyncpg
from sqlalchemy import DateTime, MetaData, Table, event, func, text
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import greenlet_spawn

from doorstep.core.errors import AppError
from doorstep.core.ids import new_id
from doorstep.core.jobs import send_committed_jobs
from doorstep.core.pool import FirstComePool

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


def table_of(model: type[Base]) -> Table:
    """The Core table of a model. Hot reads select its columns: rows, not ORM objects."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def create_engine(database_url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An engine that opens up to twice ``pool_size`` connections, on demand, and keeps each
    one it opened: an overflow connection that SQLAlchemy closes when it is returned must be
    opened again (a login, a server process, every statement prepared anew) by the next busy
    moment, which under a steady load of many clients is most requests' moment. Connections
    go to those waiting for one in the order they asked (``core.pool``)."""
    engine = create_async_engine(
        database_url, poolclass=FirstComePool, pool_size=2 * pool_size, max_overflow=0
    )
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


class DatabaseConnectionLost(AppError):
    status_code = 503
    slug = "database-connection-lost"
    title = "The database connection was lost"

    def __init__(self) -> None:
        super().__init__("Please retry in a moment.", headers={"Retry-After": "1"})


class DatabaseBusy(AppError):
    """A write waited longer than it may for a lock (or ran past its time-out) because many
    others are queued on the same rows: the client is told to retry, never given a 500."""

    status_code = 503
    slug = "busy"
    title = "Too many changes at once"

    def __init__(self) -> None:
        super().__init__(
            "Many changes are being recorded at this moment. Please retry in a moment.",
            headers={"Retry-After": "1"},
        )


# PostgreSQL's codes for a lock not obtained within lock_timeout and a statement cancelled by
# statement_timeout.
LOCK_NOT_AVAILABLE = "55P03"
QUERY_CANCELED = "57014"


def waited_too_long(error: BaseException) -> bool:
    """Whether ``error`` is a wait that ``bound_waits`` cut short."""
    return getattr(getattr(error, "orig", None), "sqlstate", None) in (
        LOCK_NOT_AVAILABLE,
        QUERY_CANCELED,
    )


async def bound_waits(
    session: AsyncSession, *, lock_timeout_ms: int, statement_timeout_ms: int
) -> None:
    """Limit how long this transaction waits for a row lock and runs a statement (issue 10:
    writes queued on one row answer 503 with Retry-After, ``DatabaseBusy``, instead of
    holding a pool connection until the pool times out and the client gets a 500)."""
    await session.execute(
        text(
            "SELECT set_config('lock_timeout', :lock, true), "
            "set_config('statement_timeout', :statement, true)"
        ),
        {"lock": f"{int(lock_timeout_ms)}ms", "statement": f"{int(statement_timeout_ms)}ms"},
    )


_WAIT_BOUNDS = "doorstep.wait_bounds"
# The select-list items that set ``bound_waits``' limits, for a statement that sends them with
# its own work (``pending_wait_bounds``).
WAIT_BOUNDS_SQL = (
    "set_config('lock_timeout', :wait_lock, true), "
    "set_config('statement_timeout', :wait_statement, true)"
)


def bound_waits_later(
    session: AsyncSession, *, lock_timeout_ms: int, statement_timeout_ms: int
) -> None:
    """``bound_waits`` sent with the transaction's next statement that asks for them
    (``pending_wait_bounds``, e.g. the idempotency key's lock) instead of in a round trip of
    their own; ``send_wait_bounds`` sends them alone."""
    session.info[_WAIT_BOUNDS] = {
        "wait_lock": f"{int(lock_timeout_ms)}ms",
        "wait_statement": f"{int(statement_timeout_ms)}ms",
    }


def pending_wait_bounds(session: AsyncSession) -> dict[str, str] | None:
    """The parameters of ``WAIT_BOUNDS_SQL`` asked for with ``bound_waits_later`` and not
    sent yet (the caller sends them now), or None."""
    bounds: dict[str, str] | None = session.info.pop(_WAIT_BOUNDS, None)
    return bounds


async def send_wait_bounds(session: AsyncSession) -> None:
    """Send the limits asked for with ``bound_waits_later``, if no statement has yet."""
    bounds = pending_wait_bounds(session)
    if bounds is not None:
        await session.execute(text(f"SELECT {WAIT_BOUNDS_SQL}"), bounds)


@dataclass(frozen=True, slots=True)
class _CompiledRead:
    statement: ClauseElement  # kept, so the id it is filed under stays its own
    sql: str
    names: tuple[str, ...]  # the positional parameters, in order
    constants: dict[str, Any]  # values the statement carries itself
    locks: bool  # FOR UPDATE / FOR SHARE: its row locks last as long as a transaction


_compiled_reads: dict[int, _CompiledRead] = {}
_BEGIN = text("SELECT 1")


def _compile_read(statement: ClauseElement, dialect: Dialect) -> _CompiledRead:
    known = _compiled_reads.get(id(statement))
    if known is None or known.statement is not statement:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        constants = {
            name: bind.value
            for name, bind in compiled.binds.items()
            if not bind.required and not bind.expanding
        }
        assert "POSTCOMPILE" not in compiled.string, "expanding IN: use = ANY(array) instead"
        known = _CompiledRead(
            statement,
            compiled.string,
            tuple(compiled.positiontup or ()),
            constants,
            getattr(statement, "_for_update_arg", None) is not None,
        )
        _compiled_reads[id(statement)] = known
    return known


# The connection a request session's reads hold before the session has a transaction of its
# own (``request_session``), kept in ``session.info``.
_READ_CONNECTION = "doorstep.db.read_connection"
_REQUEST_SESSION = "doorstep.db.request_session"


def open_request_session(database: Database) -> AsyncSession:
    """A request's session (``end_request_session`` ends it): one transaction, committed at
    the end (rolled back on error), after which the jobs it asked for are enqueued.

    Nothing is opened before it is used. Reads through ``fetch_rows`` before any statement
    through SQLAlchemy take a pooled connection for the rest of the request and bind the
    session to it, without a transaction: a request that only reads that way sends no BEGIN or
    COMMIT and costs no ORM transaction bookkeeping. The first statement through SQLAlchemy
    (or a job asked for) begins the session's transaction, on that same connection when there
    is one, and the end then commits it, so a failing commit raises out of the end."""
    session = database.sessionmaker()
    session.info[_REQUEST_SESSION] = True
    return session


async def end_request_session(
    session: AsyncSession, job_queue: ArqRedis | None, error: BaseException | None
) -> None:
    """Commit the session of ``open_request_session`` and enqueue its jobs, or roll it back
    when the request failed with ``error``; in both cases give its connection back."""
    try:
        if error is not None:
            if session.in_transaction():
                await session.rollback()
            return
        if session.in_transaction():
            await session.commit()
        await send_committed_jobs(session, job_queue)
    finally:
        try:
            if session.sync_session.identity_map or session.in_transaction():
                await session.close()
        finally:
            held: tuple[AsyncConnection, asyncpg.Connection] | None = session.info.pop(
                _READ_CONNECTION, None
            )
            if held is not None:
                await held[0].close()


@asynccontextmanager
async def request_session(
    database: Database, job_queue: ArqRedis | None
) -> AsyncIterator[AsyncSession]:
    """``open_request_session`` and ``end_request_session`` around a block."""
    session = open_request_session(database)
    try:
        yield session
    except BaseException as error:
        await end_request_session(session, job_queue, error)
        raise
    await end_request_session(session, job_queue, None)


def _checkout(engine: Engine) -> tuple[Connection, asyncpg.Connection]:
    """A pooled connection and its driver connection, in one hop into SQLAlchemy's greenlet."""
    connection = engine.connect()
    return connection, connection.connection.driver_connection


async def _read_driver(session: AsyncSession) -> tuple[Dialect, asyncpg.Connection]:
    """The connection ``fetch_rows`` reads on: the session's own when it has a transaction
    (the request's writes are then seen) or was made without ``request_session``; else the
    one the request's reads hold, taken from the pool on the first read and bound to the
    session for whatever the request does next."""
    held: tuple[AsyncConnection, asyncpg.Connection] | None = session.info.get(_READ_CONNECTION)
    if held is not None:
        return held[0].dialect, held[1]
    bind = session.bind
    if (
        session.info.get(_REQUEST_SESSION) is not True
        or session.in_transaction()
        or not isinstance(bind, AsyncEngine)
    ):
        connection = await session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        return connection.dialect, driver
    sync_connection, driver = await greenlet_spawn(_checkout, bind.sync_engine)
    connection = AsyncConnection(bind, sync_connection)
    session.info[_READ_CONNECTION] = (connection, driver)
    # Statements through SQLAlchemy now begin the session's transaction on this connection:
    # one connection per request, as before.
    session.bind = connection
    return connection.dialect, driver


async def fetch_rows(
    session: AsyncSession, statement: ClauseElement, params: dict[str, Any]
) -> list[asyncpg.Record]:
    """Rows of a read built once (a module-level or cached statement), sent straight through
    the driver on the session's connection, as SQLAlchemy compiled it once.

    Hot reads go this way: SQLAlchemy's execution around the driver (parameter and result
    processing, the cursor adapter, greenlet switches) cost more than the statement itself.
    Values come back as the driver gives them (text for enum columns, Records for rows). A
    request that only reads this way sends no BEGIN or COMMIT: each read sees the data
    committed when it starts, as every statement of a READ COMMITTED transaction does. A locking
    read (``FOR UPDATE``) begins the transaction first, so its locks last until the commit."""
    dialect, driver = await _read_driver(session)
    read = _compile_read(statement, dialect)
    if read.locks and not driver.is_in_transaction():
        # Outside a transaction a row lock would end with its statement. SQLAlchemy sends
        # the driver's BEGIN with the session's first statement through it, so one goes first.
        await session.execute(_BEGIN)
        dialect, driver = await _read_driver(session)
    values = read.constants | params
    try:
        rows: list[asyncpg.Record] = await driver.fetch(
            read.sql, *[values[name] for name in read.names]
        )
        return rows
    except (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError) as exc:
        raise DatabaseConnectionLost() from exc
    except asyncpg.PostgresError as exc:
        # Past SQLAlchemy, a wait that ``bound_waits`` cut short is not seen by the app's
        # handler of database errors: it is the same 503, not a 500.
        if exc.sqlstate in (LOCK_NOT_AVAILABLE, QUERY_CANCELED):
            raise DatabaseBusy() from exc
        raise


async def fetch_flushed_rows(
    session: AsyncSession, statement: ClauseElement, params: dict[str, Any]
) -> list[asyncpg.Record]:
    """``fetch_rows`` as the session's transaction sees it: what the session holds unwritten
    (objects added or changed in it) is flushed first, as an ORM select's autoflush would."""
    await session.flush()
    return await fetch_rows(session, statement, params)

"""One transaction per request, committed before the response is sent."""

from __future__ import annotations

import httpx
from redis.asyncio import Redis
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from doorstep.app import create_app
from doorstep.core.db import Database, bound_waits, fetch_rows
from doorstep.core.deps import SessionDep
from tests.conftest import settings_for_tests


async def test_a_commit_that_fails_gives_the_client_an_error_not_a_2xx(
    engine: AsyncEngine, redis: Redis
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS commit_probe"))
        await connection.execute(
            text(
                "CREATE TABLE commit_probe (value int, "
                "CONSTRAINT commit_probe_unique UNIQUE (value) DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    app = create_app(settings_for_tests(), database=Database(engine), redis=redis)

    @app.post("/probe")
    async def probe(session: SessionDep) -> dict[str, str]:
        # A deferred constraint is only checked at COMMIT, after the handler has returned.
        await session.execute(text("INSERT INTO commit_probe VALUES (1), (1)"))
        return {"status": "looks fine"}

    @app.post("/probe-ok")
    async def probe_ok(session: SessionDep) -> dict[str, str]:
        await session.execute(text("INSERT INTO commit_probe VALUES (2)"))
        return {"status": "stored"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        failed = await client.post("/probe")
        stored = await client.post("/probe-ok")

    assert failed.status_code == 409
    assert failed.headers["content-type"] == "application/problem+json"
    assert stored.status_code == 200
    async with engine.begin() as connection:
        values = (await connection.execute(text("SELECT value FROM commit_probe"))).scalars().all()
        await connection.execute(text("DROP TABLE commit_probe"))
    assert values == [2]


async def test_a_pooled_connection_that_was_closed_is_replaced_not_handed_out(
    database_url: str,
) -> None:
    # What the server closing an idle connection (a restart, an idle time-out) looks like to
    # the pool: asyncpg reports it closed. Closing it from our side makes that deterministic.
    database = Database.from_url(database_url, pool_size=1)
    try:
        async with database.engine.connect() as connection:
            first = await connection.scalar(text("SELECT pg_backend_pid()"))
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
        assert driver is not None
        driver.terminate()  # back in the pool, and now dead

        async with database.engine.connect() as connection:
            second = await connection.scalar(text("SELECT pg_backend_pid()"))
        assert second != first
    finally:
        await database.dispose()


async def test_a_connection_lost_under_a_request_is_a_503_to_retry(
    database_url: str, redis: Redis
) -> None:
    database = Database.from_url(database_url, pool_size=1)
    app = create_app(settings_for_tests(), database=database, redis=redis)

    @app.get("/probe")
    async def probe(session: SessionDep) -> dict[str, str]:
        # The server ends this very connection, as a restart would.
        await session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return {"status": "unreachable"}

    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            lost = await client.get("/probe")
            after = await client.get("/readyz")
    finally:
        await database.dispose()
    assert lost.status_code == 503
    assert lost.headers["retry-after"] == "1"
    assert lost.json()["type"].endswith("database-connection-lost")
    assert after.status_code == 200


# A read sent straight through the driver (``fetch_rows``), slower than the time-out below.
_SLOW_READ = select(func.pg_sleep(1.0))


async def test_a_read_past_sqlalchemy_cut_short_by_the_statement_time_out_is_a_503_to_retry(
    engine: AsyncEngine, redis: Redis
) -> None:
    """Money writes read some rows through the driver itself; a statement time-out there is
    the same 503 ``busy`` as on any other statement of the write, never a 500."""
    app = create_app(settings_for_tests(), database=Database(engine), redis=redis)

    @app.post("/probe")
    async def probe(session: SessionDep) -> dict[str, str]:
        await bound_waits(session, lock_timeout_ms=50, statement_timeout_ms=50)
        await fetch_rows(session, _SLOW_READ, {})
        return {"status": "read"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/probe")

    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith(":busy")
    assert int(response.headers["retry-after"]) >= 1


_BACKEND_PID = select(func.pg_backend_pid().label("pid"))
_TRANSACTION_START = select(func.now().label("started"))


async def test_a_request_that_only_reads_through_the_driver_opens_no_transaction(
    database_url: str, redis: Redis
) -> None:
    database = Database.from_url(database_url, pool_size=1)
    app = create_app(settings_for_tests(), database=database, redis=redis)

    @app.get("/probe")
    async def probe(session: SessionDep) -> dict[str, bool]:
        first = (await fetch_rows(session, _TRANSACTION_START, {}))[0]
        second = (await fetch_rows(session, _TRANSACTION_START, {}))[0]
        # Outside a transaction each statement is its own: now() moves with it.
        return {
            "same_pid": (await fetch_rows(session, _BACKEND_PID, {}))[0]["pid"]
            == (await fetch_rows(session, _BACKEND_PID, {}))[0]["pid"],
            "autocommitted": first["started"] != second["started"],
            "in_transaction": session.in_transaction(),
        }

    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = [(await client.get("/probe")).json() for _ in range(3)]
        checked_out = database.engine.pool.checkedout()  # type: ignore[attr-defined]
    finally:
        await database.dispose()
        await app.state.claims_db.dispose()
    assert answers == [{"same_pid": True, "autocommitted": True, "in_transaction": False}] * 3
    assert checked_out == 0  # every request gave its connection back


async def test_a_request_that_reads_through_the_driver_then_writes_uses_one_connection(
    database_url: str, engine: AsyncEngine, redis: Redis
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS read_then_write_probe"))
        await connection.execute(text("CREATE TABLE read_then_write_probe (pid int)"))
    # One connection in the pool and none beyond: a second checkout would wait and time out.
    database = Database(
        create_async_engine(database_url, pool_size=1, max_overflow=0, pool_timeout=2)
    )
    app = create_app(settings_for_tests(), database=database, redis=redis)

    @app.post("/probe")
    async def probe(session: SessionDep, fail: bool = False) -> dict[str, int]:
        pid = (await fetch_rows(session, _BACKEND_PID, {}))[0]["pid"]
        await session.execute(text("INSERT INTO read_then_write_probe VALUES (:pid)"), {"pid": pid})
        # Read through the driver again: the request's own write is seen, in its transaction.
        seen = await fetch_rows(
            session, select(func.count().label("n")).select_from(text("read_then_write_probe")), {}
        )
        if fail:
            raise ValueError("handler failed")
        return {"pid": pid, "seen": seen[0]["n"]}

    try:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            stored = await client.post("/probe")
            failed = await client.post("/probe", params={"fail": "true"})
        checked_out = database.engine.pool.checkedout()  # type: ignore[attr-defined]
    finally:
        await database.dispose()
        await app.state.claims_db.dispose()
    async with engine.begin() as connection:
        pids = (await connection.execute(text("SELECT pid FROM read_then_write_probe"))).all()
        await connection.execute(text("DROP TABLE read_then_write_probe"))
    assert stored.status_code == 200, stored.text
    assert stored.json()["seen"] == 1
    assert failed.status_code == 500
    assert [row.pid for row in pids] == [stored.json()["pid"]]  # the failed one rolled back
    assert checked_out == 0


async def test_a_locking_read_through_the_driver_holds_its_lock_until_the_commit(
    database_url: str, engine: AsyncEngine, redis: Redis
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS locking_read_probe"))
        await connection.execute(text("CREATE TABLE locking_read_probe (id int PRIMARY KEY)"))
        await connection.execute(text("INSERT INTO locking_read_probe VALUES (1)"))
    locking_read = select(text("id")).select_from(text("locking_read_probe")).with_for_update()
    database = Database.from_url(database_url, pool_size=2)
    app = create_app(settings_for_tests(), database=database, redis=redis)

    async def locked_elsewhere() -> bool:
        async with engine.connect() as other:
            try:
                await other.execute(text("SELECT id FROM locking_read_probe FOR UPDATE NOWAIT"))
            except DBAPIError:
                return True
            finally:
                await other.rollback()
            return False

    @app.post("/probe")
    async def probe(session: SessionDep) -> dict[str, bool]:
        # The request's first statement: nothing has begun its transaction yet.
        await fetch_rows(session, locking_read, {})
        return {"locked": await locked_elsewhere()}

    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            in_a_request = (await client.post("/probe")).json()
        async with database.transaction() as session:
            await fetch_rows(session, locking_read, {})
            in_a_job = await locked_elsewhere()
        after = await locked_elsewhere()
    finally:
        await database.dispose()
        await app.state.claims_db.dispose()
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE locking_read_probe"))
    assert in_a_request == {"locked": True}
    assert in_a_job is True
    assert after is False  # released with the commit

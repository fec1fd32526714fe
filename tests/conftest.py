"""Test fixtures: a real PostgreSQL database migrated once per run, real Redis.

Most tests run inside a transaction that is rolled back at the end and shared with the app
through the session dependency. Tests about concurrency use ``committed_database`` instead,
which commits for real and empties the tables afterwards.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from doorstep.app import create_app
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.deps import get_session
from doorstep.core.migrations import upgrade_to_head
from doorstep.core.settings import Environment, Settings
from doorstep.models import metadata
from tests.factories import Factory

ADMIN_DSN = os.environ.get(
    "DOORSTEP_TEST_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
TEST_DB = f"doorstep_test_{os.getpid()}"


def url_of_database(name: str) -> str:
    """The SQLAlchemy URL of database ``name`` on the admin DSN's server; the query is kept
    (``?host=<socket dir>&user=`` for a server on a Unix socket, as ``doorstep with-services``
    gives for the embedded one)."""
    admin = urlsplit(ADMIN_DSN)
    query = f"?{admin.query}" if admin.query else ""
    return f"postgresql+asyncpg://{admin.netloc}/{name}{query}"


TEST_DATABASE_URL = url_of_database(TEST_DB)
# Test runs flush their Redis database; spread concurrent runs over databases 1-13 (0 is for
# development, 14 for the end-to-end suite). `doorstep with-services` chooses the same way.
TEST_REDIS_URL = os.environ.get(
    "DOORSTEP_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{1 + os.getpid() % 13}"
)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def settings_for_tests(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": Environment.TEST,
        "database_url": TEST_DATABASE_URL,
        "redis_url": TEST_REDIS_URL,
        # Random, so tests may run the app as production, which refuses a guessable key.
        "secret_key": "7Ey2hQm_Vq9cLr4TzK0sWbN8fJd3XaPu6GiHo1MkRvYn5eSxUl",
        # Likewise a data key of its own (production refuses the development one). Files are
        # sealed with the process's keys (`core.encryption.keyring`), the development ones here.
        "data_keys": "test:N2lFa3RDcE5zVnFXd2hUeTBrM1JmWmJYdUxhRDhtR2M=",
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    async def recreate(drop_only: bool = False) -> None:
        connection = await asyncpg.connect(ADMIN_DSN)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)')
            if not drop_only:
                await connection.execute(f'CREATE DATABASE "{TEST_DB}"')
        finally:
            await connection.close()

    asyncio.run(recreate())
    upgrade_to_head(TEST_DATABASE_URL)
    yield TEST_DATABASE_URL
    asyncio.run(recreate(drop_only=True))


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, pool_size=20, max_overflow=20)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(TEST_REDIS_URL)
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session inside the test's transaction; its commits become savepoints."""
    session = AsyncSession(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    yield session
    await session.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def app(
    engine: AsyncEngine, session: AsyncSession, redis: Redis, clock: FixedClock
) -> AsyncIterator[FastAPI]:
    await redis.flushdb()
    app = create_app(settings_for_tests(), clock=clock, database=Database(engine), redis=redis)

    async def shared_session() -> AsyncIterator[AsyncSession]:
        # Like the real dependency, a request's work is all-or-nothing: a savepoint stands in
        # for the transaction so a failed request leaves the test's data as it was.
        async with session.begin_nested():
            yield session

    app.dependency_overrides[get_session] = shared_session
    yield app
    await app.state.claims_db.dispose()


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def factory(session: AsyncSession, app: FastAPI, clock: FixedClock) -> Factory:
    return Factory(session, app.state.access_tokens, clock)


@pytest.fixture
async def committed_database(engine: AsyncEngine) -> AsyncIterator[Database]:
    """A database whose transactions really commit (concurrency tests); emptied afterwards."""
    database = Database(engine)
    yield database
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} CASCADE"))


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"

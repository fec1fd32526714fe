"""doorstep.devstack.services against real servers: env URLs, loopback, embedded."""

from __future__ import annotations

import contextlib
import json
import secrets
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
import redis
import redis.asyncio
from arq.connections import RedisSettings, create_pool
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from doorstep.devstack import services
from doorstep.devstack.services import (
    ResolvedService,
    ServiceError,
    asyncpg_dsn,
    probe_postgres,
    probe_redis,
    redact_url,
    resolve_database_url,
    resolve_redis_url,
)
from tests.devstack.devstack_helpers import (
    answers,
    child_env,
    pid_alive,
    run_async,
    spawned,
    wait_dead,
)

pytestmark = pytest.mark.filterwarnings("error")


def _postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().splitlines()[0])


def _socket_path(url: str) -> Path:
    return Path(url.removeprefix("unix://").split("?", 1)[0])


# --------------------------------------------------------------------------------- pure helpers


def test_redact_url_hides_only_the_password() -> None:
    assert redact_url("postgresql+asyncpg://app:s3cret@db:5432/doorstep") == (
        "postgresql+asyncpg://app:***@db:5432/doorstep"
    )
    assert redact_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_asyncpg_dsn_drops_the_driver() -> None:
    assert asyncpg_dsn("postgresql+asyncpg://postgres@/doorstep?host=/x") == (
        "postgresql://postgres@/doorstep?host=/x"
    )


def test_probe_variable_must_be_host_port(data_dir: Path) -> None:
    with pytest.raises(ServiceError, match="DOORSTEP_PROBE_REDIS"):
        resolve_redis_url({"DOORSTEP_PROBE_REDIS": "localhost"}, data_dir=data_dir)


def test_long_data_dir_moves_the_redis_socket_to_a_short_temp_dir(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    sock, tmp = services._socket_location(deep)
    try:
        assert tmp is not None
        assert sock.parent == tmp
        assert len(str(sock)) < 108
    finally:
        if tmp is not None:
            tmp.rmdir()


# ------------------------------------------------------------------------------ (a) from env


def test_env_urls_are_used_as_given_and_nothing_is_started(data_dir: Path) -> None:
    env = {
        "DOORSTEP_DATABASE_URL": "postgresql+asyncpg://app:pw@db.internal:5432/doorstep",
        "DOORSTEP_REDIS_URL": "redis://cache.internal:6379/2",
    }
    with (
        resolve_database_url(env, data_dir=data_dir) as db,
        resolve_redis_url(env, data_dir=data_dir) as cache,
    ):
        assert (db.source, db.url) == ("env", env["DOORSTEP_DATABASE_URL"])
        assert "pw" not in db.description
        assert (cache.source, cache.url) == ("env", env["DOORSTEP_REDIS_URL"])
    assert not data_dir.exists()


# -------------------------------------------------------------------------------- (b) loopback


@pytest.fixture
def loopback_postgres() -> tuple[str, int]:
    if not answers("127.0.0.1", 5432):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 (CI starts one)")
    return ("127.0.0.1", 5432)


@pytest.fixture
def loopback_redis() -> tuple[str, int]:
    if not answers("127.0.0.1", 6379):
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    return ("127.0.0.1", 6379)


@pytest.fixture
def scratch_database(loopback_postgres: tuple[str, int]) -> Iterator[str]:
    """A database name nobody uses; dropped afterwards."""
    name = f"doorstep_devstack_{secrets.token_hex(4)}"
    yield name
    host, port = loopback_postgres
    subprocess.run([sys.executable, "-c", _DROP_DB, host, str(port), name], check=True, timeout=30)


_DROP_DB = textwrap.dedent(
    """
    import asyncio, sys, asyncpg
    async def main(host, port, name):
        conn = await asyncpg.connect(
            host=host, port=int(port), user="postgres", database="postgres"
        )
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
    asyncio.run(main(*sys.argv[1:]))
    """
)


async def _current_database(url: str) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return str(await conn.fetchval("SELECT current_database()"))
    finally:
        await conn.close()


async def _arq_ping(url: str) -> bool:
    pool = await create_pool(RedisSettings.from_dsn(url))
    try:
        return bool(await pool.ping())
    finally:
        await pool.aclose()


def test_loopback_postgres_is_used_and_the_database_created(
    scratch_database: str, data_dir: Path
) -> None:
    resolved = resolve_database_url({}, database=scratch_database, data_dir=data_dir)
    assert resolved.source == "loopback"
    assert resolved.url == f"postgresql+asyncpg://postgres@127.0.0.1:5432/{scratch_database}"
    assert run_async(_current_database(resolved.url)) == scratch_database
    # Asking again finds the database already there.
    again = resolve_database_url({}, database=scratch_database, data_dir=data_dir)
    assert again.url == resolved.url
    assert not data_dir.exists()


def test_loopback_redis_is_used(loopback_redis: tuple[str, int], data_dir: Path) -> None:
    resolved = resolve_redis_url({}, data_dir=data_dir)
    assert (resolved.source, resolved.url) == ("loopback", "redis://127.0.0.1:6379/0")
    assert run_async(_arq_ping(resolved.url))
    assert not data_dir.exists()


def test_probe_postgres_tells_a_non_postgres_listener_apart(unused_port: int) -> None:
    # A TCP server that accepts and hangs up at once: "something answers" but is no PostgreSQL.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        reason = probe_postgres("127.0.0.1", port, timeout=1.0)
        assert reason is not None
        assert reason != "nothing answers"
    finally:
        listener.close()
        thread.join(timeout=2)
    assert probe_postgres("127.0.0.1", unused_port) == "nothing answers"
    assert probe_redis("127.0.0.1", unused_port) is False


# -------------------------------------------------------------------------------- (c) embedded


async def _embedded_postgres_checks(url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        assert await conn.fetchval("SELECT 1") == 1
        assert await conn.fetchval("SELECT current_database()") == "doorstep"
        assert str(await conn.fetchval("SHOW server_version")).startswith("16.")
    finally:
        await conn.close()
    # The URL works as-is for SQLAlchemy (what the API and alembic use).
    engine = create_async_engine(url)
    try:
        async with engine.connect() as sa_conn:
            result = await sa_conn.execute(text("SELECT current_database()"))
            assert result.scalar_one() == "doorstep"
    finally:
        await engine.dispose()


@pytest.mark.slow
def test_embedded_postgres_when_nothing_answers(unused_port: int, data_dir: Path) -> None:
    env = {"DOORSTEP_PROBE_POSTGRES": f"127.0.0.1:{unused_port}"}
    with resolve_database_url(env, data_dir=data_dir, log=lambda _: None) as db:
        assert db.source == "embedded"
        pgdata = data_dir / "pgdata"
        assert db.url.startswith("postgresql+asyncpg://postgres@/doorstep?host=")
        pid = _postmaster_pid(pgdata)
        assert (data_dir / ".gitignore").read_text().splitlines()[-1] == "*"
        run_async(_embedded_postgres_checks(db.url))

        # From another process, as the API and worker children will.
        child = subprocess.run(
            [sys.executable, "-c", _CHILD_SELECT, asyncpg_dsn(db.url)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert child.returncode == 0, child.stderr
        assert child.stdout.strip() == "1"
        assert pid_alive(pid), "the server must outlive a client process"

    assert not db.running
    assert wait_dead(pid), "stop() must stop the embedded server"
    assert not (pgdata / "postmaster.pid").exists()


_CHILD_SELECT = textwrap.dedent(
    """
    import asyncio, sys, asyncpg
    async def main(dsn):
        conn = await asyncpg.connect(dsn)
        print(await conn.fetchval("SELECT 1"))
        await conn.close()
    asyncio.run(main(sys.argv[1]))
    """
)


async def _embedded_redis_checks(url: str, sock: Path) -> None:
    aclient = redis.asyncio.Redis.from_url(url)
    try:
        assert await aclient.ping()
    finally:
        await aclient.aclose()
    settings = RedisSettings.from_dsn(url)
    assert settings.unix_socket_path == str(sock)
    pool = await create_pool(settings)
    try:
        assert await pool.ping()
        job = await pool.enqueue_job("noop", _job_id="devstack-test")
        assert job is not None
    finally:
        await pool.aclose()


@pytest.mark.slow
def test_embedded_redis_when_nothing_answers(unused_port: int, data_dir: Path) -> None:
    env = {"DOORSTEP_PROBE_REDIS": f"127.0.0.1:{unused_port}"}
    with resolve_redis_url(env, data_dir=data_dir, log=lambda _: None) as cache:
        assert cache.source == "embedded"
        assert cache.url.startswith("unix:///")
        sock = _socket_path(cache.url)
        assert sock.is_socket()
        pid = int((data_dir / "redis" / "redis-server.pid").read_text().split()[0])

        client = redis.Redis.from_url(cache.url)
        try:
            assert client.ping()
            info: dict[str, object] = client.info("server")  # type: ignore[assignment]
            assert str(info["redis_version"]).startswith("6.2")
        finally:
            client.close()
        run_async(_embedded_redis_checks(cache.url, sock))

    assert wait_dead(pid)
    assert not sock.exists()


def test_probe_off_goes_straight_to_embedded(
    data_dir: Path, loopback_redis: tuple[str, int]
) -> None:
    with resolve_redis_url({}, probe="off", data_dir=data_dir, log=lambda _: None) as cache:
        assert cache.source == "embedded"


# ----------------------------------------------------------------------- holders that go away

_HOLDER = textwrap.dedent(
    """
    import json, signal, sys, time
    from pathlib import Path
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that atexit cleanup runs
    from doorstep.devstack.services import resolve_database_url, resolve_redis_url
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    env = {"DOORSTEP_PROBE_POSTGRES": "off", "DOORSTEP_PROBE_REDIS": "off"}
    db = resolve_database_url(env, data_dir=data_dir, log=lambda _: None)
    cache = resolve_redis_url(env, data_dir=data_dir, log=lambda _: None)
    print(json.dumps({"db": db.url, "redis": cache.url}), flush=True)
    if mode == "hold":
        time.sleep(120)
    # mode == "exit": leave without stop(); atexit hooks must clean up
    """
)


@contextlib.contextmanager
def _holder(data_dir: Path, mode: str) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """A separate process holding embedded servers; its first output line is their URLs."""
    with spawned([sys.executable, "-c", _HOLDER, str(data_dir), mode], child_env()) as (
        proc,
        output,
    ):
        assert output.wait_for("{", timeout=60), output.text
        urls: dict[str, str] = json.loads(output.text.splitlines()[0])
        yield proc, urls


@pytest.mark.slow
def test_embedded_servers_stop_when_the_holder_exits_without_stop(data_dir: Path) -> None:
    with _holder(data_dir, "exit") as (proc, urls):
        pg_pid = _postmaster_pid(data_dir / "pgdata")
        redis_pid = int((data_dir / "redis" / "redis-server.pid").read_text().split()[0])
        assert proc.wait(timeout=60) == 0
    assert wait_dead(pg_pid)
    assert wait_dead(redis_pid)
    assert not _socket_path(urls["redis"]).exists()


@pytest.mark.slow
def test_servers_left_by_a_killed_holder_are_reclaimed(data_dir: Path) -> None:
    with _holder(data_dir, "hold") as (proc, _):
        pg_pid = _postmaster_pid(data_dir / "pgdata")
        redis_pid = int((data_dir / "redis" / "redis-server.pid").read_text().split()[0])
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    # SIGKILL runs no cleanup: both servers are still up, the holder's pid still registered.
    orphans_alive = pid_alive(pg_pid) and pid_alive(redis_pid)
    holder_registered = proc.pid in json.loads(
        (data_dir / "pgdata" / ".handle_pids.json").read_text()
    )

    # Resolving again reclaims both (and is also this test's cleanup, hence before asserting).
    env = {"DOORSTEP_PROBE_POSTGRES": "off", "DOORSTEP_PROBE_REDIS": "off"}
    messages: list[str] = []
    db = resolve_database_url(env, data_dir=data_dir, log=messages.append)
    try:
        cache = resolve_redis_url(env, data_dir=data_dir, log=messages.append)
        cache.stop()
        reused = _postmaster_pid(data_dir / "pgdata") == pg_pid
    finally:
        db.stop()
    assert orphans_alive
    assert holder_registered
    assert reused, "the running server is reused"
    assert wait_dead(redis_pid), "the orphaned redis-server is replaced"
    assert any("stale holders" in m for m in messages)
    assert any("leftover" in m for m in messages)
    # Without pruning the dead holder, pgserver would leave the server running forever.
    assert wait_dead(pg_pid)


def test_resolved_service_stop_is_idempotent() -> None:
    calls: list[int] = []
    service = ResolvedService("redis", "unix:///x", "embedded", "x", lambda: calls.append(1))
    service.stop()
    service.stop()
    assert calls == [1]


@pytest.mark.slow
def test_two_handles_in_one_process_share_the_embedded_postgres(data_dir: Path) -> None:
    def quiet(_: str) -> None:
        pass

    first = resolve_database_url({}, probe="off", data_dir=data_dir, log=quiet)
    pid = _postmaster_pid(data_dir / "pgdata")
    second = resolve_database_url({}, probe="off", data_dir=data_dir, log=quiet)
    try:
        assert second.url == first.url
        first.stop()
        assert pid_alive(pid), "the other handle still holds the server"
        assert run_async(_current_database(second.url)) == "doorstep"
    finally:
        first.stop()
        second.stop()
    assert wait_dead(pid)


@pytest.mark.slow
def test_embedded_redis_in_use_by_a_live_process_is_not_taken_over(data_dir: Path) -> None:
    with _holder(data_dir, "hold") as (proc, urls):
        with pytest.raises(ServiceError, match=f"in use by process {proc.pid}"):
            resolve_redis_url({}, probe="off", data_dir=data_dir, log=lambda _: None)
        client = redis.Redis.from_url(urls["redis"])
        try:
            assert client.ping(), "the holder's Redis must still be up"
        finally:
            client.close()

"""`doorstep with-services -- COMMAND`: the command runs with the services' URLs exported."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from doorstep.devstack.with_services import main, postgres_server_dsn, redis_database_url


def test_postgres_server_dsn_for_tcp_and_for_a_socket() -> None:
    assert (
        postgres_server_dsn("postgresql+asyncpg://postgres@127.0.0.1:5432/doorstep")
        == "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    # A user without a host is refused by JavaScript's URL parser: it moves into the query.
    assert (
        postgres_server_dsn("postgresql+asyncpg://postgres@/doorstep?host=/data/pg%20data")
        == "postgresql:///postgres?host=/data/pg%20data&user=postgres"
    )


def test_redis_database_url_for_tcp_and_for_a_socket() -> None:
    assert redis_database_url("redis://127.0.0.1:6379/0", 14) == "redis://127.0.0.1:6379/14"
    assert redis_database_url("unix:///run/r.sock", 3) == "unix:///run/r.sock?db=3"
    assert redis_database_url("unix:///run/r.sock?db=3", 14) == "unix:///run/r.sock?db=14"


def _report(exit_code: int) -> list[str]:
    code = f"""
        import os, sys
        for name in sorted(os.environ):
            if name.startswith(("DOORSTEP_TEST_", "DOORSTEP_E2E_")):
                print(name + "=" + os.environ[name])
        sys.exit({exit_code})
    """
    return ["--", sys.executable, "-c", textwrap.dedent(code)]


def test_configured_test_services_are_used_as_given_and_the_exit_status_kept(
    capfd: pytest.CaptureFixture[str],
) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DOORSTEP_TEST_ADMIN_DSN": "postgresql://postgres@db.example:5432/postgres",
        "DOORSTEP_TEST_REDIS_URL": "redis://cache.example:6380/41",
    }
    assert main(_report(3), env=env) == 3
    out = capfd.readouterr().out
    assert "DOORSTEP_TEST_ADMIN_DSN=postgresql://postgres@db.example:5432/postgres" in out
    assert "DOORSTEP_TEST_REDIS_URL=redis://cache.example:6380/41" in out
    assert "DOORSTEP_E2E_POSTGRES_URL=postgresql://postgres@db.example:5432/postgres" in out
    assert "DOORSTEP_E2E_REDIS_URL=redis://cache.example:6380/14" in out


@pytest.mark.slow
def test_with_nothing_on_loopback_embedded_servers_serve_the_command(tmp_path: Path) -> None:
    # The command connects the way the tests do: asyncpg to the admin DSN, redis-py to the URL.
    check = """
        import asyncio, os, asyncpg, redis
        async def main():
            connection = await asyncpg.connect(os.environ["DOORSTEP_TEST_ADMIN_DSN"])
            assert await connection.fetchval("SELECT current_database()") == "postgres"
            await connection.close()
        asyncio.run(main())
        for name in ("DOORSTEP_TEST_REDIS_URL", "DOORSTEP_E2E_REDIS_URL"):
            assert redis.Redis.from_url(os.environ[name]).ping()
    """
    env = {
        "PATH": os.environ["PATH"],
        "DOORSTEP_DATA_DIR": str(tmp_path),
        "DOORSTEP_PROBE_POSTGRES": "off",
        "DOORSTEP_PROBE_REDIS": "off",
    }
    assert main(["--", sys.executable, "-c", textwrap.dedent(check)], env=env) == 0
    assert (tmp_path / "test" / "pgdata" / "PG_VERSION").exists()

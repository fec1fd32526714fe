"""The ``doorstep`` command, run as a user would run it."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.db import Database
from doorstep.core.settings import Settings
from doorstep.tenants.models import Tenant
from tests.live import service_env


async def doorstep(*args: str, stdin: str = "") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "doorstep.cli",
        *args,
        env=service_env(),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(stdin.encode()), timeout=120)
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def test_seed_creates_the_demo_agency_once(committed_database: Database) -> None:
    code, out, err = await doorstep("seed", "--if-empty")
    assert code == 0, err
    assert "owner@doorstep.example" in out
    assert "Seeding the demo agency" in err

    code, out, _ = await doorstep("seed", "--if-empty")
    assert code == 0
    assert "nothing seeded" in out
    async with committed_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Agency)) == 1
        roles = set((await session.scalars(select(StaffUser.role))).all())
    assert roles == set(StaffRole)


async def test_create_agency_and_users(committed_database: Database, app: FastAPI) -> None:
    code, out, err = await doorstep(
        "create-agency",
        "--name",
        "Harbour Homes",
        "--country",
        "NL",
        "--currency",
        "EUR",
        "--locale",
        "nl-NL",
        "--timezone",
        "Europe/Amsterdam",
    )
    assert code == 0, err
    agency_id = out.strip().rsplit(" ", 1)[1]

    code, out, err = await doorstep(
        "create-user",
        "--agency",
        "harbour homes",
        "--email",
        "boss@harbour.example.com",
        "--first-name",
        "Bea",
        "--last-name",
        "Baas",
        "--role",
        "owner",
        stdin="a strong password\n",
    )
    assert code == 0, err
    code, out, err = await doorstep(
        "create-user",
        "--agency",
        agency_id,
        "--email",
        "tim@harbour.example.com",
        "--first-name",
        "Tim",
        "--last-name",
        "Huurder",
        "--tenant",
        stdin="tenant password\n",
    )
    assert code == 0, err
    async with committed_database.transaction() as session:
        tenant = await session.scalar(select(Tenant))
        assert tenant is not None
        assert tenant.password_hash is not None

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        app.dependency_overrides.clear()
        staff = await client.post(
            "/api/v1/auth/staff/login",
            json={"email": "boss@harbour.example.com", "password": "a strong password"},
        )
        portal = await client.post(
            "/api/v1/auth/tenant/login",
            json={"email": "tim@harbour.example.com", "password": "tenant password"},
        )
    assert staff.status_code == 200
    assert portal.status_code == 200


async def test_bad_input_is_reported_without_a_traceback(committed_database: Database) -> None:
    code, _, err = await doorstep(
        "create-agency", "--name", "X", "--country", "ZZ", "--currency", "EUR", "--timezone", "UTC"
    )
    assert code != 0
    assert "country" in err
    assert "Traceback" not in err
    code, _, err = await doorstep("tick", "--at", "next tuesday")
    assert code == 2
    assert "ISO 8601" in err


async def test_tick_at_an_instant_prints_its_report(committed_database: Database) -> None:
    code, out, err = await doorstep("tick", "--at", "2026-12-01T09:00:00Z")
    assert code == 0, err
    report = json.loads(out)
    assert report["instant"] == "2026-12-01T09:00:00+00:00"
    # Every module's concern and drain reports; on an empty database none has work.
    assert report["concerns"]["leases.end_expired"] == 0
    assert report["concerns"]["notifications.deliver_outbox"] == 0


def test_api_serves_with_one_process_per_core_unless_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    from doorstep import cli

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(options["workers"]))
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    # Set, then removed: monkeypatch then also undoes what the command sets.
    monkeypatch.setenv("DOORSTEP_API_WORKERS", "1")
    monkeypatch.delenv("DOORSTEP_API_WORKERS")
    monkeypatch.setattr(cli, "get_settings", lambda: Settings())

    assert cli.main(["api"]) == 0
    # The processes learn how many they are, to share the connection pool's default size.
    assert os.environ["DOORSTEP_API_WORKERS"] == "3"
    assert cli.main(["api", "--workers", "1"]) == 0
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(api_workers=2))
    assert cli.main(["api"]) == 0
    assert served == [3, 1, 2]
    with pytest.raises(SystemExit):
        cli.main(["api", "--workers", "0"])


@pytest.mark.parametrize(
    ("kind", "password", "reason"),
    [
        (["--tenant"], "a", "at least 10 characters"),
        (["--role", "owner"], "aaaaaaaaaaaa", "too easy to guess"),
    ],
)
async def test_create_user_refuses_a_weak_password_plainly(
    kind: list[str], password: str, reason: str
) -> None:
    """Tenant portal logins and staff alike meet the one password policy, refused before the
    database is touched and without a traceback."""
    code, out, err = await doorstep(
        "create-user",
        "--agency",
        "no such agency",
        "--email",
        "sam@example.com",
        "--first-name",
        "Sam",
        "--last-name",
        "Smit",
        *kind,
        stdin=f"{password}\n",
    )
    assert code != 0
    assert reason in err
    assert "Traceback" not in err
    assert "Created" not in out

"""Staff turn a tenant's portal access off and on again without deleting anything (issue 13):
the tenant's sessions end at once, sign-in is refused saying why (to the right password
only), a reset link is not sent, and the audit log says who did it and when."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.audit.models import AuditEvent
from doorstep.core.clock import FixedClock
from tests.accounts.helpers import login, messages_to, refresh, signed_in
from tests.conftest import NOW
from tests.factories import Factory

ACCESS_OFF = "urn:doorstep:problem:tenant-portal-access-disabled"


async def test_disabling_stops_the_tenant_at_once_and_enabling_lets_them_back(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, clock: FixedClock
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    staff = await factory.headers(manager)
    tenant = await factory.tenant(agency)
    tenant_headers, refresh_token = await signed_in(client, "tenant", tenant.email)
    url = f"/api/v1/tenants/{tenant.id}/portal-access"

    before = await client.get(url, headers=staff)
    assert before.status_code == 200
    assert before.json() == {
        "tenant_id": str(tenant.id),
        "status": "enabled",
        "disabled_at": None,
        "history": [],
    }

    off = await client.put(url, json={"enabled": False}, headers=staff)
    assert off.status_code == 200, off.text
    assert off.json()["status"] == "disabled"
    assert off.json()["history"] == [
        {
            "action": "disabled",
            "at": NOW.isoformat().replace("+00:00", "Z"),
            "by_staff_id": str(manager.id),
            "by_name": "Manager Tester",
        }
    ]
    assert (await client.get("/api/v1/portal/me", headers=tenant_headers)).status_code == 401
    assert (await refresh(client, "tenant", refresh_token)).status_code == 401
    refused = await login(client, "tenant", tenant.email)
    assert refused.status_code == 403
    assert refused.json()["type"] == ACCESS_OFF
    assert "turned off your access" in refused.json()["detail"]
    # To a wrong password the answer is the usual one: the state is no oracle.
    assert (await login(client, "tenant", tenant.email, "a wrong guess")).status_code == 401
    # No reset link for an account that cannot be used.
    reset = await client.post("/api/v1/auth/tenant/password-reset", json={"email": tenant.email})
    assert reset.status_code == 202
    assert await messages_to(session, tenant.email) == []
    # The record stays as it was.
    assert (await client.get(f"/api/v1/tenants/{tenant.id}", headers=staff)).json()[
        "has_portal_account"
    ]

    # Asking again for the same state changes and records nothing.
    again = await client.put(url, json={"enabled": False}, headers=staff)
    assert len(again.json()["history"]) == 1

    clock.advance_to(NOW + timedelta(minutes=10))
    on = await client.put(url, json={"enabled": True}, headers=staff)
    assert on.json()["status"] == "enabled"
    assert [e["action"] for e in on.json()["history"]] == ["enabled", "disabled"]
    assert (await login(client, "tenant", tenant.email)).status_code == 200

    events = (
        await session.scalars(select(AuditEvent).where(AuditEvent.subject_id == tenant.id))
    ).all()
    assert sorted((e.action, e.actor_staff_id, e.occurred_at) for e in events) == [
        ("tenant.portal_access_disabled", manager.id, NOW),
        ("tenant.portal_access_enabled", manager.id, NOW + timedelta(minutes=10)),
    ]


async def test_a_tenant_without_an_account_has_nothing_to_turn_off(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.OWNER))
    tenant = await factory.tenant(agency, portal=False)
    url = f"/api/v1/tenants/{tenant.id}/portal-access"
    assert (await client.get(url, headers=staff)).json()["status"] == "no_account"
    refused = await client.put(url, json={"enabled": False}, headers=staff)
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:doorstep:problem:no-portal-account"


async def test_only_book_writers_change_access(client: httpx.AsyncClient, factory: Factory) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    url = f"/api/v1/tenants/{tenant.id}/portal-access"
    for role in (StaffRole.VIEWER, StaffRole.ACCOUNTANT):
        headers = await factory.headers(await factory.staff(agency, role))
        assert (await client.get(url, headers=headers)).status_code == 200
        assert (await client.put(url, json={"enabled": False}, headers=headers)).status_code == 403
    # Strict booleans: 0 is not false.
    owner = await factory.headers(await factory.staff(agency, StaffRole.OWNER))
    assert (await client.put(url, json={"enabled": 0}, headers=owner)).status_code == 422

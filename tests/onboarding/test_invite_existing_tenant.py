"""Issue 13: staff invite a tenant already on a lease, from the tenant's or the lease's page;
the invite is filled in from the record and, once used, the account is that tenant's."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.leases.models import LeaseTenant
from doorstep.tenants.models import Tenant
from tests.factories import Factory
from tests.onboarding.test_onboarding_api import _last_link

PASSWORD = "a long enough password"


async def _rules_flow(client: httpx.AsyncClient, staff: dict[str, str]) -> str:
    task = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "Rules", "kind": "read_and_accept", "text": "Be kind."},
        headers=staff,
    )
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Portal", "task_ids": [task.json()["id"]]},
        headers=staff,
    )
    assert flow.status_code == 201, flow.text
    return str(flow.json()["id"])


async def test_the_account_is_the_lease_tenants_own(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    # Ready to be invited (seed 000's review): the tenant could pay by transfer.
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency, portal=False, first_name="Lena")
    lease = await factory.lease(agency, [tenant])
    flow_id = await _rules_flow(client, staff)

    created = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, "tenant_id": str(tenant.id), "lease_id": str(lease.id)},
        headers=staff,
    )
    assert created.status_code == 201, created.text
    invite = created.json()
    assert (invite["first_name"], invite["last_name"], invite["email"]) == (
        "Lena",
        tenant.last_name,
        tenant.email,
    )
    assert (invite["tenant_id"], invite["lease_id"]) == (str(tenant.id), str(lease.id))

    token = await _last_link(session, tenant.email)
    accepted = await client.post(f"/api/v1/invites/{token}/accept", json={"password": PASSWORD})
    assert accepted.status_code == 200, accepted.text
    me = await client.get(
        "/api/v1/portal/me",
        headers={"Authorization": f"Bearer {accepted.json()['access_token']}"},
    )
    assert me.json()["id"] == str(tenant.id)
    # No second record, no second place on the lease.
    same_email = await session.scalar(
        select(func.count())
        .select_from(Tenant)
        .where(Tenant.agency_id == agency.id, func.lower(Tenant.email) == tenant.email.lower())
    )
    assert same_email == 1
    parties = await session.scalars(
        select(LeaseTenant.tenant_id).where(LeaseTenant.lease_id == lease.id)
    )
    assert list(parties) == [tenant.id]
    used = (await client.get(f"/api/v1/onboarding/invites/{invite['id']}", headers=staff)).json()
    assert used["status"] == "used"
    assert used["tenant_id"] == str(tenant.id)
    login = await client.post(
        "/api/v1/auth/tenant/login", json={"email": tenant.email, "password": PASSWORD}
    )
    assert login.status_code == 200


async def test_an_address_corrected_on_the_invite_becomes_the_records(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    # Ready to be invited (seed 000's review): the tenant could pay by transfer.
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency, portal=False)
    await factory.lease(agency, [tenant])  # seed 000: a tenant is invited to a lease
    flow_id = await _rules_flow(client, staff)
    created = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, "tenant_id": str(tenant.id), "email": "new-box@example.com"},
        headers=staff,
    )
    assert created.status_code == 201, created.text
    token = await _last_link(session, "new-box@example.com")
    accepted = await client.post(f"/api/v1/invites/{token}/accept", json={"password": PASSWORD})
    assert accepted.status_code == 200, accepted.text
    record = (await client.get(f"/api/v1/tenants/{tenant.id}", headers=staff)).json()
    assert record["email"] == "new-box@example.com"
    assert record["has_portal_account"] is True

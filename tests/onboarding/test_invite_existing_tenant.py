"""Issue 13: staff invite a tenant already on a lease, from the tenant's or the lease's page;
the invite is filled in from the record and, once used, the account is that tenant's."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.leases.models import LeaseTenant
from doorstep.notifications.models import OutboxMessage
from doorstep.tenants.models import Tenant
from tests.factories import Factory
from tests.onboarding.test_onboarding_api import _TOKEN, _last_link

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


async def _links_to(session: AsyncSession, email: str) -> set[str]:
    bodies = await session.scalars(
        select(OutboxMessage.text_body).where(OutboxMessage.to_address == email)
    )
    return {found.group(1) for body in bodies if (found := _TOKEN.search(body))}


HAS_ACCOUNT = "urn:doorstep:problem:tenant-has-portal-account"


async def test_a_tenant_with_a_portal_account_is_not_invited(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    """An invite makes a portal account: one who has an account signs in (or resets their
    password) instead, whether staff invite them from their record or by their address."""
    agency = await factory.agency()
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    member = await factory.tenant(agency, portal=True, first_name="Mira")
    await factory.lease(agency, [member])
    flow_id = await _rules_flow(client, staff)

    from_record = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, "tenant_id": str(member.id)},
        headers=staff,
    )
    assert from_record.status_code == 409, from_record.text
    assert from_record.headers["content-type"] == "application/problem+json"
    problem = from_record.json()
    assert problem["type"] == HAS_ACCOUNT
    assert problem["detail"].startswith("This tenant already has a portal account.")

    by_address = await client.post(
        "/api/v1/onboarding/invites",
        json={
            "flow_id": flow_id,
            "first_name": "Mira",
            "last_name": "Other",
            "email": member.email.upper(),
        },
        headers=staff,
    )
    assert by_address.status_code == 409, by_address.text
    problem = by_address.json()
    assert problem["type"] == HAS_ACCOUNT
    assert "already belongs to a tenant with a portal account" in problem["detail"]

    invites = await client.get("/api/v1/onboarding/invites", headers=staff)
    assert invites.json()["items"] == []

    # The same address at another agency is another person's business.
    elsewhere = await factory.agency("Elsewhere Lettings")
    other_staff = await factory.headers(await factory.staff(elsewhere, StaffRole.MANAGER))
    other_flow = await _rules_flow(client, other_staff)
    invited = await client.post(
        "/api/v1/onboarding/invites",
        json={
            "flow_id": other_flow,
            "first_name": "Mira",
            "last_name": "Tenant",
            "email": member.email,
        },
        headers=other_staff,
    )
    assert invited.status_code == 201, invited.text


@pytest.mark.parametrize("by_record", [True, False], ids=["by-record", "by-address"])
async def test_a_second_invite_dies_once_the_first_made_the_account(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession, by_record: bool
) -> None:
    """Two invites sent (to a record, or to an address with no record yet) before either was
    used: once one makes the account, the other can neither be resent nor set its password."""
    agency = await factory.agency()
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency, portal=False)
    await factory.lease(agency, [tenant])
    email = tenant.email if by_record else "newcomer@example.com"
    invitee: dict[str, str] = (
        {"tenant_id": str(tenant.id)}
        if by_record
        else {"first_name": "New", "last_name": "Comer", "email": email}
    )
    flow_id = await _rules_flow(client, staff)
    sent: list[tuple[str, str]] = []
    for _ in range(2):
        created = await client.post(
            "/api/v1/onboarding/invites", json={"flow_id": flow_id, **invitee}, headers=staff
        )
        assert created.status_code == 201, created.text
        [token] = await _links_to(session, email) - {token for _, token in sent}
        sent.append((created.json()["id"], token))
    (_, first_token), (second_id, second_token) = sent

    accepted = await client.post(
        f"/api/v1/invites/{first_token}/accept", json={"password": PASSWORD}
    )
    assert accepted.status_code == 200, accepted.text

    late = await client.post(
        f"/api/v1/invites/{second_token}/accept", json={"password": "another long password"}
    )
    assert late.status_code == 409, late.text
    assert late.json()["type"] == HAS_ACCOUNT
    resent = await client.post(f"/api/v1/onboarding/invites/{second_id}/resend", headers=staff)
    assert resent.status_code == 409, resent.text
    assert resent.json()["type"] == HAS_ACCOUNT
    login = await client.post(
        "/api/v1/auth/tenant/login", json={"email": email, "password": PASSWORD}
    )
    assert login.status_code == 200, login.text


async def test_the_invite_is_in_the_records_language_and_redemption_keeps_the_chosen_one(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency("Immo Bruxelles")
    agency.locale = "fr-BE"
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency, portal=False, first_name="Lena")
    tenant.language = "nl"
    lease = await factory.lease(agency, [tenant])
    flow_id = await _rules_flow(client, staff)

    created = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, "tenant_id": str(tenant.id), "lease_id": str(lease.id)},
        headers=staff,
    )
    assert created.status_code == 201, created.text
    (invite_email,) = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == tenant.email)
    )
    assert invite_email.subject == "Immo Bruxelles nodigt u uit voor uw huurdersportaal"

    # In the portal the invitee switched to English before setting their password.
    token = await _last_link(session, tenant.email)
    unknown = await client.post(
        f"/api/v1/invites/{token}/accept", json={"password": PASSWORD, "language": "de"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "language"
    accepted = await client.post(
        f"/api/v1/invites/{token}/accept", json={"password": PASSWORD, "language": "en"}
    )
    assert accepted.status_code == 200, accepted.text
    me = await client.get(
        "/api/v1/portal/me",
        headers={"Authorization": f"Bearer {accepted.json()['access_token']}"},
    )
    assert me.json()["language"] == "en"


async def test_an_invitee_who_chose_no_language_gets_the_agencys(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency("Gent Verhuur")
    agency.locale = "nl-BE"
    await factory.bank_details(agency)
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency, portal=False)
    lease = await factory.lease(agency, [tenant])
    flow_id = await _rules_flow(client, staff)
    created = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, "tenant_id": str(tenant.id), "lease_id": str(lease.id)},
        headers=staff,
    )
    assert created.status_code == 201, created.text

    token = await _last_link(session, tenant.email)
    accepted = await client.post(f"/api/v1/invites/{token}/accept", json={"password": PASSWORD})

    assert accepted.status_code == 200, accepted.text
    await session.refresh(tenant)
    assert tenant.language is None

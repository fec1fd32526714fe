"""An agency's `tenant_portal` switch, off: its tenants cannot sign in, refresh or use the
portal, and are told why (issue 9, item 12)."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole
from tests.factories import PASSWORD, Factory

PORTAL_CLOSED = "urn:doorstep:problem:tenant-portal-disabled"
TENANT_LOGIN = "/api/v1/auth/tenant/login"


async def _switch_portal(session: AsyncSession, agency: Agency, *, on: bool) -> None:
    agency.settings = {**agency.settings, "features": {"tenant_portal": on}}
    await session.flush()


def _assert_portal_closed(response: httpx.Response) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == PORTAL_CLOSED
    assert "switched its tenant portal off" in response.json()["detail"]


async def test_a_closed_portal_refuses_sign_in_but_not_to_a_guesser(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    await _switch_portal(session, agency, on=False)

    _assert_portal_closed(
        await client.post(TENANT_LOGIN, json={"email": tenant.email, "password": PASSWORD})
    )
    # Without the right password the answer is the usual one: the switch is no oracle.
    wrong = await client.post(TENANT_LOGIN, json={"email": tenant.email, "password": "nope"})
    assert wrong.status_code == 401

    await _switch_portal(session, agency, on=True)
    opened = await client.post(TENANT_LOGIN, json={"email": tenant.email, "password": PASSWORD})
    assert opened.status_code == 200


async def test_closing_the_portal_stops_signed_in_tenants_at_once(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    invoice = await factory.invoice(agency, lease, manager)
    signed_in = await client.post(TENANT_LOGIN, json={"email": tenant.email, "password": PASSWORD})
    tokens = signed_in.json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get("/api/v1/portal/invoices", headers=headers)).status_code == 200

    await _switch_portal(session, agency, on=False)

    for path in ("/api/v1/portal/me", "/api/v1/portal/invoices", "/api/v1/portal/balance"):
        _assert_portal_closed(await client.get(path, headers=headers))
    _assert_portal_closed(
        await client.get(f"/api/v1/portal/invoices/{invoice.id}", headers=headers)
    )
    _assert_portal_closed(
        await client.post(
            "/api/v1/portal/transfer-proofs",
            data={
                "lease_id": str(lease.id),
                "amount": "95000",
                "paid_on": "2026-11-20",
                "reference": "RENT NOV 1A",
            },
            files={"file": ("proof.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            headers=headers,
        )
    )
    client.cookies.clear()
    _assert_portal_closed(
        await client.post(
            "/api/v1/auth/tenant/refresh", json={"refresh_token": tokens["refresh_token"]}
        )
    )

    # Refused, not ended: when the agency opens the portal again the session goes on.
    await _switch_portal(session, agency, on=True)
    assert (await client.get("/api/v1/portal/me", headers=headers)).status_code == 200
    refreshed = await client.post(
        "/api/v1/auth/tenant/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200


async def test_staff_of_an_agency_with_a_closed_portal_work_as_usual(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    await _switch_portal(session, agency, on=False)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200

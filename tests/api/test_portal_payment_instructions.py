"""The portal's bank-transfer instructions: per lease, and all of a tenant's active leases at once
(the home's first screen), never another tenant's or another agency's lease."""

from __future__ import annotations

from datetime import timedelta

import httpx

from doorstep.leases.service import end_expired_leases
from tests.factories import Factory


async def test_every_active_lease_of_the_tenant_in_one_answer(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    await factory.bank_details(agency)
    tenant = await factory.tenant(agency)
    first = await factory.lease(agency, [tenant])
    second = await factory.lease(agency, [tenant])
    today = factory.clock.now().date()
    await factory.lease(
        agency, [tenant], start=today - timedelta(days=400), end=today - timedelta(days=100)
    )
    await end_expired_leases(factory.session, factory.clock.now())
    await factory.lease(agency, [tenant], active=False)
    # A neighbour in the same agency, and a tenant of another agency with the same details.
    await factory.lease(agency, [await factory.tenant(agency)])
    other = await factory.agency("Other Lettings")
    await factory.bank_details(other)
    await factory.lease(other, [await factory.tenant(other)])
    headers = await factory.headers(tenant)

    response = await client.get("/api/v1/portal/payment-instructions", headers=headers)

    assert response.status_code == 200
    answer = response.json()
    assert {item["lease_id"] for item in answer} == {str(first.id), str(second.id)}
    for item in answer:
        one = await client.get(
            f"/api/v1/portal/leases/{item['lease_id']}/payment-instructions", headers=headers
        )
        assert one.json() == item
    assert answer[0]["iban"] == "BE68539007547034"
    assert answer[0]["bic"] == "GKCCBEBB"
    assert answer[0]["beneficiary"] == "Acme Lettings client account"
    assert answer[0]["reference"] != answer[1]["reference"]


async def test_without_bank_details_each_lease_still_has_its_reference(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])

    response = await client.get(
        "/api/v1/portal/payment-instructions", headers=await factory.headers(tenant)
    )

    assert response.status_code == 200
    (item,) = response.json()
    assert item["lease_id"] == str(lease.id)
    assert item["iban"] is None
    assert item["account_number"] is None
    assert item["reference"].startswith("RF")


async def test_a_tenant_without_a_lease_gets_none(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    await factory.bank_details(agency)
    await factory.lease(agency, [await factory.tenant(agency)])
    tenant = await factory.tenant(agency)

    response = await client.get(
        "/api/v1/portal/payment-instructions", headers=await factory.headers(tenant)
    )

    assert response.status_code == 200
    assert response.json() == []


async def test_staff_cannot_read_it(client: httpx.AsyncClient, factory: Factory) -> None:
    agency = await factory.agency()
    staff = await factory.staff(agency)

    response = await client.get(
        "/api/v1/portal/payment-instructions", headers=await factory.headers(staff)
    )

    assert response.status_code in (401, 403)

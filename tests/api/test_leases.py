from __future__ import annotations

from datetime import date

import httpx

from doorstep.agencies.models import Agency, StaffRole
from doorstep.leases.models import LeaseStatus
from doorstep.properties.models import Unit
from doorstep.tenants.models import Tenant
from tests.factories import Factory


async def _setup(factory: Factory) -> tuple[Agency, dict[str, str], Unit, Tenant]:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    unit = await factory.unit(agency)
    tenant = await factory.tenant(agency)
    return agency, headers, unit, tenant


def _lease_body(
    unit_id: object, tenant_ids: list[object], **overrides: object
) -> dict[str, object]:
    body: dict[str, object] = {
        "unit_id": str(unit_id),
        "tenant_ids": [str(t) for t in tenant_ids],
        "start_date": "2026-12-01",
        "rent": {"amount": 120_000, "currency": "EUR"},
        "frequency": "monthly",
        "due_day": 1,
    }
    return body | overrides


async def test_create_activate_and_tenant_sees_the_lease(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    _, headers, unit, tenant = await _setup(factory)

    created = await client.post(
        "/api/v1/leases", json=_lease_body(unit.id, [tenant.id]), headers=headers
    )
    assert created.status_code == 201
    lease = created.json()
    assert lease["status"] == "draft"
    assert lease["rent"] == {"amount": 120_000, "currency": "EUR"}
    assert lease["next_due_date"] == "2026-12-01"
    assert lease["unit"]["property_name"] == "Residence Louise"
    assert [t["id"] for t in lease["tenants"]] == [str(tenant.id)]

    tenant_headers = await factory.headers(tenant)
    drafts = await client.get("/api/v1/portal/leases", headers=tenant_headers)
    assert drafts.json()["items"] == []

    activated = await client.post(f"/api/v1/leases/{lease['id']}/activate", headers=headers)
    assert activated.status_code == 200
    assert activated.json()["status"] == "active"

    mine = await client.get("/api/v1/portal/leases", headers=tenant_headers)
    assert [item["id"] for item in mine.json()["items"]] == [lease["id"]]
    one = await client.get(f"/api/v1/portal/leases/{lease['id']}", headers=tenant_headers)
    assert one.json()["next_due_date"] == "2026-12-01"


async def test_a_unit_is_let_once_for_overlapping_dates(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    await factory.lease(agency, [tenant], unit=unit, start=date(2026, 1, 1), end=date(2026, 12, 31))

    overlapping = await client.post(
        "/api/v1/leases", json=_lease_body(unit.id, [tenant.id]), headers=headers
    )
    refused = await client.post(
        f"/api/v1/leases/{overlapping.json()['id']}/activate", headers=headers
    )
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("unit-already-let")

    after = await client.post(
        "/api/v1/leases",
        json=_lease_body(unit.id, [tenant.id], start_date="2027-01-01"),
        headers=headers,
    )
    accepted = await client.post(f"/api/v1/leases/{after.json()['id']}/activate", headers=headers)
    assert accepted.status_code == 200


async def test_active_lease_keeps_its_financial_terms(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    lease = await factory.lease(agency, [tenant], unit=unit)

    rent = await client.patch(
        f"/api/v1/leases/{lease.id}",
        json={"rent": {"amount": 1, "currency": "EUR"}},
        headers=headers,
    )
    assert rent.status_code == 409
    end = await client.patch(
        f"/api/v1/leases/{lease.id}",
        json={"end_date": "2027-06-30", "holding_over": True},
        headers=headers,
    )
    assert end.status_code == 200
    assert end.json()["end_date"] == "2027-06-30"
    assert end.json()["holding_over"] is True


async def test_draft_lease_edits_are_checked_against_the_stored_terms(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    lease = await factory.lease(agency, [tenant], unit=unit, start=date(2026, 12, 1), active=False)

    early_end = await client.patch(
        f"/api/v1/leases/{lease.id}", json={"end_date": "2026-11-01"}, headers=headers
    )
    assert early_end.status_code == 422
    assert early_end.json()["errors"][0]["field"] == "end_date"
    weekly = await client.patch(
        f"/api/v1/leases/{lease.id}", json={"frequency": "weekly", "due_day": 5}, headers=headers
    )
    assert weekly.status_code == 200
    assert weekly.json()["next_due_date"] == "2026-12-01"
    bad_weekday = await client.patch(
        f"/api/v1/leases/{lease.id}", json={"due_day": 9}, headers=headers
    )
    assert bad_weekday.status_code == 422
    assert bad_weekday.json()["errors"][0]["field"] == "due_day"


async def test_joint_tenancy_attach_and_detach(client: httpx.AsyncClient, factory: Factory) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    partner = await factory.tenant(agency, first_name="Paul")
    lease = await factory.lease(agency, [tenant], unit=unit)

    added = await client.post(
        f"/api/v1/leases/{lease.id}/tenants", json={"tenant_id": str(partner.id)}, headers=headers
    )
    assert {t["id"] for t in added.json()["tenants"]} == {str(tenant.id), str(partner.id)}
    partner_view = await client.get("/api/v1/portal/leases", headers=await factory.headers(partner))
    assert len(partner_view.json()["items"]) == 1
    # Co-tenants see each other's names, not their contact details.
    assert all("email" not in party for party in partner_view.json()["items"][0]["tenants"])

    removed = await client.delete(f"/api/v1/leases/{lease.id}/tenants/{tenant.id}", headers=headers)
    assert [t["id"] for t in removed.json()["tenants"]] == [str(partner.id)]
    last = await client.delete(f"/api/v1/leases/{lease.id}/tenants/{partner.id}", headers=headers)
    assert last.status_code == 409


async def test_cancelled_lease_is_read_only(client: httpx.AsyncClient, factory: Factory) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    lease = await factory.lease(agency, [tenant], unit=unit)

    cancelled = await client.post(f"/api/v1/leases/{lease.id}/cancel", headers=headers)
    assert cancelled.json()["status"] == LeaseStatus.CANCELLED
    assert cancelled.json()["next_due_date"] is None
    edit = await client.patch(
        f"/api/v1/leases/{lease.id}", json={"holding_over": True}, headers=headers
    )
    assert edit.status_code == 409
    portal = await client.get("/api/v1/portal/leases", headers=await factory.headers(tenant))
    assert portal.json()["items"] == []


async def test_lease_filters_and_search(client: httpx.AsyncClient, factory: Factory) -> None:
    agency, headers, unit, tenant = await _setup(factory)
    other_prop = await factory.property(agency, name="Maison Verte")
    other_unit = await factory.unit(agency, other_prop, name="House")
    other_tenant = await factory.tenant(agency, first_name="Olga")
    first = await factory.lease(agency, [tenant], unit=unit)
    second = await factory.lease(agency, [other_tenant], unit=other_unit, active=False)

    async def ids(**params: str) -> list[str]:
        response = await client.get("/api/v1/leases", params=params, headers=headers)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert await ids() == [str(second.id), str(first.id)]
    assert await ids(status="draft") == [str(second.id)]
    assert await ids(property_id=str(other_prop.id)) == [str(second.id)]
    assert await ids(tenant_id=str(tenant.id)) == [str(first.id)]
    assert await ids(q="olga") == [str(second.id)]
    assert await ids(q="verte") == [str(second.id)]

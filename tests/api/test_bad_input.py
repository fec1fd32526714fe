"""Bad input gets a 4xx problem document naming the field, and changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.leases.models import Lease
from doorstep.properties.models import Property
from doorstep.tenants.models import Tenant
from tests.factories import Factory

TENANT = {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com"}
LEASE_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("end before start", {"end_date": "2026-11-30"}, "end_date"),
    ("negative rent", {"rent": {"amount": -100, "currency": "EUR"}}, "rent.amount"),
    ("zero rent", {"rent": {"amount": 0, "currency": "EUR"}}, "rent.amount"),
    ("fractional cent", {"rent": {"amount": 1200.5, "currency": "EUR"}}, "rent.amount"),
    ("amount as text", {"rent": {"amount": "1200", "currency": "EUR"}}, "rent.amount"),
    ("unknown currency", {"rent": {"amount": 1200, "currency": "XYZ"}}, "rent.currency"),
    ("lower-case currency", {"rent": {"amount": 1200, "currency": "eur"}}, "rent.currency"),
    ("another currency", {"rent": {"amount": 1200, "currency": "USD"}}, "rent.currency"),
    ("smuggled agency", {"agency_id": "00000000-0000-0000-0000-000000000000"}, "agency_id"),
    ("smuggled status", {"status": "active"}, "status"),
    ("weekday out of range", {"frequency": "weekly", "due_day": 8}, "due_day"),
    ("no tenants", {"tenant_ids": []}, "tenant_ids"),
    ("absurd date", {"start_date": "0001-01-01"}, "start_date"),
    ("date as a number", {"start_date": 0}, "start_date"),
    ("date with a time", {"start_date": "2026-12-01T00:00:00"}, "start_date"),
]
TENANT_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("malformed e-mail", {"email": "ana@"}, "email"),
    ("e-mail without domain dot", {"email": "ana at example.com"}, "email"),
    ("impossible phone", {"phone": "+32 1"}, "phone"),
    ("local number that does not exist", {"phone": "0470 12"}, "phone"),
    ("letters for phone", {"phone": "call me"}, "phone"),
    ("smuggled agency", {"agency_id": "00000000-0000-0000-0000-000000000000"}, "agency_id"),
    ("smuggled role", {"role": "owner"}, "role"),
    ("empty name", {"first_name": "   "}, "first_name"),
    ("control characters", {"last_name": "Sil\x00va"}, "last_name"),
]


async def _counts(session: AsyncSession) -> tuple[int, ...]:
    return tuple(
        [
            await session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Agency, StaffUser, Property, Tenant, Lease)
        ]
    )


def _assert_problem(response: httpx.Response, field: str) -> None:
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code
    assert field in [error["field"] for error in body["errors"]], body


@pytest.mark.parametrize(("case", "change", "field"), LEASE_CASES, ids=[c[0] for c in LEASE_CASES])
async def test_bad_lease_input(
    client: httpx.AsyncClient,
    factory: Factory,
    session: AsyncSession,
    case: str,
    change: dict[str, Any],
    field: str,
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    unit = await factory.unit(agency)
    tenant = await factory.tenant(agency)
    body = {
        "unit_id": str(unit.id),
        "tenant_ids": [str(tenant.id)],
        "start_date": "2026-12-01",
        "rent": {"amount": 120_000, "currency": "EUR"},
        "frequency": "monthly",
        "due_day": 1,
    } | change
    before = await _counts(session)

    response = await client.post("/api/v1/leases", json=body, headers=headers)

    _assert_problem(response, field)
    assert await _counts(session) == before


@pytest.mark.parametrize(
    ("case", "change", "field"), TENANT_CASES, ids=[c[0] for c in TENANT_CASES]
)
async def test_bad_tenant_input(
    client: httpx.AsyncClient,
    factory: Factory,
    session: AsyncSession,
    case: str,
    change: dict[str, Any],
    field: str,
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency))
    existing = await factory.tenant(agency)
    before = await _counts(session)

    created = await client.post("/api/v1/tenants", json=TENANT | change, headers=headers)
    updated = await client.patch(f"/api/v1/tenants/{existing.id}", json=change, headers=headers)

    _assert_problem(created, field)
    _assert_problem(updated, field)
    assert await _counts(session) == before
    await session.refresh(existing)
    assert existing.agency_id == agency.id
    assert existing.phone == "+32470123456"


async def test_staff_cannot_promote_themselves_through_unknown_fields(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    other = await factory.agency("Other")
    owner = await factory.staff(agency, StaffRole.OWNER)
    viewer = await factory.staff(agency, StaffRole.VIEWER)

    moved = await client.patch(
        f"/api/v1/staff/{viewer.id}",
        json={"agency_id": str(other.id)},
        headers=await factory.headers(owner),
    )
    _assert_problem(moved, "agency_id")
    own_profile = await client.patch(
        "/api/v1/portal/me",
        json={"phone": "+32470000000", "email": "new@example.com"},
        headers=await factory.headers(await factory.tenant(agency)),
    )
    _assert_problem(own_profile, "email")
    await session.refresh(viewer)
    assert viewer.agency_id == agency.id
    assert viewer.role is StaffRole.VIEWER


async def test_malformed_json_and_wrong_types_are_problems(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers(await factory.staff(await factory.agency()))
    broken = await client.post(
        "/api/v1/properties",
        content=b'{"name": ',
        headers=headers | {"content-type": "application/json"},
    )
    assert broken.status_code == 422
    assert broken.headers["content-type"] == "application/problem+json"
    not_object = await client.post("/api/v1/properties", json=[1, 2], headers=headers)
    assert not_object.status_code == 422
    bad_id = await client.get("/api/v1/properties/not-a-uuid", headers=headers)
    assert bad_id.status_code == 422
    assert bad_id.json()["errors"][0]["field"] == "property_id"
    too_many = await client.get("/api/v1/properties", params={"limit": "5000"}, headers=headers)
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "limit"

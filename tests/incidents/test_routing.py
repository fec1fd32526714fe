"""Routing: an agency routes a category of incident to one of its contractors, and a tenant's
report of that category is qualified and assigned to them on the spot, by the steps staff
take (history, work order, the tenant told); routes name only an active contractor of the
agency and of the trade, go with the contractor's archiving, and never cross agencies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.incidents.models import IncidentEvent, IncidentRoute, IncidentWorkOrder
from doorstep.incidents.work_orders import WORK_ORDER_EMAIL
from doorstep.notifications.models import OutboxMessage, PushMessage, PushSubscription
from doorstep.tenants.models import Tenant
from tests.factories import Factory

CATEGORIES = ["plumbing", "electrical", "heating", "communal_areas", "other"]


@dataclass(frozen=True)
class Desk:
    agency: Agency
    manager: StaffUser
    tenant: Tenant


@pytest.fixture
async def desk(factory: Factory) -> Desk:
    agency = await factory.agency("Acme Lettings")
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant])
    return Desk(agency, manager, tenant)


async def _contractor(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    name: str = "Plomberie Dupont",
    categories: tuple[str, ...] = ("plumbing", "heating"),
) -> str:
    created = await client.post(
        "/api/v1/contractors",
        json={"name": name, "categories": list(categories), "email": "jobs@dupont.example"},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    contractor_id: str = created.json()["id"]
    return contractor_id


async def _route(
    client: httpx.AsyncClient, headers: dict[str, str], category: str, contractor_id: str | None
) -> httpx.Response:
    return await client.put(
        "/api/v1/incident-routes",
        json={"category": category, "contractor_id": contractor_id},
        headers=headers,
    )


async def _routes(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, str | None]:
    listed = await client.get("/api/v1/incident-routes", headers=headers)
    assert listed.status_code == 200, listed.text
    return {
        route["category"]: route["contractor"]["id"] if route["contractor"] else None
        for route in listed.json()
    }


async def _report(
    client: httpx.AsyncClient, tenant_headers: dict[str, str], category: str = "plumbing"
) -> dict[str, Any]:
    reported = await client.post(
        "/api/v1/portal/incidents",
        data={
            "category": category,
            "title": "Kitchen tap leaking",
            "description": "Water drips from the tap even when closed.",
        },
        headers=tenant_headers,
    )
    assert reported.status_code == 201, reported.text
    body: dict[str, Any] = reported.json()
    return body


async def _kinds(session: AsyncSession) -> list[str]:
    return list(await session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)))


async def test_staff_set_list_and_clear_a_categorys_route(
    client: httpx.AsyncClient, factory: Factory, desk: Desk
) -> None:
    headers = await factory.headers(desk.manager)
    contractor_id = await _contractor(client, headers)
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES)

    routed = await _route(client, headers, "plumbing", contractor_id)

    assert routed.status_code == 200, routed.text
    assert routed.json()["category"] == "plumbing"
    assert routed.json()["contractor"]["name"] == "Plomberie Dupont"
    assert routed.json()["updated_at"] == "2026-11-23T09:00:00Z"
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES) | {"plumbing": contractor_id}
    # Setting it again replaces it rather than adding a second route.
    other_id = await _contractor(client, headers, "Eau Vive", ("plumbing",))
    assert (await _route(client, headers, "plumbing", other_id)).status_code == 200
    assert (await _routes(client, headers))["plumbing"] == other_id

    cleared = await _route(client, headers, "plumbing", None)

    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["contractor"] is None
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES)
    # Clearing a category with no route is no error.
    assert (await _route(client, headers, "heating", None)).status_code == 200


async def test_only_owners_and_managers_set_routes_and_any_staff_read_them(
    client: httpx.AsyncClient, factory: Factory, desk: Desk
) -> None:
    contractor_id = await _contractor(client, await factory.headers(desk.manager))
    viewer = await factory.headers(await factory.staff(desk.agency, StaffRole.VIEWER))

    refused = await _route(client, viewer, "plumbing", contractor_id)

    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert await _routes(client, viewer) == dict.fromkeys(CATEGORIES)
    tenant = await client.get("/api/v1/incident-routes", headers=await factory.headers(desk.tenant))
    assert tenant.status_code in (401, 403)


async def test_a_route_names_only_an_active_contractor_of_the_agency_and_the_trade(
    client: httpx.AsyncClient, factory: Factory, desk: Desk
) -> None:
    headers = await factory.headers(desk.manager)
    electrician_id = await _contractor(client, headers, "Volt SPRL", ("electrical",))
    archived_id = await _contractor(client, headers, "Gone SRL", ("plumbing",))
    assert (
        await client.post(f"/api/v1/contractors/{archived_id}/archive", headers=headers)
    ).status_code == 200
    elsewhere = await factory.agency("Other Lettings")
    theirs_id = await _contractor(
        client, await factory.headers(await factory.staff(elsewhere)), "Theirs", ("plumbing",)
    )

    for contractor_id in (electrician_id, archived_id, theirs_id, str(uuid.uuid4())):
        refused = await _route(client, headers, "plumbing", contractor_id)
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "contractor_id" in refused.text
    unknown_category = await _route(client, headers, "gardening", electrician_id)
    assert unknown_category.status_code == 422
    assert unknown_category.headers["content-type"].startswith("application/problem+json")
    not_an_id = await _route(client, headers, "plumbing", "nobody")
    assert not_an_id.status_code == 422
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES)


async def test_a_report_in_a_routed_category_is_assigned_as_staff_would(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, session: AsyncSession
) -> None:
    headers = await factory.headers(desk.manager)
    contractor_id = await _contractor(client, headers)
    assert (await _route(client, headers, "plumbing", contractor_id)).status_code == 200
    session.add(
        PushSubscription(
            agency_id=desk.agency.id,
            tenant_id=desk.tenant.id,
            endpoint=f"https://push.example/{uuid.uuid4().hex}",
            p256dh="BPublicKeyOfTheTenantsPhone",
            auth="c2VjcmV0",
        )
    )
    await session.flush()

    reported = await _report(client, await factory.headers(desk.tenant))

    assert reported["status"] == "assigned"
    assert reported["contractor_name"] == "Plomberie Dupont"
    assert [(h["status"], h["actor"]) for h in reported["history"]] == [
        ("reported", "tenant"),
        ("qualified", "staff"),  # to the tenant, the routing is the agency
        ("assigned", "staff"),
    ]
    staff_view = (await client.get(f"/api/v1/incidents/{reported['id']}", headers=headers)).json()
    assert staff_view["priority"] == "normal"
    assert staff_view["contractor_id"] == contractor_id
    assert [(h["status"], h["actor"], h["actor_name"]) for h in staff_view["history"]] == [
        ("reported", "tenant", "Tara Tenant"),
        ("qualified", "routing", ""),
        ("assigned", "routing", ""),
    ]
    assert staff_view["work_order"]["to"] == "jobs@dupont.example"
    events = list(
        await session.scalars(
            select(IncidentEvent).where(IncidentEvent.incident_id == uuid.UUID(reported["id"]))
        )
    )
    routed = [e for e in events if e.by_routing]
    assert len(routed) == 2
    assert all(e.actor_staff_id is None and e.actor_tenant_id is None for e in routed)
    # Staff hear of the report, the tenant of its receipt and of the contractor, and the
    # contractor gets the job.
    kinds = await _kinds(session)
    assert sorted(kinds) == sorted(
        ["incident_reported_staff", "incident_received", "incident_assigned", WORK_ORDER_EMAIL]
    )
    (assigned_mail,) = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "incident_assigned")
    )
    assert assigned_mail.to_address == desk.tenant.email
    assert "Plomberie Dupont" in assigned_mail.text_body
    (work_order,) = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == WORK_ORDER_EMAIL)
    )
    assert "Priority: normal" in work_order.text_body
    assert (
        await session.scalar(
            select(IncidentWorkOrder.contractor_id).where(
                IncidentWorkOrder.incident_id == uuid.UUID(reported["id"])
            )
        )
    ) == uuid.UUID(contractor_id)
    pushed = list(await session.scalars(select(PushMessage.kind).order_by(PushMessage.id)))
    assert pushed == ["incident_received", "incident_assigned"]


async def test_a_report_in_an_unrouted_category_waits_for_staff(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, session: AsyncSession
) -> None:
    headers = await factory.headers(desk.manager)
    contractor_id = await _contractor(client, headers)
    assert (await _route(client, headers, "plumbing", contractor_id)).status_code == 200

    reported = await _report(client, await factory.headers(desk.tenant), "heating")

    assert reported["status"] == "reported"
    assert reported["contractor_name"] is None
    assert [h["status"] for h in reported["history"]] == ["reported"]
    assert sorted(await _kinds(session)) == ["incident_received", "incident_reported_staff"]


async def test_archiving_the_contractor_stops_routing_to_them(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, session: AsyncSession
) -> None:
    headers = await factory.headers(desk.manager)
    contractor_id = await _contractor(client, headers)
    for category in ("plumbing", "heating"):
        assert (await _route(client, headers, category, contractor_id)).status_code == 200

    archived = await client.post(f"/api/v1/contractors/{contractor_id}/archive", headers=headers)

    assert archived.status_code == 200
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES)
    reported = await _report(client, await factory.headers(desk.tenant))
    assert reported["status"] == "reported"
    # Restoring them does not bring the routes back: staff decide again.
    await client.post(f"/api/v1/contractors/{contractor_id}/restore", headers=headers)
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES)
    assert await session.scalar(select(IncidentRoute.category)) is None


async def test_taking_a_trade_off_the_contractor_drops_its_route_only(
    client: httpx.AsyncClient, factory: Factory, desk: Desk
) -> None:
    headers = await factory.headers(desk.manager)
    contractor_id = await _contractor(client, headers)
    for category in ("plumbing", "heating"):
        assert (await _route(client, headers, category, contractor_id)).status_code == 200

    edited = await client.patch(
        f"/api/v1/contractors/{contractor_id}", json={"categories": ["heating"]}, headers=headers
    )

    assert edited.status_code == 200, edited.text
    assert await _routes(client, headers) == dict.fromkeys(CATEGORIES) | {"heating": contractor_id}


async def test_another_agencys_routes_never_apply(
    client: httpx.AsyncClient, factory: Factory, desk: Desk
) -> None:
    elsewhere = await factory.agency("Other Lettings")
    their_manager = await factory.headers(await factory.staff(elsewhere, StaffRole.MANAGER))
    their_contractor = await _contractor(client, their_manager, "Theirs", ("plumbing",))
    assert (await _route(client, their_manager, "plumbing", their_contractor)).status_code == 200

    reported = await _report(client, await factory.headers(desk.tenant))

    assert reported["status"] == "reported"
    ours = await factory.headers(desk.manager)
    assert await _routes(client, ours) == dict.fromkeys(CATEGORIES)
    assert (await _routes(client, their_manager))["plumbing"] == their_contractor

"""Incidents: a tenant reports one with photos, staff take it through qualified, assigned,
scheduled and resolved, and the tenant follows each step; the e-mails, the history, the
refused steps, the uploads and who may see what."""

from __future__ import annotations

import io
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.clock import FixedClock
from doorstep.core.erasure import Needles
from doorstep.core.pagination import encode_cursor
from doorstep.incidents import service as incidents
from doorstep.incidents.models import Incident, IncidentEvent
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxMessage
from doorstep.tenants.models import Tenant
from tests.factories import Factory


def _image(kind: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")


@dataclass(frozen=True)
class Book:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    return Book(agency, manager, tenant, lease)


def _form(**extra: str) -> dict[str, str]:
    return {
        "category": "plumbing",
        "title": "Kitchen tap leaking",
        "description": "Water drips from the tap even when closed.",
        "availability": "Weekdays after 17:00",
    } | extra


async def _report(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    photos: list[tuple[str, bytes, str]] | None = None,
    **extra: str,
) -> httpx.Response:
    files = [("photos", photo) for photo in photos or []]
    return await client.post(
        "/api/v1/portal/incidents", data=_form(**extra), files=files or None, headers=headers
    )


async def _emails(session: AsyncSession, kind: str) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
    )


async def _contractor(
    client: httpx.AsyncClient, headers: dict[str, str], name: str = "Plomberie Dupont"
) -> dict[str, object]:
    created = await client.post(
        "/api/v1/contractors",
        json={
            "name": name,
            "categories": ["plumbing", "heating"],
            "phone": "02 555 12 34",
            "email": "info@dupont.example",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    body: dict[str, object] = created.json()
    return body


async def test_a_report_goes_through_every_step_and_the_tenant_sees_each(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)
    owner = await factory.staff(book.agency, StaffRole.OWNER)
    await factory.staff(book.agency, StaffRole.ACCOUNTANT)  # not told of new reports
    await factory.staff(await factory.agency("Other Lettings"), StaffRole.OWNER)

    sent = await _report(
        client,
        tenant_headers,
        photos=[("tap.png", PNG, "image/png"), ("sink.jpeg", JPEG, "text/plain")],
    )

    assert sent.status_code == 201, sent.text
    incident = sent.json()
    assert (incident["status"], incident["category"], incident["lease_id"]) == (
        "reported",
        "plumbing",
        str(book.lease.id),
    )
    assert incident["availability"] == "Weekdays after 17:00"
    assert [(p["file_name"], p["content_type"]) for p in incident["photos"]] == [
        ("tap.png", "image/png"),
        ("sink.jpg", "image/jpeg"),
    ]
    assert [(h["status"], h["actor"]) for h in incident["history"]] == [("reported", "tenant")]
    assert incident["reported_at"] == "2026-11-23T09:00:00Z"
    staff_mails = await _emails(session, "incident_reported_staff")
    assert sorted(m.to_address for m in staff_mails) == sorted([book.manager.email, owner.email])
    assert "Kitchen tap leaking" in staff_mails[0].subject
    assert "Weekdays after 17:00" in staff_mails[0].text_body
    received = await _emails(session, "incident_received")
    assert [m.to_address for m in received] == [book.tenant.email]

    incident_id = incident["id"]
    photo = incident["photos"][0]
    download = await client.get(
        f"/api/v1/incidents/{incident_id}/photos/{photo['id']}", headers=staff_headers
    )
    assert download.content == PNG
    assert download.headers["content-type"] == "image/png"
    assert download.headers["content-disposition"].startswith("attachment")
    own = await client.get(
        f"/api/v1/portal/incidents/{incident_id}/photos/{photo['id']}", headers=tenant_headers
    )
    assert own.content == PNG

    contractor = await _contractor(client, staff_headers)
    assert contractor["phone"] == "+3225551234"
    steps = [
        ("qualify", {"priority": "high", "internal_note": "Check the riser too"}),
        ("assign", {"contractor_id": contractor["id"], "note": "Dupont will call you"}),
        ("schedule", {"scheduled_for": "2026-11-25T14:00:00+01:00"}),
        ("resolve", {"resolution_note": "Replaced the tap cartridge."}),
    ]
    seen = []
    for action, body in steps:
        clock.advance_to(clock.now() + timedelta(hours=1))
        # Access tokens live minutes: sign in again an hour later.
        staff_headers = await factory.headers(book.manager)
        tenant_headers = await factory.headers(book.tenant)
        done = await client.post(
            f"/api/v1/incidents/{incident_id}/{action}",
            json=body,
            headers=staff_headers | {"Idempotency-Key": str(uuid.uuid4())},
        )
        assert done.status_code == 200, done.text
        tenant_view = await client.get(
            f"/api/v1/portal/incidents/{incident_id}", headers=tenant_headers
        )
        seen.append(tenant_view.json()["status"])
    assert seen == ["qualified", "assigned", "scheduled", "resolved"]

    final = tenant_view.json()
    assert final["contractor_name"] == "Plomberie Dupont"
    assert final["scheduled_for"] == "2026-11-25T13:00:00Z"
    assert final["resolution_note"] == "Replaced the tap cartridge."
    assert [(h["status"], h["actor"], h["note"]) for h in final["history"]] == [
        ("reported", "tenant", None),
        ("qualified", "staff", None),
        ("assigned", "staff", "Dupont will call you"),
        ("scheduled", "staff", None),
        ("resolved", "staff", "Replaced the tap cartridge."),
    ]
    assert [h["occurred_at"] for h in final["history"]] == [
        "2026-11-23T09:00:00Z",
        "2026-11-23T10:00:00Z",
        "2026-11-23T11:00:00Z",
        "2026-11-23T12:00:00Z",
        "2026-11-23T13:00:00Z",
    ]
    assert "internal_note" not in final["history"][1]
    assert "Check the riser too" not in tenant_view.text
    staff_view = (
        await client.get(f"/api/v1/incidents/{incident_id}", headers=staff_headers)
    ).json()
    assert staff_view["priority"] == "high"
    assert staff_view["history"][1]["internal_note"] == "Check the riser too"
    assert staff_view["history"][1]["actor_name"] == "Manager Tester"
    assert staff_view["contractor_phone"] == "+3225551234"

    for kind in ("incident_assigned", "incident_scheduled", "incident_resolved"):
        mails = await _emails(session, kind)
        assert [m.to_address for m in mails] == [book.tenant.email], kind
    (scheduled,) = await _emails(session, "incident_scheduled")
    assert "25 November 2026" in scheduled.text_body
    assert "14:00" in scheduled.text_body  # on the agency's clock
    assert "Plomberie Dupont" in scheduled.text_body
    (resolved,) = await _emails(session, "incident_resolved")
    assert "Replaced the tap cartridge." in resolved.text_body


async def test_the_emails_are_in_the_agencys_language(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency("Immo Bruxelles")
    agency.locale = "fr-BE"
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant])
    await factory.staff(agency, StaffRole.OWNER)

    sent = await _report(client, await factory.headers(tenant))

    assert sent.status_code == 201, sent.text
    (received,) = await _emails(session, "incident_received")
    assert received.subject.startswith("Immo Bruxelles a bien reçu votre signalement")
    (staff,) = await _emails(session, "incident_reported_staff")
    assert "plomberie" in staff.text_body


@pytest.mark.parametrize(
    ("status_path", "action", "body"),
    [
        ([], "assign", {"contractor_id": "CONTRACTOR"}),
        ([], "schedule", {"scheduled_for": "2026-12-01T09:00:00Z"}),
        ([], "resolve", {"resolution_note": "Done"}),
        (["qualify"], "qualify", {"priority": "low"}),
        (["reject"], "qualify", {"priority": "low"}),
        (["qualify", "assign", "resolve"], "reject", {"reason": "Too late"}),
        (["qualify", "assign", "resolve"], "assign", {"contractor_id": "CONTRACTOR"}),
    ],
)
async def test_a_step_out_of_order_is_a_409(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    status_path: list[str],
    action: str,
    body: dict[str, str],
) -> None:
    staff_headers = await factory.headers(book.manager)
    incident_id = (await _report(client, await factory.headers(book.tenant))).json()["id"]
    contractor_id = str((await _contractor(client, staff_headers))["id"])
    bodies = {
        "qualify": {"priority": "normal"},
        "assign": {"contractor_id": contractor_id},
        "resolve": {"resolution_note": "Fixed"},
        "reject": {"reason": "Not ours"},
    }
    for step in status_path:
        done = await client.post(
            f"/api/v1/incidents/{incident_id}/{step}", json=bodies[step], headers=staff_headers
        )
        assert done.status_code == 200, done.text
    before = (await client.get(f"/api/v1/incidents/{incident_id}", headers=staff_headers)).json()

    refused = await client.post(
        f"/api/v1/incidents/{incident_id}/{action}",
        json={k: contractor_id if v == "CONTRACTOR" else v for k, v in body.items()},
        headers=staff_headers,
    )

    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("incident-step-refused")
    after = (await client.get(f"/api/v1/incidents/{incident_id}", headers=staff_headers)).json()
    assert after == before


async def test_the_tenant_cancels_only_while_reported(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)
    first = (await _report(client, tenant_headers)).json()["id"]
    second = (await _report(client, tenant_headers, title="Radiator cold")).json()["id"]

    cancelled = await client.post(
        f"/api/v1/portal/incidents/{first}/cancel", headers=tenant_headers
    )
    await client.post(
        f"/api/v1/incidents/{second}/qualify", json={"priority": "low"}, headers=staff_headers
    )
    refused = await client.post(f"/api/v1/portal/incidents/{second}/cancel", headers=tenant_headers)

    assert cancelled.status_code == 200
    assert [h["status"] for h in cancelled.json()["history"]] == ["reported", "cancelled"]
    assert refused.status_code == 409
    still_open = await client.get(
        "/api/v1/portal/incidents", params={"open": "true"}, headers=tenant_headers
    )
    assert [i["id"] for i in still_open.json()["items"]] == [second]


async def test_a_rejection_tells_the_tenant_why(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    incident_id = (await _report(client, tenant_headers)).json()["id"]

    rejected = await client.post(
        f"/api/v1/incidents/{incident_id}/reject",
        json={"reason": "The tap is yours to maintain (lease art. 7).", "internal_note": "dup"},
        headers=await factory.headers(book.manager),
    )

    assert rejected.status_code == 200, rejected.text
    seen = (
        await client.get(f"/api/v1/portal/incidents/{incident_id}", headers=tenant_headers)
    ).json()
    assert seen["rejection_reason"] == "The tap is yours to maintain (lease art. 7)."
    (mail,) = await _emails(session, "incident_rejected")
    assert "lease art. 7" in mail.text_body


async def test_a_tenant_with_two_leases_picks_one(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    other = await factory.lease(book.agency, [book.tenant])
    headers = await factory.headers(book.tenant)

    unpicked = await _report(client, headers)
    picked = await _report(client, headers, lease_id=str(other.id))
    foreign = await _report(
        client,
        headers,
        lease_id=str((await factory.lease(book.agency, [await factory.tenant(book.agency)])).id),
    )

    assert unpicked.status_code == 422
    assert unpicked.json()["errors"][0]["field"] == "lease_id"
    assert picked.status_code == 201
    assert picked.json()["lease_id"] == str(other.id)
    assert foreign.status_code == 422


@pytest.mark.parametrize(
    ("photo", "status"),
    [
        (("notes.pdf", b"%PDF-1.7\n%%EOF\n", "image/png"), 422),
        (("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"), 422),
        (("huge.png", b"\x89PNG" + b"\x00" * (5 * 1024 * 1024), "image/png"), 413),
    ],
)
async def test_a_photo_that_is_not_an_image_or_too_large_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    photo: tuple[str, bytes, str],
    status: int,
) -> None:
    refused = await _report(client, await factory.headers(book.tenant), photos=[photo])

    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert await _emails(session, "incident_received") == []


async def test_at_most_four_photos(client: httpx.AsyncClient, factory: Factory, book: Book) -> None:
    photos = [(f"p{n}.png", PNG, "image/png") for n in range(5)]

    refused = await _report(client, await factory.headers(book.tenant), photos=photos)

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "photos"


async def test_another_tenant_or_agency_sees_nothing(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    incident = (
        await _report(client, await factory.headers(book.tenant), photos=[("a.png", PNG, "")])
    ).json()
    neighbour = await factory.tenant(book.agency, first_name="Nina")
    await factory.lease(book.agency, [neighbour])
    other_agency = await factory.agency("Other Lettings")
    stranger_staff = await factory.staff(other_agency, StaffRole.OWNER)
    stranger = await factory.tenant(other_agency)
    await factory.lease(other_agency, [stranger])
    photo = incident["photos"][0]["id"]

    for who in (neighbour, stranger):
        headers = await factory.headers(who)
        for method, path in (
            ("GET", f"/api/v1/portal/incidents/{incident['id']}"),
            ("GET", f"/api/v1/portal/incidents/{incident['id']}/photos/{photo}"),
            ("POST", f"/api/v1/portal/incidents/{incident['id']}/cancel"),
        ):
            response = await client.request(method, path, headers=headers)
            assert response.status_code == 404, (method, path)
        listed = await client.get("/api/v1/portal/incidents", headers=headers)
        assert listed.json()["items"] == []

    staff_headers = await factory.headers(stranger_staff)
    for method, path, body in (
        ("GET", f"/api/v1/incidents/{incident['id']}", None),
        ("GET", f"/api/v1/incidents/{incident['id']}/photos/{photo}", None),
        ("POST", f"/api/v1/incidents/{incident['id']}/qualify", {"priority": "low"}),
    ):
        response = await client.request(method, path, json=body, headers=staff_headers)
        assert response.status_code == 404, (method, path)
    assert (await client.get("/api/v1/incidents", headers=staff_headers)).json()["items"] == []
    # Nor can staff send another agency's contractor.
    foreign = await _contractor(client, staff_headers, name="Elsewhere Ltd")
    staff = await factory.headers(book.manager)
    await client.post(
        f"/api/v1/incidents/{incident['id']}/qualify", json={"priority": "low"}, headers=staff
    )
    refused = await client.post(
        f"/api/v1/incidents/{incident['id']}/assign",
        json={"contractor_id": foreign["id"]},
        headers=staff,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "contractor_id"


async def test_staff_filter_and_search_the_queue(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)
    other_property = await factory.property(book.agency, name="Les Tilleuls")
    neighbour = await factory.tenant(book.agency, first_name="Nina")
    await factory.lease(
        book.agency, [neighbour], unit=await factory.unit(book.agency, other_property)
    )
    tap = (await _report(client, tenant_headers)).json()["id"]
    heating = (
        await _report(
            client,
            await factory.headers(neighbour),
            category="heating",
            title="No heat",
            description="The radiators stay cold.",
        )
    ).json()["id"]
    await client.post(
        f"/api/v1/incidents/{tap}/qualify", json={"priority": "low"}, headers=staff_headers
    )

    async def ids(**params: str) -> list[str]:
        found = await client.get("/api/v1/incidents", params=params, headers=staff_headers)
        assert found.status_code == 200, found.text
        return [i["id"] for i in found.json()["items"]]

    assert await ids() == [heating, tap]
    assert await ids(status="qualified") == [tap]
    assert await ids(category="heating") == [heating]
    assert await ids(property_id=str(other_property.id)) == [heating]
    assert await ids(q="nina") == [heating]
    assert await ids(q="tap") == [tap]
    assert await ids(open="true") == [heating, tap]


async def test_staff_list_a_leases_and_a_tenants_incidents(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    staff_headers = await factory.headers(book.manager)
    tenant_headers = await factory.headers(book.tenant)
    second_lease = await factory.lease(book.agency, [book.tenant])
    flatmate = await factory.tenant(book.agency, first_name="Nina")
    shared = await factory.lease(book.agency, [book.tenant, flatmate])
    on_first = (await _report(client, tenant_headers, lease_id=str(book.lease.id))).json()["id"]
    on_second = (
        await _report(client, tenant_headers, lease_id=str(second_lease.id), title="Door")
    ).json()["id"]
    flatmate_report = (
        await _report(
            client, await factory.headers(flatmate), lease_id=str(shared.id), title="Window"
        )
    ).json()["id"]
    # Another agency's lease and tenant, with an incident of their own.
    elsewhere = await factory.agency()
    stranger = await factory.tenant(elsewhere)
    stranger_lease = await factory.lease(elsewhere, [stranger])
    await _report(client, await factory.headers(stranger))

    async def ids(**params: str) -> list[str]:
        found = await client.get("/api/v1/incidents", params=params, headers=staff_headers)
        assert found.status_code == 200, found.text
        return [i["id"] for i in found.json()["items"]]

    assert await ids(lease_id=str(book.lease.id)) == [on_first]
    assert await ids(lease_id=str(second_lease.id)) == [on_second]
    assert await ids(lease_id=str(shared.id)) == [flatmate_report]
    assert await ids(tenant_id=str(book.tenant.id)) == [on_second, on_first]
    assert await ids(tenant_id=str(flatmate.id)) == [flatmate_report]
    assert await ids(tenant_id=str(book.tenant.id), lease_id=str(second_lease.id)) == [on_second]
    assert await ids(tenant_id=str(flatmate.id), lease_id=str(book.lease.id)) == []
    # Scoped by agency: another agency's lease or tenant finds nothing here.
    assert await ids(lease_id=str(stranger_lease.id)) == []
    assert await ids(tenant_id=str(stranger.id)) == []
    bad = await client.get(
        "/api/v1/incidents", params={"lease_id": "not-a-uuid"}, headers=staff_headers
    )
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


async def test_the_queue_in_triage_order_pages_by_priority_then_age(
    client: httpx.AsyncClient, factory: Factory, book: Book, clock: FixedClock
) -> None:
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)

    async def report(priority: str | None) -> str:
        clock.advance_to(clock.now() + timedelta(minutes=1))
        incident: str = (await _report(client, tenant_headers, title=f"Tap {priority}")).json()[
            "id"
        ]
        if priority is not None:
            await client.post(
                f"/api/v1/incidents/{incident}/qualify",
                json={"priority": priority},
                headers=staff_headers,
            )
        return incident

    old_low = await report("low")
    old_urgent = await report("urgent")
    unqualified = await report(None)
    normal = await report("normal")
    new_urgent = await report("urgent")
    high = await report("high")
    new_low = await report("low")

    async def pages(**params: str) -> list[str]:
        seen: list[str] = []
        cursor: str | None = None
        while True:
            query = params | {"limit": "2"} | ({"cursor": cursor} if cursor else {})
            found = await client.get("/api/v1/incidents", params=query, headers=staff_headers)
            assert found.status_code == 200, found.text
            seen += [i["id"] for i in found.json()["items"]]
            cursor = found.json()["next_cursor"]
            if cursor is None:
                return seen

    triage = [old_urgent, new_urgent, high, unqualified, normal, old_low, new_low]
    assert await pages(sort="triage", open="true") == triage
    assert await pages(sort="triage", status="qualified") == [
        old_urgent,
        new_urgent,
        high,
        normal,
        old_low,
        new_low,
    ]
    assert await pages() == [new_low, high, new_urgent, normal, unqualified, old_urgent, old_low]
    some_id = "01930000-0000-7000-8000-000000000000"
    for bad in (
        "x",
        encode_cursor([some_id]),  # a newest-first cursor
        encode_cursor(["99", "2026-01-01T00:00:00+00:00", some_id]),
        encode_cursor(["9" * 30, "2026-01-01T00:00:00+00:00", some_id]),
        encode_cursor(["1", "not a date", some_id]),
    ):
        refused = await client.get(
            "/api/v1/incidents", params={"sort": "triage", "cursor": bad}, headers=staff_headers
        )
        assert refused.status_code == 422, refused.text
    assert (
        await client.get("/api/v1/incidents", params={"sort": "oldest"}, headers=staff_headers)
    ).status_code == 422


async def test_newest_first_lists_follow_the_report_time_not_the_id(
    client: httpx.AsyncClient, factory: Factory, book: Book, clock: FixedClock
) -> None:
    """Ids carry the wall clock of the process that wrote them; the queue follows the
    (injected) report time, ties broken by id, and its cursor pages across both."""
    tenant_headers = await factory.headers(book.tenant)
    staff_headers = await factory.headers(book.manager)
    start = clock.now()

    async def report_at(minutes: int) -> str:
        clock.advance_to(start + timedelta(minutes=minutes))  # backwards, at times
        created = await _report(client, tenant_headers, title=f"Tap at {minutes}")
        assert created.status_code == 201, created.text
        incident_id: str = created.json()["id"]
        return incident_id

    latest = await report_at(3)
    first_of_a_tie = await report_at(1)
    second_of_the_tie = await report_at(1)
    middle = await report_at(2)

    # The staff queue and the tenant's own list alike.
    for path, headers in (
        ("/api/v1/incidents", staff_headers),
        ("/api/v1/portal/incidents", tenant_headers),
    ):
        for limit in ("1", "3", "50"):
            seen: list[str] = []
            cursor: str | None = None
            while True:
                query = {"limit": limit} | ({"cursor": cursor} if cursor else {})
                found = await client.get(path, params=query, headers=headers)
                assert found.status_code == 200, found.text
                seen += [i["id"] for i in found.json()["items"]]
                cursor = found.json()["next_cursor"]
                if cursor is None:
                    break
            assert seen == [latest, middle, second_of_the_tie, first_of_a_tie], (path, limit)


async def test_contractors_are_created_edited_and_archived(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    headers = await factory.headers(book.manager)
    contractor = await _contractor(client, headers)
    electrician = await client.post(
        "/api/v1/contractors",
        json={"name": "Volt SPRL", "categories": ["electrical"]},
        headers=headers,
    )
    bad_phone = await client.post(
        "/api/v1/contractors",
        json={"name": "Nope", "categories": ["electrical"], "phone": "+32 1"},
        headers=headers,
    )
    viewer = await client.post(
        "/api/v1/contractors",
        json={"name": "Nope", "categories": ["electrical"]},
        headers=await factory.headers(await factory.staff(book.agency, StaffRole.VIEWER)),
    )

    assert bad_phone.status_code == 422
    assert viewer.status_code == 403
    plumbers = await client.get(
        "/api/v1/contractors", params={"category": "plumbing"}, headers=headers
    )
    assert [c["name"] for c in plumbers.json()["items"]] == ["Plomberie Dupont"]
    edited = await client.patch(
        f"/api/v1/contractors/{contractor['id']}",
        json={"name": "Dupont & Fils", "email": None},
        headers=headers,
    )
    assert (edited.json()["name"], edited.json()["email"]) == ("Dupont & Fils", None)
    archived = await client.post(f"/api/v1/contractors/{contractor['id']}/archive", headers=headers)
    assert archived.json()["archived_at"] == "2026-11-23T09:00:00Z"
    listed = await client.get("/api/v1/contractors", headers=headers)
    assert [c["id"] for c in listed.json()["items"]] == [electrician.json()["id"]]
    # An archived contractor is offered no more.
    incident_id = (await _report(client, await factory.headers(book.tenant))).json()["id"]
    await client.post(
        f"/api/v1/incidents/{incident_id}/qualify", json={"priority": "low"}, headers=headers
    )
    refused = await client.post(
        f"/api/v1/incidents/{incident_id}/assign",
        json={"contractor_id": contractor["id"]},
        headers=headers,
    )
    assert refused.status_code == 422
    restored = await client.post(f"/api/v1/contractors/{contractor['id']}/restore", headers=headers)
    assert restored.json()["archived_at"] is None


async def test_a_visit_in_the_past_is_refused(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    headers = await factory.headers(book.manager)
    incident_id = (await _report(client, await factory.headers(book.tenant))).json()["id"]
    contractor = await _contractor(client, headers)
    await client.post(
        f"/api/v1/incidents/{incident_id}/qualify", json={"priority": "low"}, headers=headers
    )
    await client.post(
        f"/api/v1/incidents/{incident_id}/assign",
        json={"contractor_id": contractor["id"]},
        headers=headers,
    )

    past = await client.post(
        f"/api/v1/incidents/{incident_id}/schedule",
        json={"scheduled_for": "2026-11-22T09:00:00Z"},
        headers=headers,
    )
    naive = await client.post(
        f"/api/v1/incidents/{incident_id}/schedule",
        json={"scheduled_for": "2026-11-30T09:00:00"},
        headers=headers,
    )

    assert past.status_code == 422
    assert past.json()["errors"][0]["field"] == "scheduled_for"
    assert naive.status_code == 422


async def test_forgetting_a_tenant_drops_their_photos_and_availability(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    headers = await factory.headers(book.tenant)
    incident_id = (await _report(client, headers, photos=[("a.png", PNG, "image/png")])).json()[
        "id"
    ]

    await incidents.forget_tenant_incidents(
        session, book.agency.id, book.tenant.id, _needles(book.tenant)
    )

    kept = await client.get(
        f"/api/v1/incidents/{incident_id}", headers=await factory.headers(book.manager)
    )
    assert kept.json()["title"] == "Kitchen tap leaking"
    assert (kept.json()["photos"], kept.json()["availability"]) == ([], None)


def _needles(tenant: Tenant) -> Needles:
    return Needles(tenant.first_name, tenant.last_name, tenant.email, tenant.phone)


async def test_forgetting_a_tenant_rewrites_them_out_of_their_homes_incidents(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    """What the tenant typed and what staff wrote about them loses their name, e-mail and
    phone, on their reports and their flatmate's; a report about another home keeps its text
    (another person may have the same first name)."""
    person = await factory.tenant(book.agency, first_name="Zephyrine")
    person.last_name, person.email, person.phone = "Quillfeather", "zq@example.org", "+32470999111"
    flatmate = await factory.tenant(book.agency, first_name="Oscar")
    await factory.lease(book.agency, [person, flatmate])
    neighbour = await factory.tenant(book.agency, first_name="Nora")
    await factory.lease(book.agency, [neighbour])
    await session.flush()
    staff = await factory.headers(book.manager)
    manager_id = book.manager.id

    own = await _report(
        client,
        await factory.headers(person),
        title="Zephyrine's tap leaks",
        description="Ring Quillfeather on +32470999111 or zq@example.org",
    )
    shared = await _report(
        client, await factory.headers(flatmate), title="Window in Zephyrine's room"
    )
    other = await _report(client, await factory.headers(neighbour), title="Zephyrine window")
    assert {own.status_code, shared.status_code, other.status_code} == {201}, own.text
    for incident_id in (own.json()["id"], shared.json()["id"]):
        rejected = await client.post(
            f"/api/v1/incidents/{incident_id}/reject",
            json={"reason": "Zephyrine fixed it", "internal_note": "zq@example.org called"},
            headers=staff | {"Idempotency-Key": str(uuid.uuid4())},
        )
        assert rejected.status_code == 200, rejected.text

    await incidents.forget_tenant_incidents(session, book.agency.id, person.id, _needles(person))

    session.expire_all()
    rows = {
        str(row.id): row for row in await session.scalars(select(Incident).order_by(Incident.id))
    }
    mine, theirs, elsewhere = (
        rows[own.json()["id"]],
        rows[shared.json()["id"]],
        rows[other.json()["id"]],
    )
    assert (mine.title, mine.description) == (
        "[deleted]'s tap leaks",
        "Ring [deleted] on [deleted] or [deleted]",
    )
    assert theirs.title == "Window in [deleted]'s room"
    assert mine.rejection_reason == theirs.rejection_reason == "[deleted] fixed it"
    notes = await session.execute(
        select(IncidentEvent.note, IncidentEvent.internal_note).where(
            IncidentEvent.incident_id.in_([mine.id, theirs.id]), IncidentEvent.note.is_not(None)
        )
    )
    assert sorted(tuple(row) for row in notes) == [("[deleted] fixed it", "[deleted] called")] * 2
    assert elsewhere.title == "Zephyrine window"
    # The managers' e-mails about the reports quoted them too.
    staff_emails = await _emails(session, incidents.STAFF_REPORTED_EMAIL)
    naming = [m.dedupe_key for m in staff_emails if "Zephyrine" in m.subject + m.text_body]
    assert naming == [f"incident-reported:{elsewhere.id}:{manager_id}"]


def test_the_api_process_registers_the_incident_messages() -> None:
    """Incidents are reported and moved on through the API only: its process must have the
    writers of their e-mails registered (a report would otherwise fail)."""
    kinds = subprocess.run(
        [
            sys.executable,
            "-c",
            "import doorstep.app\n"
            "from doorstep.notifications.service import composer_kinds\n"
            "print(' '.join(sorted(composer_kinds())))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {incidents.STAFF_REPORTED_EMAIL, *incidents.TENANT_EMAILS.values()} <= set(kinds)


async def test_a_tenant_who_chose_dutch_reads_the_incident_e_mails_in_dutch(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency("Immo Bruxelles")
    agency.locale = "fr-BE"
    tenant = await factory.tenant(agency)
    tenant.language = "nl"
    await factory.lease(agency, [tenant])
    await factory.staff(agency, StaffRole.OWNER)

    sent = await _report(client, await factory.headers(tenant))

    assert sent.status_code == 201, sent.text
    (received,) = await _emails(session, "incident_received")
    assert received.subject == "Immo Bruxelles heeft uw melding ontvangen: Kitchen tap leaking"
    assert "Met vriendelijke groeten," in received.text_body
    # The staff's e-mail about it stays in the agency's language.
    (staff,) = await _emails(session, "incident_reported_staff")
    assert "plomberie" in staff.text_body
    assert "sanitair" not in staff.text_body

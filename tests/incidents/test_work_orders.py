"""The work order: assigning a contractor e-mails them the job (address, problem, access,
tenant's contact, photos), planning or moving the visit sends it again with the date, staff see
the latest and can re-send it; nobody else's incident can be sent."""

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
from doorstep.incidents.models import Contractor, IncidentPhoto
from doorstep.incidents.work_orders import PHOTO_MAX_SIDE, WORK_ORDER_EMAIL, render_photo
from doorstep.notifications.models import OutboxAttachment, OutboxMessage
from doorstep.tenants.models import Tenant
from tests.factories import Factory


def _png(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Desk:
    agency: Agency
    manager: StaffUser
    tenant: Tenant


@pytest.fixture
async def desk(factory: Factory) -> Desk:
    agency = await factory.agency("Acme Lettings")
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency, first_name="Tara")
    await factory.lease(agency, [tenant])
    return Desk(agency, manager, tenant)


async def _headers(factory: Factory, who: StaffUser | Tenant) -> dict[str, str]:
    return await factory.headers(who) | {"Idempotency-Key": str(uuid.uuid4())}


async def _reported_and_qualified(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, photos: int = 1
) -> str:
    reported = await client.post(
        "/api/v1/portal/incidents",
        data={
            "category": "plumbing",
            "title": "Kitchen tap leaking",
            "description": "Water drips from the tap even when closed.",
            "availability": "Weekdays after 17:00, key at the neighbour's (no. 12)",
        },
        files=[("photos", (f"tap{n}.png", _png((8, 8)), "image/png")) for n in range(photos)]
        or None,
        headers=await factory.headers(desk.tenant),
    )
    assert reported.status_code == 201, reported.text
    incident_id: str = reported.json()["id"]
    qualified = await client.post(
        f"/api/v1/incidents/{incident_id}/qualify",
        json={"priority": "urgent"},
        headers=await _headers(factory, desk.manager),
    )
    assert qualified.status_code == 200, qualified.text
    return incident_id


async def _contractor(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, email: str | None
) -> str:
    created = await client.post(
        "/api/v1/contractors",
        json={"name": "Plomberie Dupont", "categories": ["plumbing"], "email": email},
        headers=await factory.headers(desk.manager),
    )
    assert created.status_code == 201, created.text
    contractor_id: str = created.json()["id"]
    return contractor_id


async def _work_orders(session: AsyncSession) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == WORK_ORDER_EMAIL)
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
        )
    )


async def test_assigning_sends_the_contractor_the_job_and_a_planned_visit_sends_it_again(
    client: httpx.AsyncClient,
    factory: Factory,
    desk: Desk,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    incident_id = await _reported_and_qualified(client, factory, desk, photos=2)
    contractor_id = await _contractor(client, factory, desk, "jobs@dupont.example")

    assigned = await client.post(
        f"/api/v1/incidents/{incident_id}/assign",
        json={"contractor_id": contractor_id, "internal_note": "Staff-only remark"},
        headers=await _headers(factory, desk.manager),
    )

    assert assigned.status_code == 200, assigned.text
    (order,) = await _work_orders(session)
    assert order.to_address == "jobs@dupont.example"
    assert order.from_name == "Acme Lettings"
    assert order.subject.startswith("Work order from Acme Lettings: plumbing at ")
    body = order.text_body
    for expected in (
        "Priority: urgent",
        "Kitchen tap leaking",
        "Water drips from the tap even when closed.",
        "key at the neighbour's (no. 12)",
        "Tenant: Tara Tenant",
        "No visit is planned yet",
        "The tenant's photos are attached (2).",
    ):
        assert expected in body, expected
    assert "Staff-only remark" not in body
    assert desk.tenant.email not in body  # the contractor calls; the tenant's e-mail stays ours
    attachments = list(
        await session.scalars(
            select(OutboxAttachment).where(OutboxAttachment.message_id == order.id)
        )
    )
    photo_ids = set(
        await session.scalars(
            select(IncidentPhoto.id).where(IncidentPhoto.incident_id == uuid.UUID(incident_id))
        )
    )
    assert {uuid.UUID(a.renderer_ref or "") for a in attachments} == photo_ids
    work_order = assigned.json()["work_order"]
    assert (work_order["to"], work_order["status"], work_order["delivered_at"]) == (
        "jobs@dupont.example",
        "queued",
        None,
    )

    clock.advance_to(clock.now() + timedelta(hours=1))
    scheduled = await client.post(
        f"/api/v1/incidents/{incident_id}/schedule",
        json={"scheduled_for": "2026-11-25T14:00:00+01:00"},
        headers=await _headers(factory, desk.manager),
    )

    assert scheduled.status_code == 200, scheduled.text
    _assigned, second = await _work_orders(session)
    assert "Planned visit: 25 November 2026" in second.text_body
    assert "14:00" in second.text_body
    assert scheduled.json()["work_order"]["queued_at"] == "2026-11-23T10:00:00Z"


async def test_staff_resend_the_work_order_and_nothing_is_sent_without_an_address(
    client: httpx.AsyncClient,
    factory: Factory,
    desk: Desk,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    incident_id = await _reported_and_qualified(client, factory, desk, photos=0)

    too_early = await client.post(
        f"/api/v1/incidents/{incident_id}/work-order",
        headers=await factory.headers(desk.manager),
    )
    assert too_early.status_code == 409

    contractor_id = await _contractor(client, factory, desk, None)
    assigned = await client.post(
        f"/api/v1/incidents/{incident_id}/assign",
        json={"contractor_id": contractor_id},
        headers=await _headers(factory, desk.manager),
    )
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["work_order"] is None
    no_address = await client.post(
        f"/api/v1/incidents/{incident_id}/work-order",
        headers=await factory.headers(desk.manager),
    )
    assert no_address.status_code == 409
    assert "e-mail address" in no_address.json()["detail"]
    assert await _work_orders(session) == []

    contractor = await session.get_one(Contractor, uuid.UUID(contractor_id))
    contractor.email = "new@dupont.example"
    await session.flush()
    clock.advance_to(clock.now() + timedelta(minutes=5))
    resent = await client.post(
        f"/api/v1/incidents/{incident_id}/work-order",
        headers=await factory.headers(desk.manager),
    )

    assert resent.status_code == 200, resent.text
    assert resent.json()["work_order"]["to"] == "new@dupont.example"
    (order,) = await _work_orders(session)
    assert "photos" not in order.text_body


async def test_another_agency_cannot_send_the_work_order(
    client: httpx.AsyncClient, factory: Factory, desk: Desk, session: AsyncSession
) -> None:
    incident_id = await _reported_and_qualified(client, factory, desk, photos=0)
    contractor_id = await _contractor(client, factory, desk, "jobs@dupont.example")
    await client.post(
        f"/api/v1/incidents/{incident_id}/assign",
        json={"contractor_id": contractor_id},
        headers=await _headers(factory, desk.manager),
    )
    stranger = await factory.staff(await factory.agency("Other Lettings"), StaffRole.OWNER)

    refused = await client.post(
        f"/api/v1/incidents/{incident_id}/work-order", headers=await factory.headers(stranger)
    )

    assert refused.status_code == 404
    assert len(await _work_orders(session)) == 1


async def test_a_photo_is_sent_as_a_jpeg_no_larger_than_the_limit(
    session: AsyncSession, factory: Factory, desk: Desk, client: httpx.AsyncClient
) -> None:
    incident_id = await _reported_and_qualified(client, factory, desk, photos=0)
    photo = IncidentPhoto(
        incident_id=uuid.UUID(incident_id),
        file_name="wide.png",
        content_type="image/png",
        file_size=0,
        file_sha256="0" * 64,
        content=_png((4000, 1000)),
    )
    session.add(photo)
    await session.flush()

    rendered = await render_photo(session, str(photo.id), factory.clock.now())

    with Image.open(io.BytesIO(rendered)) as image:
        assert (image.format, image.size) == ("JPEG", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE // 4))


def test_the_worker_process_can_render_the_work_order_photos() -> None:
    """The photos are made at delivery, in the worker: it must have their renderer."""
    registered = subprocess.run(
        [
            sys.executable,
            "-c",
            "import doorstep.worker\n"
            "from doorstep.notifications.service import _RENDERERS\n"
            "print(' '.join(sorted(_RENDERERS)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "incident_work_order_photo" in registered

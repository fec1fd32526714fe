"""Onboarding over HTTP: staff build tasks and flows and invite; the invitee opens the link,
sets a password and walks the steps, saved on the server; staff see progress and answers."""

from __future__ import annotations

import base64
import re
import uuid

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.billing.allocations import AllocationRequest
from doorstep.notifications.models import OutboxMessage
from doorstep.onboarding.models import InviteUpload
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.tenants.models import Tenant
from tests.conftest import NOW
from tests.factories import Factory

_TOKEN = re.compile(r"/portal/invite/([A-Za-z0-9_\-]+)")


async def _last_link(session: AsyncSession, email: str) -> str:
    text = await session.scalar(
        select(OutboxMessage.text_body)
        .where(OutboxMessage.to_address == email)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(1)
    )
    assert text is not None
    found = _TOKEN.search(text)
    assert found
    return found.group(1)


async def _flow(client: httpx.AsyncClient, staff: dict[str, str]) -> dict[str, object]:
    form = await client.post(
        "/api/v1/onboarding/tasks",
        json={
            "name": "About you",
            "kind": "form",
            "fields": [{"key": "employer", "label": "Employer"}],
        },
        headers=staff,
    )
    assert form.status_code == 201, form.text
    rules = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "House rules", "kind": "read_and_accept", "text": "Quiet after 22:00."},
        headers=staff,
    )
    upload = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "ID", "kind": "document_upload", "document_label": "Identity card"},
        headers=staff,
    )
    deposit = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "Deposit", "kind": "payment", "description": "Rental deposit"},
        headers=staff,
    )
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={
            "name": "New tenant",
            "task_ids": [t.json()["id"] for t in (form, rules, upload, deposit)],
        },
        headers=staff,
    )
    assert flow.status_code == 201, flow.text
    body: dict[str, object] = flow.json()
    assert body["has_payment_steps"] is True
    return body


async def test_invite_redeem_and_walk_the_steps(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    staff = await factory.headers(manager)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    # The deposit is paid by bank transfer below: the readiness review wants bank details.
    await factory.bank_details(agency)
    flow = await _flow(client, staff)
    email = f"ines-{uuid.uuid4().hex[:6]}@example.com"

    missing_amount = await client.post(
        "/api/v1/onboarding/invites",
        json={
            "first_name": "Ines",
            "last_name": "Vitée",
            "email": email,
            "flow_id": flow["id"],
            "lease_id": str(lease.id),
        },
        headers=staff,
    )
    assert missing_amount.status_code == 422
    assert missing_amount.json()["errors"][0]["field"] == "payment_amounts"
    created = await client.post(
        "/api/v1/onboarding/invites",
        json={
            "first_name": "Ines",
            "last_name": "Vitée",
            "email": email,
            "flow_id": flow["id"],
            "lease_id": str(lease.id),
            "payment_amounts": [{"position": 4, "amount": 150_000}],
        },
        headers=staff,
    )
    assert created.status_code == 201, created.text
    invite = created.json()
    assert invite["status"] == "pending"
    assert invite["steps_total"] == 4
    assert invite["expires_at"].startswith("2026-11-30T09:00:00")

    listed = await client.get(
        "/api/v1/onboarding/invites", params={"q": "vitée", "status": "pending"}, headers=staff
    )
    assert [i["id"] for i in listed.json()["items"]] == [invite["id"]]
    none = await client.get("/api/v1/onboarding/invites", params={"status": "used"}, headers=staff)
    assert none.json()["items"] == []

    token = await _last_link(session, email)
    page = await client.get(f"/api/v1/invites/{token}")
    assert page.status_code == 200
    assert page.json()["first_name"] == "Ines"
    # The page shows the expiry on the agency's clock, as the agency app does (issue 11).
    assert page.json()["agency_timezone"] == agency.timezone
    assert page.json()["agency_locale"] == agency.locale
    weak = await client.post(f"/api/v1/invites/{token}/accept", json={"password": "short"})
    assert weak.status_code == 422
    accepted = await client.post(
        f"/api/v1/invites/{token}/accept", json={"password": "a long enough password"}
    )
    assert accepted.status_code == 200, accepted.text
    assert "doorstep_tenant_refresh" in accepted.headers["set-cookie"]
    tenant_headers = {"Authorization": f"Bearer {accepted.json()['access_token']}"}
    again = await client.post(
        f"/api/v1/invites/{token}/accept", json={"password": "another long password"}
    )
    assert again.status_code == 410
    assert "already been used" in again.json()["detail"]
    assert again.json()["type"].endswith(":invite-link-used")

    onboarding = (await client.get("/api/v1/portal/onboarding", headers=tenant_headers)).json()
    mine = onboarding["invite_id"]
    assert mine == invite["id"]
    assert onboarding["steps_done"] == 0
    assert onboarding["next_position"] == 1
    deposit_step = onboarding["steps"][3]
    assert deposit_step["amount"] == {"amount": 150_000, "currency": "EUR"}
    assert deposit_step["invoice_id"]

    missing = await client.put(
        f"/api/v1/portal/onboarding/{mine}/steps/1/form",
        json={"answers": {}},
        headers=tenant_headers,
    )
    assert missing.status_code == 422
    saved = await client.put(
        f"/api/v1/portal/onboarding/{mine}/steps/1/form",
        json={"answers": {"employer": "Acme"}},
        headers=tenant_headers,
    )
    assert saved.status_code == 204, saved.text
    stale = await client.post(
        f"/api/v1/portal/onboarding/{mine}/steps/2/accept",
        json={"text_version": 2},
        headers=tenant_headers,
    )
    assert stale.status_code == 422
    await client.post(
        f"/api/v1/portal/onboarding/{mine}/steps/2/accept",
        json={"text_version": 1},
        headers=tenant_headers,
    )
    wrong_kind = await client.post(
        f"/api/v1/portal/onboarding/{mine}/steps/1/accept",
        json={"text_version": 1},
        headers=tenant_headers,
    )
    assert wrong_kind.status_code == 409
    # A second upload replaces the first: the step keeps one document.
    for file_name in ("id-front.pdf", "id.pdf"):
        uploaded = await client.put(
            f"/api/v1/portal/onboarding/{mine}/steps/3/document",
            json={
                "file_name": file_name,
                "content_type": "application/pdf",
                "content_base64": base64.b64encode(b"%PDF-1.4 id").decode(),
            },
            headers=tenant_headers,
        )
        assert uploaded.status_code == 204, uploaded.text
    kept = await session.scalars(
        select(InviteUpload.file_name).where(InviteUpload.invite_id == uuid.UUID(mine))
    )
    assert kept.all() == ["id.pdf"]

    # Resumed from "another device": the progress is the server's.
    onboarding = (await client.get("/api/v1/portal/onboarding", headers=tenant_headers)).json()
    assert onboarding["steps_done"] == 3
    assert onboarding["next_position"] == 4
    assert onboarding["steps"][0]["answers"] == {"employer": "Acme"}

    tenant = await session.scalar(select(Tenant).where(func.lower(Tenant.email) == email))
    assert tenant is not None
    await record_offline_payment(
        session,
        agency,
        manager,
        lease_id=lease.id,
        tenant_id=tenant.id,
        amount=150_000,
        currency="EUR",
        method=PaymentMethod.BANK_TRANSFER,
        received_on=NOW.date(),
        reference="DEPOSIT",
        allocations=[AllocationRequest(uuid.UUID(deposit_step["invoice_id"]), 150_000)],
        now=NOW,
    )
    onboarding = (await client.get("/api/v1/portal/onboarding", headers=tenant_headers)).json()
    assert onboarding["complete"] is True

    detail = (await client.get(f"/api/v1/onboarding/invites/{invite['id']}", headers=staff)).json()
    assert detail["status"] == "used"
    assert detail["tenant_id"] == str(tenant.id)
    assert detail["steps_done"] == 4
    assert detail["steps"][1]["accepted_text_version"] == 1
    assert detail["steps"][2]["uploaded_file_name"] == "id.pdf"
    customers = await client.get(
        "/api/v1/tenants", params={"has_portal_account": "true", "q": "Vitée"}, headers=staff
    )
    assert [c["id"] for c in customers.json()["items"]] == [str(tenant.id)]


async def test_resend_and_cancel(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    existing = await factory.tenant(agency, portal=False, first_name="Known")
    # Ready for the review (seed 000): on an active lease, and a way to pay (bank transfer).
    await factory.lease(agency, [existing])
    await factory.bank_details(agency)
    task = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "Rules", "kind": "read_and_accept", "text": "Be kind."},
        headers=staff,
    )
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Short", "task_ids": [task.json()["id"]]},
        headers=staff,
    )
    created = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow.json()["id"], "tenant_id": str(existing.id)},
        headers=staff,
    )
    assert created.status_code == 201, created.text
    invite = created.json()
    assert (invite["first_name"], invite["email"]) == ("Known", existing.email)
    old = await _last_link(session, existing.email)

    resent = await client.post(f"/api/v1/onboarding/invites/{invite['id']}/resend", headers=staff)
    assert resent.status_code == 200
    new = await _last_link(session, existing.email)
    assert new != old
    assert (await client.get(f"/api/v1/invites/{old}")).status_code == 404
    assert (await client.get(f"/api/v1/invites/{new}")).status_code == 200

    cancelled = await client.post(
        f"/api/v1/onboarding/invites/{invite['id']}/cancel", headers=staff
    )
    assert cancelled.json()["status"] == "cancelled"
    refused = await client.get(f"/api/v1/invites/{new}")
    assert refused.status_code == 410
    assert "cancelled" in refused.json()["detail"]
    assert refused.json()["type"].endswith(":invite-link-cancelled")
    twice = await client.post(f"/api/v1/onboarding/invites/{invite['id']}/cancel", headers=staff)
    assert twice.status_code == 409
    no_resend = await client.post(
        f"/api/v1/onboarding/invites/{invite['id']}/resend", headers=staff
    )
    assert no_resend.status_code == 409


async def test_unknown_links_are_throttled(client: httpx.AsyncClient) -> None:
    for _ in range(20):
        assert (await client.get(f"/api/v1/invites/{uuid.uuid4().hex}")).status_code == 404
    throttled = await client.get(f"/api/v1/invites/{uuid.uuid4().hex}")
    assert throttled.status_code == 429

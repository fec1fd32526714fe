"""The readiness review (seed 000): each checklist item made to fail and then to pass, the
refusal of an invite or a payment link while something blocks, the override with a reason
(recorded with who and when), and a tenant on several leases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.billing.models import InvoiceKind
from doorstep.billing.service import NewLine, create_invoice, generate_rent_invoices
from doorstep.collections.models import PaymentLinkEmail
from doorstep.notifications.models import OutboxMessage, OutboxStatus
from doorstep.readiness.models import ReadinessOverride
from doorstep.recurring.models import SetupMethod, SetupStatus
from doorstep.tenants.models import Tenant
from tests.conftest import NOW, settings_for_tests
from tests.factories import Factory
from tests.recurring.builders import recurring_setup


def _features(agency: Agency, **switches: bool) -> None:
    settings = dict(agency.settings)
    settings["features"] = {**settings.get("features", {}), **switches}
    agency.settings = settings


def _gateway(app: FastAPI, configured: bool) -> None:
    app.state.settings = settings_for_tests(
        stripe_secret_key="sk_test_readiness" if configured else None
    )


async def _checklist(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    tenant: Tenant,
    *,
    purpose: str = "invite",
    lease_id: object = None,
) -> dict[str, Any]:
    params = {"purpose": purpose}
    if lease_id is not None:
        params["lease_id"] = str(lease_id)
    answer = await client.get(
        f"/api/v1/tenants/{tenant.id}/readiness", params=params, headers=headers
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _item(checklist: dict[str, Any], key: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [item for item in checklist["items"] if item["key"] == key]
    assert len(found) == 1
    return found[0]


class Ready:
    """An agency whose tenant is ready to be invited: phone, e-mail, one active lease, bank
    details, the portal and card payments on, the gateway configured."""

    def __init__(
        self, agency: Agency, staff: StaffUser, headers: dict[str, str], tenant: Tenant
    ) -> None:
        self.agency, self.staff, self.headers, self.tenant = agency, staff, headers, tenant


async def _ready(factory: Factory, app: FastAPI) -> Ready:
    agency = await factory.agency()
    _features(agency, online_payments=True, payment_links=True)
    await factory.bank_details(agency)
    _gateway(app, True)
    staff = await factory.staff(agency, StaffRole.MANAGER)
    # Not yet in the portal: the invite is what gives them an account.
    tenant = await factory.tenant(agency, portal=False)
    await factory.lease(agency, [tenant])
    return Ready(agency, staff, await factory.headers(staff), tenant)


async def test_a_ready_tenant_has_every_item_ok(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    ready = await _ready(factory, app)
    checklist = await _checklist(client, ready.headers, ready.tenant)
    assert [item["key"] for item in checklist["items"]] == [
        "email",
        "phone",
        "lease",
        "unit",
        "schedule",
        "invoices",
        "payment_method",
        "integration",
    ]
    assert {item["key"]: item["status"] for item in checklist["items"]} == dict.fromkeys(
        [item["key"] for item in checklist["items"]], "ok"
    )
    assert checklist["blocking"] is False
    assert len(checklist["leases"]) == 1
    assert checklist["lease_id"] == checklist["leases"][0]["id"]
    unit = _item(checklist, "unit")
    assert unit["params"]["unit"] == "1A"
    assert "Avenue Louise 120" in unit["message"]
    schedule = _item(checklist, "schedule")
    assert schedule["params"]["amount"] == 95_000
    assert schedule["params"]["next_due"] == "2026-12-01"


async def test_email_fails_after_an_undelivered_message_and_passes_after_a_delivered_one(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)

    def message(status: OutboxStatus) -> OutboxMessage:
        return OutboxMessage(
            agency_id=ready.agency.id,
            kind="test",
            to_address=ready.tenant.email.upper(),
            subject="Hello",
            text_body="Hello",
            status=status,
            attempts=1,
        )

    bounced = message(OutboxStatus.FAILED)
    session.add(bounced)
    await session.flush()
    email = _item(await _checklist(client, ready.headers, ready.tenant), "email")
    assert email["status"] == "blocking"
    assert email["code"] == "email.undeliverable"
    assert email["fix"] == {"kind": "tenant", "id": str(ready.tenant.id)}

    # The address was corrected and a later e-mail went through.
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == bounced.id)
        .values(created_at=NOW - timedelta(days=1))
    )
    session.add(message(OutboxStatus.SENT))
    await session.flush()
    email = _item(await _checklist(client, ready.headers, ready.tenant), "email")
    assert email["status"] == "ok"


async def test_phone_is_a_warning_when_missing(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    ready.tenant.phone = None
    await session.flush()
    phone = _item(await _checklist(client, ready.headers, ready.tenant), "phone")
    assert phone["status"] == "warning"
    assert phone["code"] == "phone.missing"
    assert phone["fix"]["kind"] == "tenant"

    ready.tenant.phone = "+32470999888"
    await session.flush()
    phone = _item(await _checklist(client, ready.headers, ready.tenant), "phone")
    assert (phone["status"], phone["params"]["phone"]) == ("ok", "+32470999888")


async def test_lease_unit_schedule_and_invoices_block_without_a_lease(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    ready = await _ready(factory, app)
    alone = await factory.tenant(ready.agency, first_name="Lone", portal=False)
    checklist = await _checklist(client, ready.headers, alone)
    for key in ("lease", "unit", "schedule", "invoices"):
        assert _item(checklist, key)["status"] == "blocking", key
    assert _item(checklist, "lease")["code"] == "lease.none"
    assert checklist["blocking"] is True
    assert checklist["lease_id"] is None

    lease = await factory.lease(ready.agency, [alone])
    checklist = await _checklist(client, ready.headers, alone)
    for key in ("lease", "unit", "schedule", "invoices"):
        assert _item(checklist, key)["status"] == "ok", key
    assert checklist["lease_id"] == str(lease.id)


async def test_a_lease_that_is_not_active_blocks(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    ready = await _ready(factory, app)
    draft = await factory.lease(ready.agency, [ready.tenant], active=False)
    checklist = await _checklist(client, ready.headers, ready.tenant, lease_id=draft.id)
    lease = _item(checklist, "lease")
    assert (lease["status"], lease["code"]) == ("blocking", "lease.not_active")
    assert _item(checklist, "schedule")["code"] == "schedule.not_active"
    # The draft is offered in the picker beside the active lease.
    assert {choice["status"] for choice in checklist["leases"]} == {"active", "draft"}


async def test_the_schedule_warns_when_no_rent_falls_due_any_more(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    agency_ready = await _ready(factory, app)
    tenant = await factory.tenant(agency_ready.agency, first_name="Leaving")
    lease = await factory.lease(
        agency_ready.agency,
        [tenant],
        start=NOW.date() - timedelta(days=400),
        end=NOW.date() - timedelta(days=3),
    )
    schedule = _item(await _checklist(client, agency_ready.headers, tenant), "schedule")
    assert (schedule["status"], schedule["code"]) == ("warning", "schedule.ended")

    lease.holding_over = True  # seed 003: a tenancy holding over carries on
    await session.flush()
    schedule = _item(await _checklist(client, agency_ready.headers, tenant), "schedule")
    assert schedule["status"] == "ok"


async def test_open_invoices_must_agree_with_the_rent(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    # The rent generated from the schedule agrees with the lease.
    assert await generate_rent_invoices(session, NOW, only_agency=ready.agency.id) == 1
    invoices = _item(await _checklist(client, ready.headers, ready.tenant), "invoices")
    assert (invoices["status"], invoices["code"]) == ("ok", "invoices.ok")
    assert (invoices["params"]["count"], invoices["params"]["outstanding"]) == (1, 95_000)

    lease_id = (await _checklist(client, ready.headers, ready.tenant))["lease_id"]
    # A rent invoice typed by hand for more than the rent.
    wrong = await create_invoice(
        session,
        ready.agency,
        ready.staff,
        lease_id=lease_id,
        kind=InvoiceKind.RENT,
        due_date=NOW.date() + timedelta(days=5),
        lines=[NewLine("Rent", 120_000)],
        now=NOW,
    )
    invoices = _item(await _checklist(client, ready.headers, ready.tenant), "invoices")
    assert (invoices["status"], invoices["code"]) == ("blocking", "invoices.too_high")
    assert (invoices["params"]["amount"], invoices["params"]["expected"]) == (120_000, 95_000)
    assert invoices["fix"] == {"kind": "invoice", "id": str(wrong.id)}

    # Voided, it asks for nothing any more.
    response = await client.post(
        f"/api/v1/invoices/{wrong.id}/void", json={"reason": "Typed wrong"}, headers=ready.headers
    )
    assert response.status_code == 200, response.text
    invoices = _item(await _checklist(client, ready.headers, ready.tenant), "invoices")
    assert invoices["status"] == "ok"

    # One asking for less than the rent is a warning.
    await create_invoice(
        session,
        ready.agency,
        ready.staff,
        lease_id=lease_id,
        kind=InvoiceKind.RENT,
        due_date=NOW.date() + timedelta(days=5),
        lines=[NewLine("Rent", 90_000)],
        now=NOW,
    )
    invoices = _item(await _checklist(client, ready.headers, ready.tenant), "invoices")
    assert (invoices["status"], invoices["code"]) == ("warning", "invoices.too_low")


async def test_draft_invoices_are_a_warning(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    ready.agency.settings = {**ready.agency.settings, "auto_approve_invoices": False}
    lease_id = (await _checklist(client, ready.headers, ready.tenant))["lease_id"]
    await create_invoice(
        session,
        ready.agency,
        ready.staff,
        lease_id=lease_id,
        kind=InvoiceKind.FEE,
        due_date=NOW.date(),
        lines=[NewLine("Keys", 5_000)],
        now=NOW,
    )
    invoices = _item(await _checklist(client, ready.headers, ready.tenant), "invoices")
    assert (invoices["status"], invoices["code"]) == ("warning", "invoices.drafts")


async def test_payment_method_blocks_when_the_tenant_could_not_pay(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.MANAGER)
    headers = await factory.headers(staff)
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant])
    _gateway(app, False)
    method = _item(await _checklist(client, headers, tenant), "payment_method")
    assert (method["status"], method["code"]) == ("blocking", "payment_method.none")
    assert method["fix"] == {"kind": "settings", "id": None}

    await factory.bank_details(agency)
    method = _item(await _checklist(client, headers, tenant), "payment_method")
    assert (method["status"], method["params"]["methods"]) == ("ok", "transfer")

    _features(agency, online_payments=True)
    await session.flush()
    _gateway(app, True)
    method = _item(await _checklist(client, headers, tenant), "payment_method")
    assert (method["status"], method["params"]["methods"]) == ("ok", "card,transfer")


async def test_integration_status_for_an_invite(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    _features(ready.agency, tenant_portal=False)
    await session.flush()
    item = _item(await _checklist(client, ready.headers, ready.tenant), "integration")
    assert (item["status"], item["code"]) == ("blocking", "integration.portal_off")

    _features(ready.agency, tenant_portal=True, online_payments=False)
    await session.flush()
    item = _item(await _checklist(client, ready.headers, ready.tenant), "integration")
    assert (item["status"], item["code"]) == ("warning", "integration.cards_off")

    _features(ready.agency, online_payments=True)
    await session.flush()
    _gateway(app, False)
    item = _item(await _checklist(client, ready.headers, ready.tenant), "integration")
    assert (item["status"], item["code"]) == ("warning", "integration.gateway_missing")

    _gateway(app, True)
    item = _item(await _checklist(client, ready.headers, ready.tenant), "integration")
    assert item["status"] == "ok"


async def test_integration_status_for_a_payment_link(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    _features(ready.agency, payment_links=False)
    await session.flush()
    item = _item(
        await _checklist(client, ready.headers, ready.tenant, purpose="payment_link"),
        "integration",
    )
    assert (item["status"], item["code"]) == ("blocking", "integration.links_off")

    _features(ready.agency, payment_links=True)
    await session.flush()
    _gateway(app, False)
    item = _item(
        await _checklist(client, ready.headers, ready.tenant, purpose="payment_link"),
        "integration",
    )
    assert (item["status"], item["code"]) == ("blocking", "integration.gateway_missing")

    _gateway(app, True)
    checklist = await _checklist(client, ready.headers, ready.tenant, purpose="payment_link")
    assert _item(checklist, "integration")["status"] == "ok"
    assert _item(checklist, "payment_method")["code"] == "payment_method.link"


async def test_a_tenant_on_several_leases_picks_one(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    ready = await _ready(factory, app)
    second_unit = await factory.unit(ready.agency, name="2B")
    second = await factory.lease(ready.agency, [ready.tenant], unit=second_unit)
    checklist = await _checklist(client, ready.headers, ready.tenant)
    lease = _item(checklist, "lease")
    assert (lease["status"], lease["code"], lease["params"]["count"]) == (
        "blocking",
        "lease.several",
        2,
    )
    assert checklist["lease_id"] is None
    assert len(checklist["leases"]) == 2

    picked = await _checklist(client, ready.headers, ready.tenant, lease_id=second.id)
    assert picked["lease_id"] == str(second.id)
    assert _item(picked, "lease")["status"] == "ok"
    assert _item(picked, "unit")["params"]["unit"] == "2B"
    assert picked["blocking"] is False

    # The send routes need the lease too: an invite naming the second lease goes.
    flow = await _flow(client, ready.headers)
    blocked = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow, "tenant_id": str(ready.tenant.id)},
        headers=ready.headers,
    )
    assert blocked.status_code == 409
    assert [e["field"] for e in blocked.json()["errors"]] == [
        "readiness.lease",
        "readiness.unit",
        "readiness.schedule",
        "readiness.invoices",
    ]
    sent = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow, "tenant_id": str(ready.tenant.id), "lease_id": str(second.id)},
        headers=ready.headers,
    )
    assert sent.status_code == 201, sent.text


async def _flow(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    task = await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": "Rules", "kind": "read_and_accept", "text": "Be kind."},
        headers=headers,
    )
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Short", "task_ids": [task.json()["id"]]},
        headers=headers,
    )
    assert flow.status_code == 201, flow.text
    flow_id: str = flow.json()["id"]
    return flow_id


async def test_an_invite_is_refused_while_blocked_and_sent_with_a_reason(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    alone = await factory.tenant(ready.agency, first_name="Lone", portal=False)
    flow = await _flow(client, ready.headers)
    body: dict[str, Any] = {"flow_id": flow, "tenant_id": str(alone.id)}

    refused = await client.post("/api/v1/onboarding/invites", json=body, headers=ready.headers)
    assert refused.status_code == 409
    problem = refused.json()
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert problem["type"].endswith(":readiness-blocked")
    assert "readiness.lease" in [e["field"] for e in problem["errors"]]
    # Nothing was sent: no invite, no e-mail.
    assert (
        await session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.to_address == alone.email)
        )
        is None
    )
    listed = await client.get("/api/v1/onboarding/invites", headers=ready.headers)
    assert listed.json()["items"] == []

    for reason in ("", "   "):
        empty = await client.post(
            "/api/v1/onboarding/invites",
            json=body | {"readiness_override": {"reason": reason}},
            headers=ready.headers,
        )
        assert empty.status_code == 422, empty.text
        assert empty.json()["errors"][0]["field"].startswith("readiness_override.reason")

    sent = await client.post(
        "/api/v1/onboarding/invites",
        json=body | {"readiness_override": {"reason": "  The lease is signed tomorrow.  "}},
        headers=ready.headers,
    )
    assert sent.status_code == 201, sent.text
    invite_id = sent.json()["id"]

    recorded = await client.get(
        "/api/v1/readiness-overrides", params={"tenant_id": str(alone.id)}, headers=ready.headers
    )
    assert recorded.status_code == 200
    [override] = recorded.json()["items"]
    assert override["action"] == "invite"
    assert override["subject_id"] == invite_id
    assert override["reason"] == "The lease is signed tomorrow."
    assert override["overridden_by_id"] == str(ready.staff.id)
    assert override["overridden_by_name"] == f"{ready.staff.first_name} {ready.staff.last_name}"
    assert override["overridden_at"] == NOW.isoformat().replace("+00:00", "Z")
    assert "lease" in [item["key"] for item in override["blocking"]]

    # Resending is reviewed again: still blocked, so it needs its own reason.
    again = await client.post(
        f"/api/v1/onboarding/invites/{invite_id}/resend", headers=ready.headers
    )
    assert again.status_code == 409
    again = await client.post(
        f"/api/v1/onboarding/invites/{invite_id}/resend",
        json={"readiness_override": {"reason": "Asked by phone"}},
        headers=ready.headers,
    )
    assert again.status_code == 200, again.text
    actions = await session.scalars(
        select(ReadinessOverride.action)
        .where(ReadinessOverride.subject_id == invite_id)
        .order_by(ReadinessOverride.created_at, ReadinessOverride.action)
    )
    assert sorted(a.value for a in actions) == ["invite", "invite_resend"]


async def test_an_invite_to_a_ready_tenant_goes_without_override(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    flow = await _flow(client, ready.headers)
    sent = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow, "tenant_id": str(ready.tenant.id)},
        headers=ready.headers,
    )
    assert sent.status_code == 201, sent.text
    assert await session.scalar(select(ReadinessOverride.id)) is None


async def test_a_payment_link_is_refused_while_blocked_and_created_with_a_reason(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    lease_id = (await _checklist(client, ready.headers, ready.tenant))["lease_id"]
    accountant = await factory.staff(ready.agency, StaffRole.ACCOUNTANT)
    headers = await factory.headers(accountant)
    wrong = await create_invoice(
        session,
        ready.agency,
        ready.staff,
        lease_id=lease_id,
        kind=InvoiceKind.RENT,
        due_date=NOW.date() + timedelta(days=5),
        lines=[NewLine("Rent", 190_000)],
        now=NOW,
    )
    path = f"/api/v1/invoices/{wrong.id}/payment-links"
    refused = await client.post(path, headers=headers)
    assert refused.status_code == 409, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["readiness.invoices"]

    empty = await client.post(path, json={"readiness_override": {"reason": ""}}, headers=headers)
    assert empty.status_code == 422

    created = await client.post(
        path,
        json={"readiness_override": {"reason": "The tenant agreed to pay two months at once."}},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    override = await session.scalar(select(ReadinessOverride))
    assert override is not None
    assert override.subject_id.hex == created.json()["id"].replace("-", "")
    assert override.overridden_by_id == accountant.id
    assert override.overridden_at == NOW
    assert override.tenant_id == ready.tenant.id

    # A tenant who is not on the invoice's lease is refused as input.
    stranger = await factory.tenant(ready.agency, first_name="Other")
    other = await client.post(path, json={"tenant_id": str(stranger.id)}, headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "tenant_id"


async def test_records_of_another_agency_do_not_exist(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    ready = await _ready(factory, app)
    other = await _ready(factory, app)
    missing = await client.get(
        f"/api/v1/tenants/{other.tenant.id}/readiness", headers=ready.headers
    )
    assert missing.status_code == 404
    other_lease = (await _checklist(client, other.headers, other.tenant))["lease_id"]
    missing = await client.get(
        f"/api/v1/tenants/{ready.tenant.id}/readiness",
        params={"lease_id": other_lease},
        headers=ready.headers,
    )
    assert missing.status_code == 404


async def test_payment_method_counts_an_active_recurring_setup(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.staff(agency, StaffRole.MANAGER)
    headers = await factory.headers(staff)
    # The set-ups are written straight to the database; without a portal account the tenant can
    # still be invited at the end (a tenant who has one is not invited again).
    tenant = await factory.tenant(agency, portal=False)
    lease = await factory.lease(agency, [tenant])
    other_lease = await factory.lease(agency, [tenant], unit=await factory.unit(agency, name="9Z"))
    _gateway(app, False)  # neither card payments nor bank details: no way to pay
    method = _item(await _checklist(client, headers, tenant, lease_id=lease.id), "payment_method")
    assert (method["status"], method["code"]) == ("blocking", "payment_method.none")

    # A direct debit set up for another lease does not pay this one.
    elsewhere = await recurring_setup(factory, agency, other_lease, tenant)
    elsewhere.method = SetupMethod.SEPA_DEBIT
    await session.flush()
    method = _item(await _checklist(client, headers, tenant, lease_id=lease.id), "payment_method")
    assert method["status"] == "blocking"

    setup = await recurring_setup(factory, agency, lease, tenant)
    setup.method = SetupMethod.SEPA_DEBIT
    await session.flush()
    method = _item(await _checklist(client, headers, tenant, lease_id=lease.id), "payment_method")
    assert (method["status"], method["code"]) == ("ok", "payment_method.ok")
    assert method["params"]["methods"] == "recurring_sepa_debit"
    assert "SEPA direct debit" in method["message"]

    # Ended, it pays nothing any more; a recurring card set-up in its place does.
    setup.status = SetupStatus.ENDED
    await session.flush()
    method = _item(await _checklist(client, headers, tenant, lease_id=lease.id), "payment_method")
    assert method["status"] == "blocking"
    await recurring_setup(factory, agency, lease, tenant)
    method = _item(await _checklist(client, headers, tenant, lease_id=lease.id), "payment_method")
    assert (method["status"], method["params"]["methods"]) == ("ok", "recurring_card")

    # The invite's send is reviewed the same way: it goes without an override.
    flow = await _flow(client, headers)
    _features(agency, online_payments=False)
    await session.flush()
    sent = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow, "tenant_id": str(tenant.id), "lease_id": str(lease.id)},
        headers=headers,
    )
    assert sent.status_code == 201, sent.text
    assert await session.scalar(select(ReadinessOverride.id)) is None


async def _too_high_invoice(session: AsyncSession, ready: Ready, lease_id: str) -> str:
    wrong = await create_invoice(
        session,
        ready.agency,
        ready.staff,
        lease_id=uuid.UUID(lease_id),
        kind=InvoiceKind.RENT,
        due_date=NOW.date() + timedelta(days=5),
        lines=[NewLine("Rent", 190_000)],
        now=NOW,
    )
    return str(wrong.id)


async def test_a_payment_link_email_is_refused_while_blocked_and_sent_with_a_reason(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    lease_id = (await _checklist(client, ready.headers, ready.tenant))["lease_id"]
    invoice_id = await _too_high_invoice(session, ready, lease_id)
    accountant = await factory.staff(ready.agency, StaffRole.ACCOUNTANT)
    headers = await factory.headers(accountant)
    path = f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails"

    refused = await client.post(path, headers=headers)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"].endswith(":readiness-blocked")
    assert [e["field"] for e in refused.json()["errors"]] == ["readiness.invoices"]
    # Nothing was sent, nothing recorded.
    sent_mail = select(OutboxMessage.id).where(OutboxMessage.kind == "payment_link")
    assert (await session.scalars(sent_mail)).all() == []
    assert (await client.get(path, headers=headers)).json() == []

    reason = "The tenant agreed to pay two months at once."
    sent = await client.post(
        path, json={"readiness_override": {"reason": f" {reason} "}}, headers=headers
    )
    assert sent.status_code == 201, sent.text
    assert len((await session.scalars(sent_mail)).all()) == 1

    recorded = await client.get(
        "/api/v1/readiness-overrides", params={"lease_id": lease_id}, headers=ready.headers
    )
    assert recorded.status_code == 200, recorded.text
    [override] = recorded.json()["items"]
    assert override["action"] == "payment_link_email"
    assert override["reason"] == reason
    assert override["tenant_id"] == str(ready.tenant.id)
    assert override["lease_id"] == lease_id
    assert override["overridden_by_id"] == str(accountant.id)
    assert override["overridden_at"] == NOW.isoformat().replace("+00:00", "Z")
    assert [item["code"] for item in override["blocking"]] == ["invoices.too_high"]
    # The override names the link that went out.
    link_id = await session.scalar(
        select(PaymentLinkEmail.payment_link_id).where(
            PaymentLinkEmail.id == uuid.UUID(sent.json()["id"])
        )
    )
    assert override["subject_id"] == str(link_id)


async def test_a_payment_link_email_reviews_every_tenant_of_the_lease(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI, session: AsyncSession
) -> None:
    ready = await _ready(factory, app)
    staff = await factory.staff(ready.agency, StaffRole.MANAGER)
    headers = await factory.headers(staff)
    first = await factory.tenant(ready.agency, first_name="Ann")
    second = await factory.tenant(ready.agency, first_name="Ben")
    lease = await factory.lease(
        ready.agency, [first, second], unit=await factory.unit(ready.agency, name="3C")
    )
    invoice = await factory.invoice(ready.agency, lease, staff, amount=95_000)
    path = f"/api/v1/collections/invoices/{invoice.id}/payment-link-emails"
    assert (
        await client.post(path, headers=headers | {"Idempotency-Key": "ready-0001"})
    ).status_code == 201

    # The second tenant's address bounced since: the next send is blocked for them alone.
    session.add(
        OutboxMessage(
            agency_id=ready.agency.id,
            kind="test",
            to_address=second.email,
            subject="Hello",
            text_body="Hello",
            status=OutboxStatus.FAILED,
            attempts=1,
        )
    )
    await session.flush()
    factory.clock.advance_to(factory.clock.now() + timedelta(minutes=11))
    refused = await client.post(path, headers=headers)
    assert refused.status_code == 409, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["readiness.email"]
    assert second.email in refused.json()["errors"][0]["message"]

    sent = await client.post(
        path,
        json={"readiness_override": {"reason": "Ben gave his new address by phone."}},
        headers=headers,
    )
    assert sent.status_code == 201, sent.text
    overrides = (await session.scalars(select(ReadinessOverride))).all()
    assert [(o.tenant_id, o.lease_id) for o in overrides] == [(second.id, lease.id)]


@pytest.mark.parametrize("override", [{"reason": ""}, {"reason": "   "}, {}, {"reason": None}])
async def test_an_override_without_a_reason_is_refused_on_every_send(
    client: httpx.AsyncClient,
    factory: Factory,
    app: FastAPI,
    session: AsyncSession,
    override: dict[str, Any],
) -> None:
    ready = await _ready(factory, app)
    lease_id = (await _checklist(client, ready.headers, ready.tenant))["lease_id"]
    invoice_id = await _too_high_invoice(session, ready, lease_id)
    flow = await _flow(client, ready.headers)
    sends = {
        "invite": (
            "/api/v1/onboarding/invites",
            {"flow_id": flow, "tenant_id": str(ready.tenant.id)},
        ),
        "payment link": (f"/api/v1/invoices/{invoice_id}/payment-links", {}),
        "payment link e-mail": (
            f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails",
            {},
        ),
    }
    for action, (path, body) in sends.items():
        # Each is blocked by the invoice that asks for too much.
        blocked = await client.post(path, json=body, headers=ready.headers)
        assert blocked.status_code == 409, (action, blocked.text)
        refused = await client.post(
            path, json=body | {"readiness_override": override}, headers=ready.headers
        )
        assert refused.status_code == 422, (action, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["errors"][0]["field"].startswith("readiness_override"), action
    assert await session.scalar(select(ReadinessOverride.id)) is None
    assert await session.scalar(select(PaymentLinkEmail.id)) is None

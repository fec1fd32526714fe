"""Seed 001, Delete a customer: every token stops at once and no table keeps the person's
name, e-mail or phone, while the agency's financial records stay (anonymised)."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.encryption import encrypted_columns, keyring
from doorstep.incidents.models import Incident, IncidentCategory
from doorstep.incidents.service import NewIncident, reject_incident, report_incident
from doorstep.leases.models import Lease
from doorstep.leases.schemas import LeaseUpdate
from doorstep.leases.service import cancel_lease, end_expired_leases, update_lease
from doorstep.models import metadata
from doorstep.onboarding.assignments import assign_task, tenant_assignments
from doorstep.onboarding.assignments import save_form as save_assigned_form
from doorstep.onboarding.assignments import upload_document as upload_assigned_document
from doorstep.onboarding.models import TaskKind
from doorstep.onboarding.schemas import FlowWrite, InviteCreate, TaskCreate
from doorstep.onboarding.service import create_flow, create_invite, create_task
from doorstep.payments.ledger.models import Payment, PaymentMethod, Receipt
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.readiness.models import ReadinessAction, ReadinessOverride
from doorstep.tenants.models import Tenant
from tests.factories import PASSWORD, Factory
from tests.payments_online.conftest import SECRET_KEY, LocalStripe, World, save_card

FIRST, LAST = "Zephyrine", "Quillfeather"
EMAIL = "zephyrine.quillfeather@example.org"
PHONE = "+32470999111"
# Every kind of column that can hold a person's data as text (bytea: uploaded files).
TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb", "ARRAY", "bytea")


async def where_the_person_is(session: AsyncSession, needles: list[str]) -> list[str]:
    """Walk the live schema (so tables added later are covered): every text, JSON, array
    and binary column of every table, searched for each needle in any case."""
    columns = (
        await session.execute(
            text(
                "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
                "JOIN information_schema.tables t USING (table_schema, table_name) "
                "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
                "AND c.data_type = ANY(:types) ORDER BY 1, 2"
            ),
            {"types": list(TEXT_TYPES)},
        )
    ).all()
    assert len({table for table, _, _ in columns}) > 30  # the walk really saw the schema
    sealed = {(column.table, column.column): column for column in encrypted_columns(metadata)}
    found = []
    for table, column, data_type in columns:
        if (table, column) in sealed:
            # Encrypted files: searched once opened, or the walk would find nothing in them.
            target = sealed[table, column]
            values = await session.scalars(
                text(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL')  # noqa: S608 - names from the catalogue
            )
            opened = [keyring().open(bytes(value), target.purpose) for value in values]
            for needle in needles:
                hits = sum(needle.encode() in content for content in opened)
                if hits:
                    found.append(f"{table}.{column} holds {needle!r} ({hits} rows)")
            continue
        if data_type == "bytea":
            # Files: the needle's bytes anywhere in the content, in the case it was written.
            condition = f"position(convert_to(:needle, 'UTF8') in \"{column}\") > 0"
        else:
            condition = f"\"{column}\"::text ILIKE '%' || :needle || '%'"
        for needle in needles:
            hits = await session.scalar(
                text(f'SELECT count(*) FROM "{table}" WHERE {condition}'),  # noqa: S608 - names from the catalogue
                {"needle": needle},
            )
            if hits:
                found.append(f"{table}.{column} holds {needle!r} ({hits} rows)")
    return found


async def gateway_object(localstripe: LocalStripe, path: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.get(
            f"{localstripe.base}/v1/{path}", headers={"Authorization": f"Bearer {SECRET_KEY}"}
        )
    body: dict[str, Any] = response.json()
    body["_status"] = response.status_code
    return body


@pytest.mark.slow
async def test_delete_revokes_every_token_and_leaves_no_personal_data(
    api: httpx.AsyncClient,
    world: World,
    committed_database: Database,
    localstripe: LocalStripe,
    clock: FixedClock,
    pay_app: FastAPI,
) -> None:
    async with committed_database.transaction() as session:
        # An invite (and its e-mail) to the person's address, sent before that address was on
        # their account (a tenant with an account is not invited again), with a flow.
        task = await create_task(
            session,
            world.agency.id,
            TaskCreate(name="About you", kind="form", fields=[{"key": "job", "label": "Job"}]),
        )
        flow = await create_flow(
            session, world.agency.id, FlowWrite(name="Welcome", task_ids=[task.id])
        )
        await create_invite(
            session,
            world.agency,
            world.manager,
            InviteCreate(first_name=FIRST, last_name=LAST, email=EMAIL, flow_id=flow.flow.id),
            now=clock.now(),
            base_url="https://doorstep.example",
            secret="test-secret",
        )
        await session.execute(
            update(Tenant)
            .where(Tenant.id == world.tenant.id)
            .values(first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE)
        )
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        accountant = await factory.staff(world.agency, StaffRole.ACCOUNTANT)
    async with committed_database.transaction() as session:
        # A task assigned to them later, whose answer and uploaded file name them.
        agency = await session.get_one(Agency, world.agency.id)
        manager = await session.get_one(StaffUser, world.manager.id)
        tenant = await session.get_one(Tenant, world.tenant.id)
        upload = await create_task(
            session,
            agency.id,
            TaskCreate(name="Insurance", kind="document_upload", document_label="Policy"),
        )
        for assigned_task in (task, upload):
            await assign_task(
                session,
                agency,
                manager,
                tenant.id,
                task_id=assigned_task.id,
                amount=None,
                lease_id=None,
                now=clock.now(),
                base_url="https://doorstep.example",
            )
        mine = await tenant_assignments(session, tenant, clock.now())
        by_kind = {view.task.kind: view.assignment.id for view in mine}
        await save_assigned_form(
            session, tenant, by_kind[TaskKind.FORM], {"job": f"Works for {LAST} & Co"}, clock.now()
        )
        await upload_assigned_document(
            session,
            tenant,
            by_kind[TaskKind.DOCUMENT_UPLOAD],
            file_name=f"{FIRST}-policy.pdf",
            content_type="application/pdf",
            content_base64=base64.b64encode(f"%PDF-1.4 {FIRST} {LAST}".encode()).decode(),
            now=clock.now(),
        )
    # The tenant signs in on their phone: an access token and a refresh token.
    login = await api.post("/api/v1/auth/tenant/login", json={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 200, login.text
    access = {"Authorization": f"Bearer {login.json()['access_token']}"}
    refresh = login.json()["refresh_token"]
    # A saved card at the gateway, whose customer carries their name and e-mail.
    card = await save_card(api, localstripe, access, "4242424242424242")
    async with committed_database.transaction() as session:
        tenant = await session.get_one(Tenant, world.tenant.id)
        agency = world.agency
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        # A proof of transfer whose file names them.
        await factory.transfer_proof(
            agency, world.lease, tenant, content=f"%PDF-1.4 {FIRST} {LAST} paid\n".encode()
        )
        # Everything owed is paid by a transfer whose reference names them; its receipt
        # e-mail greets them.
        owed = 40_000 + 95_000  # the world's two open invoices
        payment = (
            await record_offline_payment(
                session,
                agency,
                world.manager,
                lease_id=world.lease.id,
                tenant_id=tenant.id,
                amount=owed,
                currency=agency.currency,
                method=PaymentMethod.BANK_TRANSFER,
                received_on=clock.now().date(),
                reference=f"RENT {LAST.upper()} {FIRST}",
                allocations=None,
                now=clock.now(),
            )
        ).payment
        # A payment link sent despite a blocking item: the reason staff gave and the items'
        # sentences as they were both name the person.
        session.add(
            ReadinessOverride(
                agency_id=agency.id,
                action=ReadinessAction.PAYMENT_LINK,
                subject_id=world.invoice.id,
                tenant_id=tenant.id,
                lease_id=world.lease.id,
                reason=f"{FIRST} asked for the link by phone",
                blocking=[
                    {
                        "key": "phone",
                        "status": "blocking",
                        "code": "phone-missing",
                        "message": f"{FIRST} {LAST} ({EMAIL}) has no phone number.",
                        "params": {"name": f"{FIRST} {LAST}", "email": EMAIL},
                    }
                ],
                overridden_by_id=world.manager.id,
                overridden_at=clock.now(),
            )
        )
    # An incident they reported, naming themselves in what they typed, and staff's answer
    # and internal note naming them too.
    async with committed_database.transaction() as session:
        agency = await session.get_one(Agency, world.agency.id)
        tenant = await session.get_one(Tenant, world.tenant.id)
        manager = await session.get_one(StaffUser, world.manager.id)
        incident = await report_incident(
            session,
            agency,
            tenant,
            NewIncident(
                lease_id=world.lease.id,
                category=IncidentCategory.PLUMBING,
                title=f"Leak in {FIRST}'s bathroom",
                description=f"Call {FIRST} {LAST} on {PHONE} or write to {EMAIL}.",
                availability=None,
            ),
            [],
            clock.now(),
        )
        await reject_incident(
            session,
            agency.id,
            manager,
            incident.id,
            reason=f"{LAST} fixed it themselves",
            internal_note=f"{FIRST} phoned from {PHONE[1:]}",
            now=clock.now(),
        )
    needles = [FIRST, LAST, EMAIL, PHONE, PHONE[1:]]
    async with committed_database.transaction() as session:
        before = {line.split(" holds ")[0] for line in await where_the_person_is(session, needles)}
    # The walk finds them where this story put them (so an empty walk later means something).
    assert {
        "tenants.first_name",
        "tenants.email",
        "tenants.phone",
        "onboarding_invites.email",
        "task_assignments.answers",
        "task_assignment_uploads.file_name",
        "task_assignment_uploads.content",
        "outbox_messages.to_address",
        "payments.reference",
        "transfer_proof_files.content",
        "readiness_overrides.reason",
        "readiness_overrides.blocking",
        "incidents.title",
        "incidents.description",
        "incidents.rejection_reason",
        "incident_events.note",
        "incident_events.internal_note",
    } <= before, before
    customer_ref = (await gateway_object(localstripe, f"payment_methods/{card}"))["customer"]
    assert customer_ref

    # Still on an active lease: refused, saying what to do first.
    refused = await api.delete(f"/api/v1/customers/{tenant.id}", headers=world.staff_headers)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("customer-on-live-lease")
    assert "End or cancel the lease" in refused.json()["detail"]
    async with committed_database.transaction() as session:
        await cancel_lease(session, agency, world.lease.id)
    # Accountants read the book; only owners and managers delete customers.
    async with committed_database.transaction() as session:
        accountant_headers = await Factory(session, pay_app.state.access_tokens, clock).headers(
            accountant
        )
    forbidden = await api.delete(f"/api/v1/customers/{tenant.id}", headers=accountant_headers)
    assert forbidden.status_code == 403

    deleted = await api.delete(f"/api/v1/customers/{tenant.id}", headers=world.staff_headers)
    assert deleted.status_code == 204, deleted.text

    # Every token is refused at once: the access token, the refresh token, the password.
    assert (await api.get("/api/v1/portal/me", headers=access)).status_code == 401
    renewed = await api.post("/api/v1/auth/tenant/refresh", json={"refresh_token": refresh})
    assert renewed.status_code == 401
    again = await api.post("/api/v1/auth/tenant/login", json={"email": EMAIL, "password": PASSWORD})
    assert again.status_code == 401
    # The gateway forgot the card and the customer.
    assert (await gateway_object(localstripe, f"payment_methods/{card}")).get("customer") is None
    gone = await gateway_object(localstripe, f"customers/{customer_ref}")
    assert gone["_status"] == 404 or gone.get("deleted") is True
    # Gone from the staff's lists and pages; a second delete finds nothing.
    listed = await api.get("/api/v1/tenants", headers=world.staff_headers)
    assert str(tenant.id) not in {item["id"] for item in listed.json()["items"]}
    assert (
        await api.get(f"/api/v1/tenants/{tenant.id}", headers=world.staff_headers)
    ).status_code == 404
    twice = await api.delete(f"/api/v1/customers/{tenant.id}", headers=world.staff_headers)
    assert twice.status_code == 404

    async with committed_database.transaction() as session:
        found = await where_the_person_is(session, needles)
        assert found == [], "\n".join(found)
        # The books stay: the payment, its receipt and the invoices, on a tombstone that says
        # who deleted it and when.
        kept = await session.get_one(Payment, payment.id)
        assert kept.tenant_id == tenant.id
        assert kept.amount == owed
        assert await session.scalar(select(Receipt.id).where(Receipt.payment_id == payment.id))
        assert await session.get(Invoice, world.invoice.id) is not None
        tombstone = await session.get_one(Tenant, tenant.id)
        assert (tombstone.first_name, tombstone.last_name) == ("Deleted", "customer")
        assert tombstone.password_hash is None
        assert tombstone.phone is None
        assert tombstone.deleted_by_id == world.manager.id
        assert tombstone.deleted_at == clock.now()
        # The incident stays with the home, its text without them.
        kept_incident = await session.get_one(Incident, incident.id)
        assert (kept_incident.title, kept_incident.description) == (
            "Leak in [deleted]'s bathroom",
            "Call [deleted] on [deleted] or write to [deleted].",
        )
    # The other tenant of the agency is untouched.
    other = await api.get("/api/v1/portal/me", headers=world.other_headers)
    assert other.status_code == 200


async def _end_the_lease(session: AsyncSession, world: World, clock: FixedClock) -> None:
    """The lease ended two days ago, and the tick saw it end."""
    await update_lease(
        session,
        world.agency,
        world.lease.id,
        LeaseUpdate(end_date=clock.now().date() - timedelta(days=2)),
    )
    assert await end_expired_leases(session, clock.now(), only_agency=world.agency.id) == 1


async def test_a_customer_who_owes_money_is_not_deleted(
    api: httpx.AsyncClient, world: World, committed_database: Database, clock: FixedClock
) -> None:
    """The lease has ended but its invoices are unpaid: deleting would lose whom to ask."""
    async with committed_database.transaction() as session:
        await _end_the_lease(session, world, clock)
    response = await api.delete(f"/api/v1/customers/{world.tenant.id}", headers=world.staff_headers)
    assert response.status_code == 409, response.text
    assert response.json()["type"].endswith("customer-balance-open")
    assert (await api.get("/api/v1/portal/me", headers=world.tenant_headers)).status_code == 200


async def test_a_customer_the_agency_holds_money_for_is_not_deleted(
    api: httpx.AsyncClient, world: World, committed_database: Database, clock: FixedClock
) -> None:
    """Everything is paid and the lease has ended, but the tenant paid more than was asked:
    deleting them would leave money nobody could pay back."""
    async with committed_database.transaction() as session:
        await _end_the_lease(session, world, clock)
        owed = sum(
            amounts.outstanding
            for amounts in (
                await invoice_amounts(session, [world.older.id, world.invoice.id])
            ).values()
        )
        await Factory(session, None, clock).payment(  # type: ignore[arg-type]
            await session.get_one(Agency, world.agency.id),
            await session.get_one(Lease, world.lease.id),
            await session.get_one(Tenant, world.tenant.id),
            await session.get_one(StaffUser, world.manager.id),
            amount=owed + 5_000,
        )

    response = await api.delete(f"/api/v1/customers/{world.tenant.id}", headers=world.staff_headers)

    assert response.status_code == 409, response.text
    problem = response.json()
    assert problem["type"].endswith("customer-balance-open")
    assert "Refund it first" in problem["detail"]
    assert (await api.get("/api/v1/portal/me", headers=world.tenant_headers)).status_code == 200

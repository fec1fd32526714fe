"""Invoices: generated from lease schedules by the tick, added by staff, approved, voided,
credited (with approval above the threshold)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.billing.models import CreditNote, Invoice, InvoiceLine, InvoiceStatus
from doorstep.billing.service import generate_rent_invoices
from doorstep.core.db import Database
from doorstep.leases.models import RentFrequency
from doorstep.leases.schemas import LeaseUpdate
from doorstep.leases.service import update_lease
from tests.factories import Factory
from tests.money.conftest import LiveBook


async def test_the_tick_invoices_rent_within_the_lead_time_once(
    session: AsyncSession, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    # Activated on 23 November (the factory clock); rent due on the 1st, invoiced 14 days ahead.
    lease = await factory.lease(agency, [tenant], start=date(2026, 12, 1), rent=95_000)
    await factory.lease(
        agency,
        [tenant],
        start=date(2026, 12, 10),
        rent=40_000,
        frequency=RentFrequency.WEEKLY,
        due_day=1,
    )

    assert await generate_rent_invoices(session, datetime(2026, 11, 16, 8, tzinfo=UTC)) == 0
    assert await generate_rent_invoices(session, datetime(2026, 11, 17, 8, tzinfo=UTC)) == 1
    assert await generate_rent_invoices(session, datetime(2026, 11, 17, 9, tzinfo=UTC)) == 0
    # 10 December (a Thursday) starts a prorated week, then Monday the 14th a full one.
    assert await generate_rent_invoices(session, datetime(2026, 11, 30, 8, tzinfo=UTC)) == 2

    invoices = (
        await session.scalars(
            select(Invoice).where(Invoice.agency_id == agency.id).order_by(Invoice.number)
        )
    ).all()
    assert [i.number for i in invoices] == [1, 2, 3]
    first = invoices[0]
    assert (first.lease_id, first.due_date, first.period_end) == (
        lease.id,
        date(2026, 12, 1),
        date(2026, 12, 31),
    )
    assert first.status is InvoiceStatus.OPEN


async def test_running_tenancies_are_billed_from_activation_not_their_start(
    session: AsyncSession, factory: Factory
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant], start=date(2024, 1, 1))

    created = await generate_rent_invoices(session, datetime(2026, 11, 23, 9, tzinfo=UTC))

    assert created == 1  # December's rent only, not 35 months of history
    due = await session.scalar(select(Invoice.due_date).where(Invoice.agency_id == agency.id))
    assert due == date(2026, 12, 1)


async def test_moving_the_end_date_neither_rebills_nor_skips_periods(
    session: AsyncSession, factory: Factory
) -> None:
    # The tick walks a lease's schedule from after its newest invoiced period.
    agency = await factory.agency()
    lease = await factory.lease(
        agency,
        [await factory.tenant(agency)],
        start=date(2026, 12, 1),
        end=date(2026, 12, 15),
        rent=62_000,
    )
    assert await generate_rent_invoices(session, datetime(2026, 11, 23, 9, tzinfo=UTC)) == 1

    await update_lease(session, agency, lease.id, LeaseUpdate(end_date=date(2027, 2, 28)))
    assert await generate_rent_invoices(session, datetime(2027, 1, 20, 9, tzinfo=UTC)) == 2
    await update_lease(session, agency, lease.id, LeaseUpdate(end_date=date(2027, 1, 10)))
    assert await generate_rent_invoices(session, datetime(2027, 2, 20, 9, tzinfo=UTC)) == 0
    await update_lease(session, agency, lease.id, LeaseUpdate(holding_over=True))
    assert await generate_rent_invoices(session, datetime(2027, 2, 20, 9, tzinfo=UTC)) == 1

    billed = (
        await session.execute(
            select(Invoice.number, Invoice.period_start, Invoice.period_end, InvoiceLine.amount)
            .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
            .where(Invoice.lease_id == lease.id)
            .order_by(Invoice.number)
        )
    ).all()
    assert [tuple(row) for row in billed] == [
        (1, date(2026, 12, 1), date(2026, 12, 15), 30_000),  # 15 of 31 days, as billed then
        (2, date(2027, 1, 1), date(2027, 1, 31), 62_000),
        (3, date(2027, 2, 1), date(2027, 2, 28), 62_000),
        (4, date(2027, 3, 1), date(2027, 3, 31), 62_000),
    ]


async def test_invoices_wait_for_approval_when_the_agency_says_so(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    agency.settings = agency.settings | {"auto_approve_invoices": False}
    manager = await factory.staff(agency, StaffRole.MANAGER)
    lease = await factory.lease(agency, [await factory.tenant(agency)], start=date(2026, 12, 1))
    await generate_rent_invoices(session, datetime(2026, 11, 20, 9, tzinfo=UTC))
    headers = await factory.headers(manager)

    drafts = await client.get("/api/v1/invoices", params={"state": "draft"}, headers=headers)
    (draft,) = drafts.json()["items"]
    assert draft["number"] is None
    assert draft["lease_id"] == str(lease.id)
    approved = await client.post(f"/api/v1/invoices/{draft['id']}/approve", headers=headers)
    assert approved.status_code == 200
    assert approved.json()["number"] == 1
    assert approved.json()["state"] == "open"
    again = await client.post(f"/api/v1/invoices/{draft['id']}/approve", headers=headers)
    assert again.status_code == 409


async def test_staff_add_invoices_and_void_them(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    headers = await factory.headers(manager)

    created = await client.post(
        "/api/v1/invoices",
        json={
            "lease_id": str(lease.id),
            "kind": "deposit",
            "due_date": "2026-12-01",
            "lines": [
                {"description": "Deposit", "amount": 190_000},
                {"description": "Admin fee", "amount": 5_000},
            ],
        },
        headers=headers,
    )
    assert created.status_code == 201
    invoice = created.json()
    assert (invoice["total"], invoice["outstanding"], invoice["state"]) == (
        195_000,
        195_000,
        "open",
    )
    assert invoice["tenant_names"] == ["Tara Tenant"]

    # The lease's credit settles its open invoice at once (issue 11): money is on it.
    await factory.payment(agency, lease, tenant, manager, amount=1)
    paid = await client.get(
        f"/api/v1/payments/{(await _only_payment(client, headers))}", headers=headers
    )
    assert [(a["invoice_id"], a["amount"]) for a in paid.json()["allocations"]] == [
        (invoice["id"], 1)
    ]
    refused = await client.post(
        f"/api/v1/invoices/{invoice['id']}/void", json={"reason": "typo"}, headers=headers
    )
    assert refused.status_code == 409

    other = await client.post(
        "/api/v1/invoices",
        json={
            "lease_id": str(lease.id),
            "kind": "fee",
            "due_date": "2026-12-01",
            "lines": [{"description": "Late fee", "amount": 2_500}],
        },
        headers=headers,
    )
    voided = await client.post(
        f"/api/v1/invoices/{other.json()['id']}/void", json={"reason": "waived"}, headers=headers
    )
    assert voided.json()["state"] == "void"
    assert voided.json()["void_reason"] == "waived"


async def _only_payment(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    payments = (await client.get("/api/v1/payments", headers=headers)).json()["items"]
    payment_id: str = payments[0]["id"]
    return payment_id


async def test_credit_notes_above_the_threshold_need_a_second_person(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # approval threshold: 500.00
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    invoice = await factory.invoice(agency, lease, manager, amount=120_000)
    manager_headers = await factory.headers(manager)
    accountant_headers = await factory.headers(accountant)
    url = f"/api/v1/invoices/{invoice.id}/credit-notes"

    no_reason = await client.post(url, json={"amount": 100}, headers=manager_headers)
    assert no_reason.status_code == 422
    small = await client.post(
        url, json={"amount": 10_000, "reason": "Late repair"}, headers=manager_headers
    )
    assert small.json()["status"] == "applied"
    assert small.json()["number"] == 1
    too_much = await client.post(
        url, json={"amount": 110_001, "reason": "Everything"}, headers=manager_headers
    )
    assert too_much.status_code == 409

    big = await client.post(
        url,
        json={"amount": 60_000, "reason": "No heating", "kind": "write_off"},
        headers=manager_headers,
    )
    assert big.json()["status"] == "pending_approval"
    approval_id = big.json()["approval_id"]
    inbox = await client.get(
        "/api/v1/approvals", params={"status": "pending"}, headers=accountant_headers
    )
    assert [a["id"] for a in inbox.json()["items"]] == [approval_id]
    pending = inbox.json()["items"][0]
    assert pending["amount"] == 60_000
    # The inbox opens the invoice the write-off would reduce.
    assert (pending["invoice_id"], pending["payment_id"]) == (str(invoice.id), None)

    own = await client.post(f"/api/v1/approvals/{approval_id}/approve", headers=manager_headers)
    assert own.status_code == 403
    approved = await client.post(
        f"/api/v1/approvals/{approval_id}/approve",
        json={"note": "Agreed with the landlord"},
        headers=accountant_headers,
    )
    assert approved.json()["status"] == "approved"
    after = await client.get(f"/api/v1/invoices/{invoice.id}", headers=manager_headers)
    assert (after.json()["credited"], after.json()["outstanding"]) == (70_000, 50_000)
    twice = await client.post(f"/api/v1/approvals/{approval_id}/reject", headers=accountant_headers)
    assert twice.status_code == 409


async def test_invoice_filters(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    paid = await factory.invoice(agency, lease, manager, amount=2_000)
    # Paid before the late invoice was issued (credit would settle the oldest invoice first).
    await factory.payment(agency, lease, tenant, manager, amount=2_000)
    late = await factory.invoice(agency, lease, manager, amount=1_000)
    late.due_date = date(2026, 10, 1)
    headers = await factory.headers(manager)

    async def ids(**params: str) -> set[str]:
        response = await client.get("/api/v1/invoices", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert await ids(overdue="true") == {str(late.id)}
    assert await ids(state="paid") == {str(paid.id)}
    assert await ids(state="open") == {str(late.id)}
    assert await ids(tenant_id=str(tenant.id)) == {str(late.id), str(paid.id)}
    count = await session.scalar(select(func.count()).select_from(Invoice))
    assert count == 2


async def test_an_invoices_credit_notes_are_listed_with_their_status(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # approval threshold: 500.00
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    invoice = await factory.invoice(agency, lease, manager, amount=120_000)
    other = await factory.invoice(agency, lease, manager, amount=5_000)
    manager_headers = await factory.headers(manager)
    url = f"/api/v1/invoices/{invoice.id}/credit-notes"

    assert (await client.get(url, headers=manager_headers)).json() == []
    small = await client.post(
        url, json={"amount": 10_000, "reason": "Late repair"}, headers=manager_headers
    )
    big = await client.post(
        url,
        json={"amount": 60_000, "reason": "No heating", "kind": "write_off"},
        headers=manager_headers,
    )
    refused = await client.post(
        url, json={"amount": 55_000, "reason": "Asked twice"}, headers=manager_headers
    )
    await client.post(
        f"/api/v1/invoices/{other.id}/credit-notes",
        json={"amount": 1_000, "reason": "Elsewhere"},
        headers=manager_headers,
    )
    await client.post(
        f"/api/v1/approvals/{refused.json()['approval_id']}/reject",
        headers=await factory.headers(accountant),
    )

    listed = await client.get(url, headers=await factory.headers(viewer))

    assert listed.status_code == 200
    notes = listed.json()
    assert [(n["id"], n["kind"], n["status"], n["amount"]) for n in notes] == [
        (small.json()["id"], "credit", "applied", 10_000),
        (big.json()["id"], "write_off", "pending_approval", 60_000),
        (refused.json()["id"], "credit", "rejected", 55_000),
    ]
    assert [n["approval_id"] for n in notes] == [
        None,
        big.json()["approval_id"],
        refused.json()["approval_id"],
    ]
    assert notes[0]["number"] == 1
    assert notes[0]["applied_at"] is not None
    assert notes[1]["applied_at"] is None
    assert notes[1]["created_at"] is not None
    assert small.json()["created_at"] == notes[0]["created_at"]
    missing = await client.get(
        "/api/v1/invoices/00000000-0000-7000-8000-000000000000/credit-notes",
        headers=manager_headers,
    )
    assert missing.status_code == 404


async def test_an_approvals_note_longer_than_its_column_is_refused_not_a_server_error(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    invoice = await factory.invoice(agency, lease, manager, amount=120_000)
    big = await client.post(
        f"/api/v1/invoices/{invoice.id}/credit-notes",
        json={"amount": 60_000, "reason": "No heating"},
        headers=await factory.headers(manager),
    )
    url = f"/api/v1/approvals/{big.json()['approval_id']}/approve"
    headers = await factory.headers(accountant)

    too_long = await client.post(url, json={"note": "x" * 501}, headers=headers)

    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "note"
    fits = await client.post(url, json={"note": "x" * 500}, headers=headers)
    assert fits.json()["decision_note"] == "x" * 500


async def test_a_retried_invoice_or_credit_note_is_made_once(
    live_client: LiveBook, committed_database: Database
) -> None:
    client = live_client.staff_client
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {
        "lease_id": str(live_client.lease.id),
        "kind": "deposit",
        "due_date": "2026-11-30",
        "lines": [{"description": "Deposit", "amount": 190_000}],
    }

    invoices = await asyncio.gather(
        *(client.post("/api/v1/invoices", json=body, headers=key) for _ in range(5))
    )
    credit = {"amount": 10_000, "reason": "Agreed discount", "kind": "credit"}
    created = {r.json()["id"] for r in invoices if r.status_code == 201}
    assert {r.status_code for r in invoices} <= {201, 409}
    assert len(created) == 1
    (invoice_id,) = created
    credit_key = {"Idempotency-Key": str(uuid.uuid4())}
    notes = [
        await client.post(
            f"/api/v1/invoices/{invoice_id}/credit-notes", json=credit, headers=credit_key
        )
        for _ in range(3)
    ]

    assert [r.status_code for r in notes] == [201, 201, 201]
    assert len({r.json()["id"] for r in notes}) == 1
    async with committed_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Invoice)) == 1
        assert await session.scalar(select(func.count()).select_from(CreditNote)) == 1
    invoice = await client.get(f"/api/v1/invoices/{invoice_id}")
    assert invoice.json()["outstanding"] == 180_000


async def test_a_large_write_off_cannot_be_split_into_pieces_within_the_threshold(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # approval threshold: 500.00
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    invoice = await factory.invoice(agency, lease, manager, amount=200_000)
    other = await factory.invoice(agency, lease, manager, amount=200_000)
    headers = await factory.headers(manager)
    url = f"/api/v1/invoices/{invoice.id}/credit-notes"

    pieces = [
        await client.post(
            url,
            json={"amount": 50_000, "reason": f"Part {n}", "kind": "write_off"},
            headers=headers,
        )
        for n in (1, 2, 3)
    ]

    # The first is within the threshold; with it, the second and third are not.
    assert [p.json()["status"] for p in pieces] == [
        "applied",
        "pending_approval",
        "pending_approval",
    ]
    after = (await client.get(f"/api/v1/invoices/{invoice.id}", headers=headers)).json()
    assert (after["credited"], after["outstanding"]) == (50_000, 150_000)
    # Pending notes count too: a rejected one stops counting, the next piece still waits
    # (applied 500.00 + pending 500.00 + 1.00).
    await client.post(
        f"/api/v1/approvals/{pieces[2].json()['approval_id']}/reject",
        headers=await factory.headers(accountant),
    )
    cent = await client.post(url, json={"amount": 1, "reason": "Rounding"}, headers=headers)
    assert cent.json()["status"] == "pending_approval"
    # Another invoice keeps its own count.
    elsewhere = await client.post(
        f"/api/v1/invoices/{other.id}/credit-notes",
        json={"amount": 50_000, "reason": "Part 1"},
        headers=headers,
    )
    assert elsewhere.json()["status"] == "applied"

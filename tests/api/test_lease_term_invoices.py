"""Rent invoices already issued follow a moved end date or holding-over flag (seed 003: a
tenant vacating, a term expiring with or without holding over): credited for a period the
tenancy no longer reaches, prorated to the end it now falls in, made whole again when the
tenancy goes on, and counted once with the rent reviews that reprice the same invoices.
Draft rent invoices (automatic approval off) follow in place, and a cancellation with the
tenancy's last day goes through the same repricing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.audit.models import AuditEvent
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import (
    CreditNote,
    CreditNoteStatus,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.billing.service import generate_rent_invoices
from doorstep.leases.schedule import prorate
from tests.factories import Factory

RENT = 93_000
DEC, JAN = date(2026, 12, 1), date(2027, 1, 1)


async def _book(
    session: AsyncSession, factory: Factory, *, drafts: bool = False
) -> tuple[dict[str, str], str, dict[date, Invoice]]:
    """A lease from 1 December to 31 January, both months invoiced (in draft, awaiting
    approval, with ``drafts``)."""
    agency = await factory.agency()
    if drafts:
        agency.settings = {**agency.settings, "auto_approve_invoices": False}
    manager = await factory.staff(agency, StaffRole.MANAGER)
    lease = await factory.lease(
        agency, [await factory.tenant(agency)], start=DEC, end=date(2027, 1, 31), rent=RENT
    )
    assert await generate_rent_invoices(session, datetime(2026, 12, 20, 9, tzinfo=UTC)) == 2
    invoices = (await session.scalars(select(Invoice).where(Invoice.lease_id == lease.id))).all()
    return await factory.headers(manager), str(lease.id), {i.due_date: i for i in invoices}


async def _asks(session: AsyncSession, invoice: Invoice) -> int:
    return (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding


async def _patch(
    client: httpx.AsyncClient, headers: dict[str, str], lease_id: str, **body: object
) -> None:
    response = await client.patch(f"/api/v1/leases/{lease_id}", json=body, headers=headers)
    assert response.status_code == 200, response.text


async def test_vacating_prorates_the_last_invoice_and_credits_the_months_after(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    january = invoices[JAN]

    await _patch(client, headers, lease_id, end_date="2027-01-15")
    assert await _asks(session, january) == prorate(RENT, 15, 31)
    await session.refresh(january)
    assert january.period_end == date(2027, 1, 15)
    [note] = (
        await session.scalars(select(CreditNote).where(CreditNote.invoice_id == january.id))
    ).all()
    assert note.status is CreditNoteStatus.APPLIED  # a term of the lease: no second approver
    assert note.reason == "Tenancy term: ends on 2027-01-15"
    assert await _asks(session, invoices[DEC]) == RENT  # before the change: untouched

    await _patch(client, headers, lease_id, end_date="2026-12-31")
    assert await _asks(session, january) == 0  # January is no longer part of the tenancy
    assert await _asks(session, invoices[DEC]) == RENT


async def test_holding_over_makes_the_last_part_month_whole_again(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    january = invoices[JAN]
    await _patch(client, headers, lease_id, end_date="2026-12-31")
    assert await _asks(session, january) == 0

    await _patch(client, headers, lease_id, holding_over=True)
    assert await _asks(session, january) == RENT
    await session.refresh(january)
    assert january.period_end == date(2027, 1, 31)
    lines = (
        await session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == january.id))
    ).all()
    assert lines[-1].description == "Tenancy term: holding over after 2026-12-31"


async def test_term_changes_and_rent_reviews_count_each_other_once(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    """A review after the term moved prorates the reviewed rent by the invoice's days, and a
    term change after a review prorates the reviewed rent: neither undoes nor repeats the
    other's adjustment."""
    headers, lease_id, invoices = await _book(session, factory)
    january = invoices[JAN]
    await _patch(client, headers, lease_id, end_date="2027-01-15")
    review = await client.post(
        f"/api/v1/leases/{lease_id}/rent-reviews",
        json={"effective_from": "2027-01-01", "rent": {"amount": 100_000, "currency": "EUR"}},
        headers=headers,
    )
    assert review.status_code == 201, review.text
    assert await _asks(session, january) == prorate(100_000, 15, 31)

    await _patch(client, headers, lease_id, end_date="2027-01-31")
    assert await _asks(session, january) == 100_000
    await _patch(client, headers, lease_id, end_date="2027-01-10")
    assert await _asks(session, january) == prorate(100_000, 10, 31)


async def test_a_discretionary_credit_stays(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    january = invoices[JAN]
    credit = await client.post(
        f"/api/v1/invoices/{january.id}/credit-notes",
        json={"amount": 5_000, "reason": "Broken boiler"},
        headers=headers,
    )
    assert credit.status_code == 201, credit.text
    await _patch(client, headers, lease_id, end_date="2027-01-15")
    # The staff's own credit is theirs to keep: the term takes off only what the days cost.
    assert await _asks(session, january) == prorate(RENT, 15, 31) - 5_000


async def _total(session: AsyncSession, invoice: Invoice) -> int:
    return (await invoice_amounts(session, [invoice.id]))[invoice.id].total


async def _lines(session: AsyncSession, invoice: Invoice) -> list[tuple[str, int]]:
    lines = await session.scalars(
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id == invoice.id)
        .order_by(InvoiceLine.position)
        .execution_options(populate_existing=True)
    )
    return [(line.description, line.amount) for line in lines]


async def _audit(session: AsyncSession, invoice: Invoice) -> list[str]:
    events = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.subject_type == "invoice", AuditEvent.subject_id == invoice.id)
        .order_by(AuditEvent.id)
    )
    return [event.action for event in events]


async def _approve(
    client: httpx.AsyncClient, headers: dict[str, str], invoice: Invoice
) -> dict[str, object]:
    approved = await client.post(f"/api/v1/invoices/{invoice.id}/approve", headers=headers)
    assert approved.status_code == 200, approved.text
    body: dict[str, object] = approved.json()
    return body


async def test_a_draft_follows_a_new_end_in_place_and_opens_at_the_new_amount(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory, drafts=True)
    january = invoices[JAN]
    assert january.status is InvoiceStatus.DRAFT

    await _patch(client, headers, lease_id, end_date="2027-01-15")
    await session.refresh(january)
    # Never sent, so no credit note: its own lines say the new amount.
    assert await _lines(session, january) == [("Rent", prorate(RENT, 15, 31))]
    assert january.period_end == date(2027, 1, 15)
    assert january.status is InvoiceStatus.DRAFT
    assert (
        await session.scalars(select(CreditNote).where(CreditNote.invoice_id == january.id))
    ).all() == []
    assert await _audit(session, january) == ["invoice.draft_repriced"]
    assert await _lines(session, invoices[DEC]) == [("Rent", RENT)]  # before the change

    approved = await _approve(client, headers, january)
    assert approved["total"] == prorate(RENT, 15, 31)


async def test_a_draft_the_tenancy_no_longer_reaches_is_voided_and_comes_back_with_it(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory, drafts=True)
    january = invoices[JAN]

    await _patch(client, headers, lease_id, end_date="2026-12-31")
    await session.refresh(january)
    assert january.status is InvoiceStatus.VOID
    assert january.number is None  # never sent: it takes no number
    assert january.void_reason == "Tenancy term: ends on 2026-12-31"
    refused = await client.post(f"/api/v1/invoices/{january.id}/approve", headers=headers)
    assert refused.status_code == 409

    # Holding over: the tenancy reaches January again, so its draft is back, whole.
    await _patch(client, headers, lease_id, holding_over=True)
    restored = await session.get_one(Invoice, january.id, populate_existing=True)
    assert restored.status is InvoiceStatus.DRAFT
    assert restored.voided_at is None
    assert restored.void_reason is None
    assert await _total(session, january) == RENT
    assert sorted(await _audit(session, january)) == [
        "invoice.draft_restored",
        "invoice.draft_voided",
    ]


async def test_a_draft_made_whole_again_and_reviewed_counts_each_change_once(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    """A shortened draft made whole again gets a line, and a rent review reprices drafts as
    it does issued invoices (both read the same terms)."""
    headers, lease_id, invoices = await _book(session, factory, drafts=True)
    january = invoices[JAN]
    await _patch(client, headers, lease_id, end_date="2027-01-10")
    await _patch(client, headers, lease_id, end_date="2027-01-20")
    assert await _lines(session, january) == [
        ("Rent", prorate(RENT, 10, 31)),
        ("Tenancy term: ends on 2027-01-20", prorate(RENT, 20, 31) - prorate(RENT, 10, 31)),
    ]
    review = await client.post(
        f"/api/v1/leases/{lease_id}/rent-reviews",
        json={"effective_from": "2027-01-01", "rent": {"amount": 80_000, "currency": "EUR"}},
        headers=headers,
    )
    assert review.status_code == 201, review.text
    # A decrease is taken off the draft's last line.
    assert await _total(session, january) == prorate(80_000, 20, 31)
    assert await _lines(session, january) == [
        ("Rent", prorate(RENT, 10, 31)),
        ("Tenancy term: ends on 2027-01-20", prorate(80_000, 20, 31) - prorate(RENT, 10, 31)),
    ]
    await _patch(client, headers, lease_id, end_date="2027-01-31")
    assert await _total(session, january) == 80_000
    assert await _total(session, invoices[DEC]) == RENT


async def _cancel(
    client: httpx.AsyncClient, headers: dict[str, str], lease_id: str, **body: object
) -> httpx.Response:
    return await client.post(f"/api/v1/leases/{lease_id}/cancel", json=body, headers=headers)


async def test_cancelling_with_a_date_credits_and_prorates_like_a_new_end(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    cancelled = await _cancel(client, headers, lease_id, ends_on="2026-12-20")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["end_date"] == "2026-12-20"
    assert cancelled.json()["holding_over"] is False

    december, january = invoices[DEC], invoices[JAN]
    assert await _asks(session, december) == prorate(RENT, 20, 31)
    assert await _asks(session, january) == 0
    await session.refresh(december)
    assert december.period_end == date(2026, 12, 20)
    reasons = (
        await session.scalars(select(CreditNote.reason).where(CreditNote.invoice_id == january.id))
    ).all()
    assert reasons == ["Tenancy term: cancelled, ends on 2026-12-20"]


async def test_cancelling_with_a_date_brings_drafts_to_it(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory, drafts=True)
    cancelled = await _cancel(client, headers, lease_id, ends_on="2027-01-05")
    assert cancelled.status_code == 200, cancelled.text
    december, january = invoices[DEC], invoices[JAN]
    await session.refresh(january)
    assert january.status is InvoiceStatus.DRAFT
    assert await _lines(session, january) == [("Rent", prorate(RENT, 5, 31))]
    assert await _lines(session, december) == [("Rent", RENT)]
    # Approving it afterwards charges the days the tenancy had, never the old month.
    approved = await _approve(client, headers, january)
    assert approved["total"] == prorate(RENT, 5, 31)


async def test_cancelling_from_the_day_before_the_start_owes_no_rent(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    never_began = "Tenancy term: cancelled before it started on 2026-12-01"
    headers, lease_id, invoices = await _book(session, factory)
    cancelled = await _cancel(client, headers, lease_id, ends_on="2026-11-30")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["end_date"] == "2026-11-30"
    for invoice in invoices.values():
        assert await _asks(session, invoice) == 0
        reasons = await session.scalars(
            select(CreditNote.reason).where(CreditNote.invoice_id == invoice.id)
        )
        assert reasons.all() == [never_began]

    headers, lease_id, drafts = await _book(session, factory, drafts=True)
    cancelled = await _cancel(client, headers, lease_id, ends_on="2026-11-30")
    assert cancelled.status_code == 200, cancelled.text
    for draft in drafts.values():
        voided = await session.get_one(Invoice, draft.id, populate_existing=True)
        assert (voided.status, voided.number, voided.void_reason) == (
            InvoiceStatus.VOID,
            None,
            never_began,
        )


async def test_cancelling_without_a_date_changes_nothing_invoiced(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    cancelled = await client.post(f"/api/v1/leases/{lease_id}/cancel", headers=headers)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["end_date"] == "2027-01-31"
    assert await _asks(session, invoices[DEC]) == RENT
    assert await _asks(session, invoices[JAN]) == RENT


async def test_cancelling_refuses_a_date_outside_the_term(
    client: httpx.AsyncClient, session: AsyncSession, factory: Factory
) -> None:
    headers, lease_id, invoices = await _book(session, factory)
    for ends_on in ("2026-11-29", "2027-02-01", "2027-02-30", "soon", 20270101):
        refused = await _cancel(client, headers, lease_id, ends_on=ends_on)
        assert refused.status_code == 422, (ends_on, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
    unknown = await _cancel(client, headers, lease_id, ends_on="2027-01-10", reason="x")
    assert unknown.status_code == 422
    lease = await client.get(f"/api/v1/leases/{lease_id}", headers=headers)
    assert lease.json()["status"] == "active"
    assert await _asks(session, invoices[JAN]) == RENT


async def test_a_draft_lease_is_cancelled_without_a_date(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    lease = await factory.lease(agency, [await factory.tenant(agency)], start=DEC, active=False)
    dated = await _cancel(client, headers, str(lease.id), ends_on="2026-12-31")
    assert dated.status_code == 422
    cancelled = await _cancel(client, headers, str(lease.id))
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"

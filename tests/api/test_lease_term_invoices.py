"""Rent invoices already issued follow a moved end date or holding-over flag (seed 003: a
tenant vacating, a term expiring with or without holding over): credited for a period the
tenancy no longer reaches, prorated to the end it now falls in, made whole again when the
tenancy goes on, and counted once with the rent reviews that reprice the same invoices."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import CreditNote, CreditNoteStatus, Invoice, InvoiceLine
from doorstep.billing.service import generate_rent_invoices
from doorstep.leases.schedule import prorate
from tests.factories import Factory

RENT = 93_000
DEC, JAN = date(2026, 12, 1), date(2027, 1, 1)


async def _book(
    session: AsyncSession, factory: Factory
) -> tuple[dict[str, str], str, dict[date, Invoice]]:
    """A lease from 1 December to 31 January, both months invoiced."""
    agency = await factory.agency()
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

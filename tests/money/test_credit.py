"""Issue 11, acceptance 1: credit is used. Money a lease holds beyond what its invoices ask
for — an overpayment, or a bank line matched to an invoice for more than it asked — settles
the next invoice the moment it opens, as allocations of those payments; the lease's
outstanding, the tenant's home and the collections figures then say the same."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Allocation, Invoice, InvoiceStatus
from doorstep.billing.service import approve_invoice, generate_rent_invoices
from doorstep.collections.references import display_reference, lease_payment_reference
from doorstep.payments.ledger.models import Payment
from doorstep.payments.ledger.service import lease_balances
from tests.collections.builders import invoice, named_tenant, pay
from tests.factories import Factory


async def _rent_invoices(session: AsyncSession, lease_id: Any) -> list[Invoice]:
    return list(
        (
            await session.scalars(
                select(Invoice).where(Invoice.lease_id == lease_id).order_by(Invoice.due_date)
            )
        ).all()
    )


async def test_credit_from_an_overpayment_and_a_matched_bank_line_settles_the_next_invoice(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    session, now = factory.session, factory.clock.now()  # 23 November 2026
    agency = await factory.agency()
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    ann = await named_tenant(factory, agency, "Ann", "Archer")
    lease = await factory.lease(agency, [ann], start=date(2026, 12, 1), rent=95_000)
    staff_headers = await factory.headers(accountant)
    tenant_headers = await factory.headers(ann)

    # The rent tick issues December (due 1 December, within the 14 days' lead).
    assert await generate_rent_invoices(session, now, only_agency=agency.id) == 1
    (december,) = await _rent_invoices(session, lease.id)

    # A bank line quoting the lease's reference, for more than December asks: staff match it
    # to December; the 50.00 beyond it is credit.
    reference = display_reference(lease_payment_reference(lease.id))
    statement = f"date,amount,reference,counterparty\n2026-11-22,1000.00,{reference},Ann Archer\n"
    uploaded = await client.post(
        "/api/v1/reconciliation/statements",
        files={"file": ("statement.csv", statement.encode(), "text/csv")},
        headers=staff_headers,
    )
    assert uploaded.status_code == 201, uploaded.text
    (line,) = (
        await client.get(
            "/api/v1/reconciliation/lines",
            params={"statement_id": uploaded.json()["id"]},
            headers=staff_headers,
        )
    ).json()["items"]
    matched = await client.post(
        f"/api/v1/reconciliation/lines/{line['id']}/match-invoice",
        json={"invoice_id": str(december.id)},
        headers=staff_headers,
    )
    assert matched.status_code == 200, matched.text
    bank_payment_id = matched.json()["payment_id"]
    # Then an overpayment: 300.00 more, recorded by hand, while nothing is open.
    overpayment = await pay(
        factory, agency, accountant, lease, ann, amount=30_000, allocations=None
    )

    assert (await lease_balances(session, [lease.id]))[lease.id].credit == 5_000 + 30_000
    # The tenant's home: December is paid, so the next rent is January's, not yet issued.
    (home_lease,) = (await client.get("/api/v1/portal/leases", headers=tenant_headers)).json()[
        "items"
    ]
    assert (home_lease["next_due_date"], home_lease["next_due_amount"]) == (
        "2027-01-01",
        {"amount": 95_000, "currency": "EUR"},
    )
    assert home_lease["next_due_invoice_id"] is None
    (in_credit,) = (await client.get("/api/v1/portal/balance", headers=tenant_headers)).json()
    assert (in_credit["credit"], in_credit["balance"], in_credit["to_pay"]) == (35_000, -35_000, 0)
    assert in_credit["overdue"] == 0

    # January is issued on 20 December: the credit settles it at once.
    assert (
        await generate_rent_invoices(
            session, datetime(2026, 12, 20, 9, tzinfo=UTC), only_agency=agency.id
        )
        == 1
    )
    january = (await _rent_invoices(session, lease.id))[-1]
    assert january.due_date == date(2027, 1, 1)
    allocations = (
        await session.execute(
            select(Allocation.payment_id, Allocation.amount)
            .where(Allocation.invoice_id == january.id)
            .order_by(Allocation.payment_id)
        )
    ).all()
    assert sorted((str(p), a) for p, a in allocations) == sorted(
        [(bank_payment_id, 5_000), (str(overpayment.id), 30_000)]
    )
    assert (await invoice_amounts(session, [january.id]))[january.id].outstanding == 60_000

    # The figures agree: the ledger, the tenant's home and the collections center.
    ledger = (await lease_balances(session, [lease.id]))[lease.id]
    assert (ledger.outstanding, ledger.credit) == (60_000, 0)
    (home,) = (await client.get("/api/v1/portal/balance", headers=tenant_headers)).json()
    assert (home["outstanding"], home["credit"], home["balance"], home["to_pay"]) == (
        60_000,
        0,
        60_000,
        60_000,
    )
    assert home["overdue"] == 0  # January is not due yet
    (home_lease,) = (await client.get("/api/v1/portal/leases", headers=tenant_headers)).json()[
        "items"
    ]
    assert (
        home_lease["next_due_date"],
        home_lease["next_due_amount"]["amount"],
        home_lease["next_due_invoice_id"],
    ) == ("2027-01-01", 60_000, str(january.id))
    portal_january = (
        await client.get(f"/api/v1/portal/invoices/{january.id}", headers=tenant_headers)
    ).json()
    assert (portal_january["state"], portal_january["outstanding"]) == ("partially_paid", 60_000)
    figures = (
        await client.get(
            "/api/v1/collections/leases",
            params={"from": "2026-12-01", "to": "2027-01-31"},
            headers=staff_headers,
        )
    ).json()
    (row,) = figures["leases"]
    assert row["figures"] == {
        "expected": 190_000,
        "collected": 95_000 + 35_000,
        "outstanding": 60_000,
        "invoices": 2,
    }
    # Every payment is still receipted and nothing of it is unallocated.
    for payment in (await session.scalars(select(Payment))).all():
        assert payment.status.value == "succeeded"


async def test_a_draft_approved_later_takes_the_credit_and_a_refund_reopens_nothing_needlessly(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """Credit is used when a draft invoice is approved, too; and when a refund takes back an
    allocation, the lease's other credit settles the invoice again."""
    session, now = factory.session, factory.clock.now()
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    await pay(factory, agency, manager, lease, tenant, amount=40_000, allocations=None)
    draft = await invoice(
        factory, agency, lease, manager, due=date(2026, 12, 1), amount=25_000, draft=True
    )
    assert draft.status is InvoiceStatus.DRAFT
    assert (await lease_balances(session, [lease.id]))[lease.id].credit == 40_000
    await approve_invoice(session, agency, manager, draft.id, now)
    balance = (await lease_balances(session, [lease.id]))[lease.id]
    assert (balance.outstanding, balance.credit) == (0, 15_000)
    # A second payment; a refund of the first takes back its allocation (the latest first);
    # the invoice is settled again from the second payment's credit.
    second = await pay(factory, agency, manager, lease, tenant, amount=20_000, allocations=None)
    (first,) = [p for p in (await session.scalars(select(Payment))).all() if p.id != second.id]
    refund = await client.post(
        f"/api/v1/payments/{first.id}/refunds",
        json={"amount": 40_000, "reason": "Paid twice"},
        headers=await factory.headers(await factory.staff(agency, StaffRole.OWNER)),
    )
    assert refund.status_code in (200, 201), refund.text
    balance = (await lease_balances(session, [lease.id]))[lease.id]
    assert (balance.outstanding, balance.credit) == (5_000, 0)

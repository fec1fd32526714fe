"""Books of invoices and payments for the collections tests, written through the services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.models import (
    Allocation,
    CreditNoteKind,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.billing.service import NewLine, create_invoice, issue_credit_note, void_invoice
from doorstep.collections.models import BankStatement, FollowUp, FollowUpChannel, StatementLine
from doorstep.collections.reconciliation import import_statement
from doorstep.core.ids import new_id
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant, RentFrequency
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from doorstep.payments.ledger.service import request_refund
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant
from tests.factories import Factory

IBAN = "BE68539007547034"
BIC = "GKCCBEBB"
CONTACT_EMAIL = "collections@acme-lettings.example"
CONTACT_PHONE = "+3225551234"


async def named_tenant(factory: Factory, agency: Agency, first: str, last: str) -> Tenant:
    tenant = await factory.tenant(agency, first_name=first)
    tenant.last_name = last
    await factory.session.flush()
    return tenant


async def paid_elsewhere(factory: Factory, first: str, last: str) -> Tenant:
    """A tenant of another agency ("Other Lettings") with one invoice of 777.00, paid by
    transfer (reference "OTHER-AGENCY"): what an agency's lists and searches must never show."""
    other = await factory.agency("Other Lettings")
    staff = await factory.staff(other, StaffRole.ACCOUNTANT)
    tenant = await named_tenant(factory, other, first, last)
    lease = await factory.lease(other, [tenant])
    due = await invoice(factory, other, lease, staff, due=date(2026, 11, 1), amount=77_700)
    await pay(
        factory,
        other,
        staff,
        lease,
        tenant,
        amount=77_700,
        allocations=[(due, 77_700)],
        reference="OTHER-AGENCY",
    )
    return tenant


async def invoice(
    factory: Factory,
    agency: Agency,
    lease: Lease,
    staff: StaffUser,
    *,
    due: date,
    amount: int,
    draft: bool = False,
) -> Invoice:
    if draft:
        agency.settings = {**agency.settings, "auto_approve_invoices": False}
    created = await create_invoice(
        factory.session,
        agency,
        staff,
        lease_id=lease.id,
        kind=InvoiceKind.OTHER,
        due_date=due,
        lines=[NewLine("Rent", amount)],
        now=factory.clock.now(),
    )
    if draft:
        agency.settings = {**agency.settings, "auto_approve_invoices": True}
    return created


async def pay(
    factory: Factory,
    agency: Agency,
    staff: StaffUser,
    lease: Lease,
    tenant: Tenant,
    *,
    amount: int,
    allocations: list[tuple[Invoice, int]] | None,
    received_on: date | None = None,
    reference: str = "BANK-REF",
) -> Payment:
    return await factory.payment(
        agency,
        lease,
        tenant,
        staff,
        amount=amount,
        allocations=[AllocationRequest(i.id, a) for i, a in allocations] if allocations else None,
        reference=reference,
        received_on=received_on,
    )


async def credit(
    factory: Factory, agency: Agency, staff: StaffUser, target: Invoice, amount: int
) -> None:
    _, approval = await issue_credit_note(
        factory.session,
        agency,
        staff,
        invoice_id=target.id,
        amount=amount,
        reason="Goodwill",
        kind=CreditNoteKind.CREDIT,
        now=factory.clock.now(),
    )
    assert approval is None


async def refund(
    factory: Factory, agency: Agency, staff: StaffUser, payment: Payment, amount: int
) -> None:
    _, approval = await request_refund(
        factory.session,
        agency,
        staff,
        payment_id=payment.id,
        amount=amount,
        reason="Paid twice",
        now=factory.clock.now(),
    )
    assert approval is None


async def void(factory: Factory, agency: Agency, staff: StaffUser, target: Invoice) -> None:
    await void_invoice(
        factory.session, agency, staff, target.id, "Issued by mistake", factory.clock.now()
    )


async def ready_for_follow_ups(factory: Factory, agency: Agency) -> None:
    """Bank details on the trust account and a help contact on the agency."""
    account = await get_trust_account(factory.session, agency.id)
    account.iban, account.bic = IBAN, BIC
    agency.settings = {
        **agency.settings,
        "contact_email": CONTACT_EMAIL,
        "contact_phone": CONTACT_PHONE,
    }
    await factory.session.flush()


async def card_payment(
    session: AsyncSession,
    agency: Agency,
    lease: Lease,
    tenant: Tenant,
    *,
    amount: int,
    succeeded_at: datetime | None,
    payout_reference: str | None = None,
    status: PaymentStatus = PaymentStatus.SUCCEEDED,
    method: PaymentMethod = PaymentMethod.CARD,
) -> Payment:
    """A payment as the gateway integration records it (its own module writes these)."""
    payment = Payment(
        agency_id=agency.id,
        lease_id=lease.id,
        tenant_id=tenant.id,
        method=method,
        status=status,
        amount=amount,
        currency=agency.currency,
        gateway_reference=f"pi_{uuid.uuid4().hex[:16]}",
        payout_reference=payout_reference,
        succeeded_at=succeeded_at,
    )
    session.add(payment)
    await session.flush()
    return payment


@dataclass(frozen=True)
class WorldObjects:
    statement_id: uuid.UUID
    line_id: uuid.UUID
    follow_up_id: uuid.UUID


async def world_objects(
    factory: Factory, agency: Agency, staff: StaffUser, lease: Lease
) -> WorldObjects:
    """One bank statement with a line waiting for review, and one recorded follow-up: the
    objects behind the collections and reconciliation routes' path parameters."""
    statement = await import_statement(
        factory.session,
        agency,
        staff,
        file_name="world.csv",
        data=(
            f"date,amount,reference,counterparty\n2026-11-20,12.34,World {agency.id},Someone\n"
        ).encode(),
        now=factory.clock.now(),
    )
    line_id = await factory.session.scalar(
        select(StatementLine.id).where(StatementLine.statement_id == statement.id)
    )
    assert line_id is not None
    follow_up = FollowUp(
        agency_id=agency.id,
        lease_id=lease.id,
        channel=FollowUpChannel.EMAIL,
        recipients=[],
        subject="Overdue rent",
        body="Please pay.",
        currency=agency.currency,
        overdue_total=1,
        credit=0,
        invoices=[],
        sent_by_id=staff.id,
        sent_at=factory.clock.now(),
    )
    factory.session.add(follow_up)
    await factory.session.flush()
    assert isinstance(statement, BankStatement)
    return WorldObjects(statement.id, line_id, follow_up.id)


async def bulk_book(session: AsyncSession, agency: Agency, staff: StaffUser, leases: int) -> None:
    """``leases`` active leases, each with a paid November invoice and an unpaid October one,
    written in a handful of statements (the query-count tests need hundreds quickly)."""
    properties = [
        {
            "id": new_id(),
            "agency_id": agency.id,
            "name": f"Block {index:03d}",
            "address_line1": "Rue Haute 1",
            "city": "Brussels",
            "postal_code": "1000",
            "country": "BE",
        }
        for index in range(max(1, leases // 10))
    ]
    units, tenants, lease_rows, parties, invoices, lines, payments, allocations = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    number = 100_000
    for index in range(leases):
        unit_id, tenant_id, lease_id = new_id(), new_id(), new_id()
        units.append(
            {
                "id": unit_id,
                "agency_id": agency.id,
                "property_id": properties[index % len(properties)]["id"],
                "name": f"U{index:04d}",
            }
        )
        tenants.append(
            {
                "id": tenant_id,
                "agency_id": agency.id,
                "first_name": f"First{index}",
                "last_name": f"Last{index:04d}",
                "email": f"bulk-{index}-{uuid.uuid4().hex[:6]}@example.com",
            }
        )
        lease_rows.append(
            {
                "id": lease_id,
                "agency_id": agency.id,
                "unit_id": unit_id,
                "start_date": date(2026, 1, 1),
                "rent_amount": 95_000,
                "rent_currency": agency.currency,
                "frequency": RentFrequency.MONTHLY,
                "due_day": 1,
                "status": LeaseStatus.ACTIVE,
                "billing_starts_on": date(2026, 1, 1),
            }
        )
        parties.append({"lease_id": lease_id, "tenant_id": tenant_id})
        paid_id, unpaid_id, payment_id = new_id(), new_id(), new_id()
        for invoice_id, due in ((paid_id, date(2026, 11, 1)), (unpaid_id, date(2026, 10, 1))):
            number += 1
            invoices.append(
                {
                    "id": invoice_id,
                    "agency_id": agency.id,
                    "lease_id": lease_id,
                    "number": number,
                    "kind": InvoiceKind.RENT,
                    "status": InvoiceStatus.OPEN,
                    "currency": agency.currency,
                    "issue_date": date(2026, 9, 15),
                    "due_date": due,
                }
            )
            lines.append(
                {
                    "id": new_id(),
                    "invoice_id": invoice_id,
                    "position": 0,
                    "description": "Rent",
                    "amount": 95_000,
                }
            )
        payments.append(
            {
                "id": payment_id,
                "agency_id": agency.id,
                "lease_id": lease_id,
                "tenant_id": tenant_id,
                "method": PaymentMethod.BANK_TRANSFER,
                "status": PaymentStatus.SUCCEEDED,
                "amount": 95_000,
                "currency": agency.currency,
                "received_on": date(2026, 11, 2),
                "reference": f"BULK-{index}",
                "recorded_by_id": staff.id,
            }
        )
        allocations.append(
            {"id": new_id(), "payment_id": payment_id, "invoice_id": paid_id, "amount": 95_000}
        )
    for model, rows in (
        (Property, properties),
        (Unit, units),
        (Tenant, tenants),
        (Lease, lease_rows),
        (LeaseTenant, parties),
        (Invoice, invoices),
        (InvoiceLine, lines),
        (Payment, payments),
        (Allocation, allocations),
    ):
        await session.execute(insert(model), rows)

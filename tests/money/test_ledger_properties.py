"""Property test: whatever happens to a lease's invoices and payments, the ledger holds.

Random sequences of invoices, credit notes (some above the approval threshold, then approved
or rejected), off-platform payments with chosen or oldest-first allocation, card payments of
one invoice (succeeding at once, declined, or answered later, after other operations), further
allocations, moves of an allocation by hand (to another invoice or back to credit), refunds (card
refunds settled when the gateway answers) and voids. The card steps
run the card flow's own ledger code (`charges.open_attempt`, `charges.apply_intent`,
`payments.settle_refund`) with the gateway's answers; the gateway itself is exercised against
localstripe in tests/payments_online. Operations the rules refuse must change nothing. After every
sequence:
- no payment has more allocated than is left of it after refunds;
- every invoice's outstanding = total - applied credits - allocations, and is never negative;
- a void invoice has no money on it;
- the lease balance equals the sum of what invoices ask for less the unallocated credit;
- credit is used (issue 11): a lease holding unallocated credit has no open invoice still asking
  for money, so nothing says "you owe" or "overdue" while the tenant is in credit — unless staff
  moved money back to credit by hand and nothing has applied credit since (an invoice opening
  or a payment arriving does);
- receipts are numbered 1..n without a gap, one per succeeded payment, and a move never
  renumbers or adds one.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.agencies.service import get_trust_account
from doorstep.audit.models import Approval, ApprovalStatus
from doorstep.audit.service import decide
from doorstep.billing import service as billing
from doorstep.billing.allocations import AllocationMove, AllocationRequest
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import (
    Allocation,
    CreditNote,
    CreditNoteKind,
    CreditNoteStatus,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)
from doorstep.core.errors import AppError
from doorstep.payments.cards import charges
from doorstep.payments.cards.gateway import Intent, IntentStatus
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger import service as payments
from doorstep.payments.ledger.models import Payment, PaymentMethod, Receipt, Refund, RefundStatus
from tests.factories import Factory

amounts = st.integers(min_value=1, max_value=200_000)
index = st.integers(min_value=0, max_value=9)
operation = st.one_of(
    st.tuples(st.just("invoice"), amounts, st.integers(min_value=1, max_value=3)),
    st.tuples(st.just("credit"), index, amounts, st.booleans()),
    st.tuples(st.just("pay"), amounts, st.sampled_from(["none", "chosen", "oldest"])),
    st.tuples(st.just("allocate"), index, index, amounts),
    st.tuples(st.just("move"), index, index, index, amounts, st.booleans()),
    st.tuples(st.just("refund"), index, amounts),
    st.tuples(st.just("void"), index),
    st.tuples(st.just("decide"), index, st.booleans()),
    st.tuples(st.just("card"), index, st.sampled_from(["succeeded", "declined", "later"])),
    st.tuples(st.just("card_answer"), index),
    st.tuples(st.just("card_refunds_settle")),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=30))
# Always run once: a card answered after a transfer paid the invoice, refunded by card.
@example(
    operations=[
        ("invoice", 50_000, 1),
        ("card", 0, "later"),
        ("pay", 50_000, "oldest"),
        ("card_answer", 0),
        ("refund", 1, 30_000),
        ("card_refunds_settle",),
        ("invoice", 20_000, 1),
        ("card", 1, "declined"),
        ("card", 1, "succeeded"),
    ]
)
# Always run once: credit left by an overpayment settles the invoices issued after it, and a
# refund that takes back an allocation is made good from the lease's other credit.
@example(
    operations=[
        ("pay", 80_000, "none"),
        ("invoice", 30_000, 1),
        ("pay", 10_000, "chosen"),
        ("invoice", 40_000, 1),
        ("refund", 0, 70_000),
        ("invoice", 5_000, 2),
    ]
)
# Always run once: money moved from a paid invoice to another and back to credit, then used
# again when the next invoice opens.
@example(
    operations=[
        ("invoice", 30_000, 1),
        ("invoice", 20_000, 1),
        ("pay", 30_000, "oldest"),
        ("move", 0, 0, 1, 20_000, False),
        ("move", 0, 1, 0, 5_000, True),
        ("refund", 0, 10_000),
        ("invoice", 1_000, 1),
    ]
)
async def test_the_ledger_holds_whatever_happens(
    session: AsyncSession, factory: Factory, operations: list[tuple[Any, ...]]
) -> None:
    example = await session.begin_nested()
    try:
        await _run(session, factory, operations)
    finally:
        await example.rollback()


async def _run(session: AsyncSession, factory: Factory, operations: list[tuple[Any, ...]]) -> None:
    agency = await factory.agency()
    agency.settings = agency.settings | {"approval_threshold": 50_000}
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant], start=date(2026, 1, 1))
    now = factory.clock.now()
    invoices: list[Invoice] = []
    paid: list[Payment] = []
    card = charges.Payer(
        agency=agency,
        tenant_id=tenant.id,
        scope=f"tenant:{tenant.id}",
        method=PaymentMethod.CARD,
        customer="cus_property",
    )
    waiting: list[uuid.UUID] = []  # card attempts whose answer has not come yet
    # Money staff sent back to credit by hand stays credit until credit is next applied.
    held_as_credit_by_hand = False
    for op in operations:
        step = await session.begin_nested()
        try:
            match op:
                case ("invoice", amount, line_count):
                    invoices.append(
                        await billing.create_invoice(
                            session,
                            agency,
                            manager,
                            lease_id=lease.id,
                            kind=InvoiceKind.FEE,
                            due_date=date(2026, 11, len(invoices) % 28 + 1),
                            lines=[billing.NewLine("Fee", amount)] * line_count,
                            now=now,
                        )
                    )
                case ("credit", i, amount, write_off) if invoices:
                    await billing.issue_credit_note(
                        session,
                        agency,
                        manager,
                        invoice_id=invoices[i % len(invoices)].id,
                        amount=amount,
                        reason="goodwill",
                        kind=CreditNoteKind.WRITE_OFF if write_off else CreditNoteKind.CREDIT,
                        now=now,
                    )
                case ("pay", amount, mode):
                    trust = await get_trust_account(session, agency.id)
                    trust.receipt_oldest_invoice_first = mode == "oldest"
                    chosen = (
                        [AllocationRequest(invoices[-1].id, min(amount, 1_000))]
                        if mode == "chosen" and invoices
                        else None
                    )
                    recorded = await payments.record_offline_payment(
                        session,
                        agency,
                        manager,
                        lease_id=lease.id,
                        tenant_id=tenant.id,
                        amount=amount,
                        currency="EUR",
                        method=PaymentMethod.BANK_TRANSFER,
                        received_on=date(2026, 11, 20),
                        reference=f"transfer {len(paid)}",
                        allocations=chosen,
                        now=now,
                    )
                    paid.append(recorded.payment)
                case ("allocate", p, i, amount) if paid and invoices:
                    await payments.allocate(
                        session,
                        agency.id,
                        paid[p % len(paid)].id,
                        [AllocationRequest(invoices[i % len(invoices)].id, amount)],
                    )
                case ("move", p, i, j, amount, to_credit) if paid and invoices:
                    receipts_before = await _receipts(session)
                    await payments.move_payment_allocation(
                        session,
                        agency.id,
                        manager,
                        paid[p % len(paid)].id,
                        AllocationMove(
                            from_invoice_id=invoices[i % len(invoices)].id,
                            to_invoice_id=None if to_credit else invoices[j % len(invoices)].id,
                            amount=amount,
                            reason="allocated to the wrong invoice",
                        ),
                        now,
                    )
                    assert await _receipts(session) == receipts_before
                    held_as_credit_by_hand = held_as_credit_by_hand or to_credit
                case ("refund", p, amount) if paid:
                    await payments.request_refund(
                        session,
                        agency,
                        manager,
                        payment_id=paid[p % len(paid)].id,
                        amount=amount,
                        reason="moved out",
                        now=now,
                    )
                case ("card", i, outcome) if invoices:
                    attempt_id = await charges.open_attempt(
                        session,
                        card,
                        invoices[i % len(invoices)].id,
                        "pm_card_visa",
                        uuid.uuid4().hex,
                        now,
                    )
                    if isinstance(attempt_id, uuid.UUID):
                        if outcome == "later":
                            waiting.append(attempt_id)
                        else:
                            payment = await _answer(session, attempt_id, outcome, now)
                            if outcome == "succeeded":
                                paid.append(payment)
                case ("card_answer", i) if waiting:
                    attempt_id = waiting.pop(i % len(waiting))
                    paid.append(await _answer(session, attempt_id, "succeeded", now))
                case ("card_refunds_settle",):
                    for refund in (
                        await session.scalars(
                            select(Refund).where(Refund.status == RefundStatus.PROCESSING)
                        )
                    ).all():
                        payment = await session.get_one(Payment, refund.payment_id)
                        await payments.settle_refund(
                            session, payment, refund, now, gateway_reference=f"re_{refund.id}"
                        )
                case ("void", i) if invoices:
                    await billing.void_invoice(
                        session, agency, manager, invoices[i % len(invoices)].id, "error", now
                    )
                case ("decide", i, approve):
                    pending = (
                        await session.scalars(
                            select(Approval)
                            .where(Approval.status == ApprovalStatus.PENDING)
                            .order_by(Approval.id)
                        )
                    ).all()
                    if pending:
                        await decide(
                            session,
                            agency,
                            accountant,
                            pending[i % len(pending)].id,
                            approve=approve,
                            note=None,
                            now=now,
                        )
            await step.commit()
            opened = op[0] == "invoice" and invoices[-1].status is InvoiceStatus.OPEN
            arrived = op[0] in ("pay", "card_answer") or op[:3:2] == ("card", "succeeded")
            if opened or arrived:
                # An invoice opening or money arriving applies the lease's credit.
                held_as_credit_by_hand = False
        except AppError:
            await step.rollback()
    await _check_invariants(session, lease.id, credit_may_wait=held_as_credit_by_hand)


async def _receipts(session: AsyncSession) -> list[tuple[uuid.UUID, int]]:
    return [
        (payment_id, number)
        for payment_id, number in await session.execute(
            select(Receipt.payment_id, Receipt.number).order_by(Receipt.number)
        )
    ]


async def _answer(
    session: AsyncSession, attempt_id: uuid.UUID, outcome: str, now: datetime
) -> Payment:
    """What the card flow does with the gateway's answer to one attempt."""
    attempt = await session.get_one(CardCharge, attempt_id)
    payment = await session.get_one(Payment, attempt.payment_id)
    attempt.intent_ref = f"pi_{attempt_id.hex}"
    intent = Intent(
        id=attempt.intent_ref,
        status=IntentStatus.SUCCEEDED
        if outcome == "succeeded"
        else IntentStatus.REQUIRES_PAYMENT_METHOD,
        amount=payment.amount,
        currency=payment.currency.upper(),
        customer="cus_property",
        payment_method="pm_card_visa",
        client_secret=None,
        charge_id=None,
        failure_code=None if outcome == "succeeded" else "card_declined",
        failure_message=None,
    )
    await charges.apply_intent(session, attempt, payment, intent, now)
    return payment


async def _sum(session: AsyncSession, column: Any, *conditions: Any) -> int:
    return int(await session.scalar(select(func.coalesce(func.sum(column), 0)).where(*conditions)))


async def _check_invariants(
    session: AsyncSession, lease_id: Any, *, credit_may_wait: bool = False
) -> None:
    session.expire_all()
    for payment in (await session.scalars(select(Payment))).all():
        allocated = await _sum(session, Allocation.amount, Allocation.payment_id == payment.id)
        refunded = await _sum(
            session,
            Refund.amount,
            Refund.payment_id == payment.id,
            Refund.status == RefundStatus.SUCCEEDED,
        )
        assert 0 <= allocated <= payment.amount - refunded
    expected_outstanding = 0
    for invoice in (await session.scalars(select(Invoice))).all():
        total = await _sum(session, InvoiceLine.amount, InvoiceLine.invoice_id == invoice.id)
        credits = await _sum(
            session,
            CreditNote.amount,
            CreditNote.invoice_id == invoice.id,
            CreditNote.status == CreditNoteStatus.APPLIED,
        )
        allocations = await _sum(session, Allocation.amount, Allocation.invoice_id == invoice.id)
        net_per_payment = (
            await session.scalars(
                select(func.sum(Allocation.amount))
                .where(Allocation.invoice_id == invoice.id)
                .group_by(Allocation.payment_id)
            )
        ).all()
        assert all(net >= 0 for net in net_per_payment)
        outstanding = total - credits - allocations
        amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
        assert amounts.outstanding == outstanding
        if invoice.status is InvoiceStatus.VOID:
            assert allocations == 0
        else:
            assert outstanding >= 0
            expected_outstanding += outstanding
    balance = (await payments.lease_balances(session, [lease_id]))[lease_id]
    assert balance.outstanding == expected_outstanding
    assert balance.credit >= 0
    if balance.credit > 0 and not credit_may_wait:
        assert balance.outstanding == 0, "credit left unused while invoices ask for money"
    numbers = sorted((await session.scalars(select(Receipt.number))).all())
    assert numbers == list(range(1, len(numbers) + 1))

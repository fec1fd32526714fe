"""The hot read paths' set-based statements agree with the rules they stand for: invoice
states in SQL with ``invoice_state``, a tenant's balance in one statement with
``lease_balances``."""

from __future__ import annotations

from datetime import timedelta

from doorstep.agencies.models import StaffRole
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import CreditNoteKind, InvoiceKind
from doorstep.billing.schemas import (
    InvoiceOut,
    InvoiceScheduledChargeOut,
    InvoiceState,
    ScheduledChargeState,
    invoice_json,
    invoice_out,
)
from doorstep.billing.service import (
    NewLine,
    create_invoice,
    invoice_state,
    issue_credit_note,
    list_invoices,
    void_invoice,
)
from doorstep.core.pagination import Page, PageRequest, page_json_response
from doorstep.payments.ledger.balances import tenant_lease_balances
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import lease_balances, record_offline_payment, request_refund
from tests.factories import Factory


async def test_invoice_states_and_a_tenants_balances_agree_with_the_ledger(
    factory: Factory,
) -> None:
    session, now = factory.session, factory.clock.now()
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    other = await factory.tenant(agency, first_name="Jo")
    lease = await factory.lease(agency, [tenant, other])
    second = await factory.lease(agency, [tenant], unit=await factory.unit(agency, name="2B"))
    paid = await factory.invoice(agency, lease, manager, amount=30_000)
    partly = await factory.invoice(agency, lease, manager, amount=20_000)
    credited = await factory.invoice(agency, lease, manager, amount=10_000)
    untouched = await factory.invoice(agency, second, manager, amount=7_000)
    void = await factory.invoice(agency, second, manager, amount=5_000)
    await void_invoice(session, agency, manager, void.id, "Issued twice", now)
    await issue_credit_note(
        session, agency, manager, invoice_id=credited.id, amount=4_000, reason="Boiler",
        kind=CreditNoteKind.CREDIT, now=now,
    )  # fmt: skip
    payment = (await record_offline_payment(
        session, agency, manager, lease_id=lease.id, tenant_id=tenant.id, amount=45_000,
        currency=agency.currency, method=PaymentMethod.BANK_TRANSFER,
        received_on=now.date(), reference="BANK-1",
        allocations=[AllocationRequest(paid.id, 30_000), AllocationRequest(partly.id, 5_000)],
        now=now,
    )).payment  # fmt: skip
    await request_refund(
        session, agency, manager, payment_id=payment.id, amount=3_000, reason="Overpaid",
        now=now,
    )  # fmt: skip
    await session.flush()

    views, _ = await list_invoices(
        session, agency.id, agency.timezone, now=now, page=PageRequest(None, 50)
    )
    amounts = await invoice_amounts(session, [view.id for view in views])
    records = {invoice.id: invoice for invoice in (paid, partly, credited, untouched, void)}
    for view in views:
        await session.refresh(records[view.id])
        assert view.amounts == amounts[view.id]
        assert view.state is invoice_state(records[view.id], amounts[view.id])
    states = {view.id: view.state for view in views}
    assert states == {
        paid.id: InvoiceState.PAID,
        partly.id: InvoiceState.PARTIALLY_PAID,
        credited.id: InvoiceState.OPEN,
        untouched.id: InvoiceState.OPEN,
        void.id: InvoiceState.VOID,
    }
    for state in InvoiceState:
        filtered, _ = await list_invoices(
            session, agency.id, agency.timezone, now=now, states=[state],
            page=PageRequest(None, 50),
        )  # fmt: skip
        assert {view.id for view in filtered} == {i for i, s in states.items() if s is state}
    late, _ = await list_invoices(
        session, agency.id, agency.timezone, now=now + timedelta(days=1), overdue=True,
        page=PageRequest(None, 50),
    )  # fmt: skip
    assert {view.id for view in late} == {partly.id, credited.id, untouched.id}

    reference = await lease_balances(session, [lease.id, second.id])
    balances = await tenant_lease_balances(session, tenant.id, agency.id, now.date())
    assert {b.lease_id: (b.outstanding, b.credit) for b in balances} == {
        lease_id: (balance.outstanding, balance.credit) for lease_id, balance in reference.items()
    }
    assert {b.lease_id: (b.outstanding, b.credit) for b in balances} == {
        # The 10,000 left of the payment is credit, used at once on the oldest open invoice
        # (partly: 15,000 -> 5,000); the 3,000 refund then takes back the latest allocation.
        lease.id: (5_000 + 3_000 + 6_000, 0),
        second.id: (7_000, 0),
    }
    (joint,) = await tenant_lease_balances(session, other.id, agency.id, now.date())
    assert joint.lease_id == lease.id


async def test_invoice_lists_sent_as_ready_json_are_the_models_json_byte_for_byte(
    factory: Factory,
) -> None:
    session, now = factory.session, factory.clock.now()
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    lease = await factory.lease(
        agency, [await factory.tenant(agency, first_name="Zoë"), await factory.tenant(agency)]
    )
    await factory.invoice(agency, lease, manager, amount=12_345)
    several_lines = await create_invoice(
        session, agency, manager, lease_id=lease.id, kind=InvoiceKind.FEE,
        due_date=now.date() + timedelta(days=3),
        lines=[NewLine("Réparation — clé \"B\"", 4_000), NewLine("Ménage", 1_500)], now=now,
    )  # fmt: skip
    voided = await factory.invoice(agency, lease, manager, amount=2_000)
    await void_invoice(session, agency, manager, voided.id, "Émise deux fois", now)
    await session.flush()

    views, _ = await list_invoices(
        session, agency.id, agency.timezone, now=now, page=PageRequest(None, 50)
    )
    assert {view.id for view in views} >= {several_lines.id, voided.id}
    assert any(view.approved_at is not None for view in views)
    assert any(view.void_reason is not None for view in views)
    assert any(len(view.lines) == 2 for view in views)
    assert list(invoice_json(views[0])) == list(InvoiceOut.model_fields)
    # The first invoice is one a recurring charge will take.
    charges = {
        views[0].id: InvoiceScheduledChargeOut(
            charge_on=now.date() + timedelta(days=5),
            amount=12_345,
            currency=agency.currency,
            status=ScheduledChargeState.REMINDED,
            method="card",
            last4="4242",
        )
    }
    for cursor in (None, "b3BhcXVl"):
        sent = page_json_response([invoice_json(v, charges.get(v.id)) for v in views], cursor)
        model = Page[InvoiceOut](
            items=[invoice_out(v, charges.get(v.id)) for v in views], next_cursor=cursor
        )
        assert sent.body == model.model_dump_json().encode()
        assert sent.media_type == "application/json"

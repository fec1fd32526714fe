"""The tick's recurring concern, per agency: set-ups follow their tenancy, eligible invoices get
a scheduled charge, and reminders go out.

Everything here happens in the concern's one transaction, so a reminder's e-mail, its record
and the frozen amount commit together or not at all; the unique keys (one reminder per invoice
and kind, one charge per set-up and invoice, one outbox message per dedupe key) make a second
run, or a second worker, change nothing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Date, SQLColumnExpression, and_, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceKind, InvoiceStatus
from doorstep.core.clock import local_date
from doorstep.core.ids import new_id
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.recurring import messages
from doorstep.recurring.common import (
    REMINDER_TO_CHARGE,
    RecurringConfig,
    lease_tenants,
    message_context,
    record_reminder,
    send,
)
from doorstep.recurring.models import (
    PaymentReminder,
    RecurringSetup,
    ReminderKind,
    ScheduledCharge,
    SetupStatus,
)
from doorstep.recurring.payments_port import payment_key
from doorstep.recurring.transitions import ChargeEvent, ChargeStatus, next_status
from doorstep.tenants.models import Tenant


def gateway_key(charge_id: uuid.UUID) -> str:
    """The gateway idempotency key of a scheduled charge: derived from its id, so every retry
    of the create-and-confirm call sends the same one."""
    return payment_key(f"recurring-{charge_id}", "create-confirm")


def charge_payment_ref(charge_id: uuid.UUID) -> str:
    """What the gateway adapter derives its key from (``gateway_key`` is the result)."""
    return f"recurring-{charge_id}"


async def run_cycle(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime, config: RecurringConfig
) -> int:
    """Bring one agency's recurring payments and reminders up to date for ``now``."""
    agency = await session.get_one(Agency, agency_id)
    today = local_date(now, agency.timezone)
    changes = await end_with_tenancy(session, agency_id, now)
    changes += await schedule_charges(session, agency, today)
    changes += await send_reminders(session, agency, today, now, config)
    return changes


async def end_with_tenancy(session: AsyncSession, agency_id: uuid.UUID, now: datetime) -> int:
    """Seed 003: vacating, cancellation and expiry without holding over stop recurring payments
    once the tenancy has ended (the lease is ended or cancelled); holding over keeps them. No
    invoice is scheduled after that, but the tenancy's last invoices already scheduled still
    go through the reminder and the charge "as expected" (an amount that changed after the
    reminder gives no charge, as always)."""
    ended = (
        await session.scalars(
            update(RecurringSetup)
            .where(
                RecurringSetup.agency_id == agency_id,
                RecurringSetup.status == SetupStatus.ACTIVE,
                RecurringSetup.lease_id == Lease.id,
                Lease.status.in_([LeaseStatus.ENDED, LeaseStatus.CANCELLED]),
            )
            .values(status=SetupStatus.ENDED, ended_at=now, end_reason=Lease.status)
            .returning(RecurringSetup.id)
            .execution_options(synchronize_session=False)
        )
    ).all()
    return len(ended)


async def cancel_unreminded(session: AsyncSession, setup_ids: list[uuid.UUID]) -> int:
    """The set-up stopped: its charges that are not yet reminded will not happen."""
    target = next_status(ChargeStatus.SCHEDULED, ChargeEvent.SETUP_STOPPED)
    result = await session.execute(
        update(ScheduledCharge)
        .where(
            ScheduledCharge.setup_id.in_(setup_ids),
            ScheduledCharge.status == ChargeStatus.SCHEDULED,
        )
        .values(status=target)
        .returning(ScheduledCharge.id)
    )
    return len(result.all())


def _local_day(instant: SQLColumnExpression[datetime | None], timezone: str) -> ColumnElement[date]:
    """An instant's calendar day in the agency's timezone, in SQL."""
    return func.date(func.timezone(timezone, instant), type_=Date)


async def schedule_charges(session: AsyncSession, agency: Agency, today: date) -> int:
    """Seed 003: only rent invoices issued and approved from the day after set-up are paid
    by the recurring set-up; older ones (arrears, the one generated on the set-up day) stay
    for the tenant to pay by hand. Each gets one scheduled charge."""
    candidates = (
        await session.execute(
            select(RecurringSetup.id, Invoice.id, Invoice.due_date, Invoice.currency)
            .join(Invoice, Invoice.lease_id == RecurringSetup.lease_id)
            .where(
                RecurringSetup.agency_id == agency.id,
                RecurringSetup.status == SetupStatus.ACTIVE,
                Invoice.agency_id == agency.id,
                Invoice.status == InvoiceStatus.OPEN,
                Invoice.kind == InvoiceKind.RENT,
                Invoice.issue_date > RecurringSetup.started_on,
                Invoice.approved_at.is_not(None),
                _local_day(Invoice.approved_at, agency.timezone) > RecurringSetup.started_on,
                ~exists().where(
                    ScheduledCharge.setup_id == RecurringSetup.id,
                    ScheduledCharge.invoice_id == Invoice.id,
                ),
            )
        )
    ).all()
    if not candidates:
        return 0
    rows = []
    for setup_id, invoice_id, due_date, currency in candidates:
        charge_id = new_id()
        rows.append(
            {
                "id": charge_id,
                "agency_id": agency.id,
                "setup_id": setup_id,
                "invoice_id": invoice_id,
                "status": ChargeStatus.SCHEDULED.value,
                "due_date": due_date,
                "currency": currency,
                "gateway_key": gateway_key(charge_id),
            }
        )
    inserted = await session.execute(
        insert(ScheduledCharge)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["setup_id", "invoice_id"])
        .returning(ScheduledCharge.id)
    )
    return len(inserted.all())


async def send_reminders(
    session: AsyncSession, agency: Agency, today: date, now: datetime, config: RecurringConfig
) -> int:
    """Seed 002/003: a reminder ``reminder_days_before_due`` days before the due date, once
    per invoice; recurring tenants get the pre-charge reminder instead, which freezes the
    amount that may be charged."""
    days = read_settings(agency.settings).reminder_days_before_due
    horizon = today + timedelta(days=days)
    return await _remind_scheduled(session, agency, horizon, today, now) + await _remind_others(
        session, agency, horizon, today, now, config
    )


async def _remind_scheduled(
    session: AsyncSession, agency: Agency, horizon: date, today: date, now: datetime
) -> int:
    charges = (
        await session.scalars(
            select(ScheduledCharge)
            .where(
                ScheduledCharge.agency_id == agency.id,
                ScheduledCharge.status == ChargeStatus.SCHEDULED,
                ScheduledCharge.due_date <= horizon,
            )
            .order_by(ScheduledCharge.due_date, ScheduledCharge.id)
            .with_for_update(skip_locked=True)
        )
    ).all()
    changes = 0
    for charge in charges:
        invoice = await session.scalar(
            select(Invoice).where(Invoice.id == charge.invoice_id).with_for_update()
        )
        assert invoice is not None
        outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
        if invoice.status is not InvoiceStatus.OPEN or outstanding <= 0:
            # Seed 003: paid another way (or void) before the reminder: skipped, the set-up
            # stays.
            charge.status = next_status(charge.status, ChargeEvent.INVOICE_SETTLED)
            charge.settled_at = now
            changes += 1
            continue
        setup = await session.get_one(RecurringSetup, charge.setup_id)
        charge.status = next_status(charge.status, ChargeEvent.REMIND)
        charge.reminded_at = now
        charge.reminded_amount = outstanding
        # Seed 003: on the due date, but never sooner than 3 days after the reminder (even if
        # the invoice is overdue by then).
        charge.charge_not_before = max(charge.due_date, today + REMINDER_TO_CHARGE)
        changed = outstanding != setup.agreed_amount
        if await record_reminder(
            session,
            invoice=invoice,
            kind=ReminderKind.PRE_CHARGE,
            amount=outstanding,
            amount_changed=changed,
            now=now,
        ):
            tenant = await session.get_one(Tenant, setup.tenant_id)
            context = await message_context(session, agency, invoice, tenant)
            email = messages.pre_charge(
                context,
                amount=outstanding,
                agreed=setup.agreed_amount,
                charge_on=charge.charge_not_before,
                method=setup.method.value,
                label=setup.payment_method_label,
            )
            await send(
                session,
                agency=agency,
                invoice=invoice,
                tenant=tenant,
                kind=ReminderKind.PRE_CHARGE,
                email=email,
            )
        changes += 1
    return changes


async def _remind_others(
    session: AsyncSession,
    agency: Agency,
    horizon: date,
    today: date,
    now: datetime,
    config: RecurringConfig,
) -> int:
    """Every other open invoice falling due within the horizon (not yet overdue: chasing
    arrears is the collections follow-ups' work) gets the plain reminder."""
    invoices = (
        await session.scalars(
            select(Invoice)
            .where(
                Invoice.agency_id == agency.id,
                Invoice.status == InvoiceStatus.OPEN,
                Invoice.due_date <= horizon,
                Invoice.due_date >= today,
                ~exists().where(
                    PaymentReminder.invoice_id == Invoice.id,
                    PaymentReminder.kind.in_([ReminderKind.DUE_SOON, ReminderKind.PRE_CHARGE]),
                ),
                # A recurring charge reminds (or skips) the invoice itself.
                ~exists().where(
                    and_(
                        ScheduledCharge.invoice_id == Invoice.id,
                        ScheduledCharge.status != ChargeStatus.CANCELLED,
                    )
                ),
            )
            .order_by(Invoice.due_date, Invoice.id)
        )
    ).all()
    if not invoices:
        return 0
    amounts = await invoice_amounts(session, [invoice.id for invoice in invoices])
    changes = 0
    for invoice in invoices:
        outstanding = amounts[invoice.id].outstanding
        if outstanding <= 0:
            continue
        if not await record_reminder(
            session,
            invoice=invoice,
            kind=ReminderKind.DUE_SOON,
            amount=outstanding,
            amount_changed=False,
            now=now,
        ):
            continue
        for tenant in await lease_tenants(session, invoice.lease_id):
            context = await message_context(session, agency, invoice, tenant)
            email = messages.due_soon(
                context,
                amount=outstanding,
                due=invoice.due_date,
                portal_url=config.portal_invoice_url(invoice.id),
            )
            await send(
                session,
                agency=agency,
                invoice=invoice,
                tenant=tenant,
                kind=ReminderKind.DUE_SOON,
                email=email,
            )
        changes += 1
    return changes

"""The tick's recurring concern, per agency: set-ups follow their tenancy, eligible invoices get
a scheduled charge, and reminders go out.

Everything here happens in the concern's one transaction, so a reminder's e-mail, its record
and the frozen amount commit together or not at all; the unique keys (one reminder per invoice
and kind, one charge per set-up and invoice, one outbox message per dedupe key) make a second
run, or a second worker, change nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    SQLColumnExpression,
    Uuid,
    and_,
    any_,
    bindparam,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import outstanding_of
from doorstep.billing.models import Invoice, InvoiceKind, InvoiceStatus
from doorstep.collections.instructions import PaymentInstructions, lease_instructions
from doorstep.core.clock import local_date
from doorstep.core.ids import new_id
from doorstep.documents.i18n import Texts
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.notifications.push import PushNotice, TenantPush, queue_pushes
from doorstep.notifications.service import QueuedEmail, queue_emails
from doorstep.properties.models import Property, Unit
from doorstep.recurring import messages
from doorstep.recurring.common import (
    REMINDER_TO_CHARGE,
    RecurringConfig,
    ReminderRecord,
    dedupe_key,
    record_reminders,
)
from doorstep.recurring.models import (
    PaymentReminder,
    RecurringSetup,
    ReminderKind,
    ScheduledCharge,
    SetupMethod,
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
    if read_settings(agency.settings).features.online_payments:
        # Seed 000: off, online payments schedule nothing; the set-ups stay and take the
        # invoices still open once they are back on (each after its own pre-charge notice).
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
    # One parameter set per row, sent in multi-row statements of a bounded size (a single
    # VALUES list would outgrow the driver's parameter limit on a large book).
    inserted = await session.scalars(
        insert(ScheduledCharge)
        .on_conflict_do_nothing(index_elements=["setup_id", "invoice_id"])
        .returning(ScheduledCharge.id),
        rows,
    )
    return len(inserted.all())


async def send_reminders(
    session: AsyncSession, agency: Agency, today: date, now: datetime, config: RecurringConfig
) -> int:
    """Seed 002/003: a reminder ``reminder_days_before_due`` days before the due date, once
    per invoice; recurring tenants get the pre-charge reminder instead, which freezes the
    amount that may be charged."""
    settings = read_settings(agency.settings)
    horizon = today + timedelta(days=settings.reminder_days_before_due)
    changes = 0
    if settings.features.online_payments:
        # The pre-charge reminder is the notice the tenant's authorisation asks for before
        # each charge, not an automated message the agency may silence: it goes whenever a
        # charge will follow, and never announces one that cannot happen.
        changes += await _remind_scheduled(session, agency, horizon, today, now)
    if settings.features.automated_messages:
        changes += await _remind_others(session, agency, horizon, today, now, config)
    return changes


def _any_of(ids: list[uuid.UUID]) -> ColumnElement[Any]:
    """One array parameter for a list of ids, however long (``IN`` would bind one each)."""
    return any_(bindparam(None, ids, type_=ARRAY(Uuid())))


_Select = TypeVar("_Select", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class _Addressee:
    """The invoice and the tenant a reminder e-mail is written for, with the lease's place."""

    invoice_id: uuid.UUID
    invoice_number: int | None
    lease_id: uuid.UUID
    currency: str
    tenant_id: uuid.UUID
    tenant_name: str
    email: str
    place: str
    language: str | None


class _Writer:
    """Writes one agency's reminder e-mails: what every message shares is read once."""

    def __init__(
        self, agency: Agency, instructions: Callable[[uuid.UUID], PaymentInstructions | None]
    ) -> None:
        settings = read_settings(agency.settings)
        self.agency = agency
        # Per language: each tenant reads their reminders in their own (core.languages).
        self.texts: dict[str | None, Texts] = {None: Texts.for_tenant(agency, None)}
        self.contact_email = settings.contact_email
        self.contact_phone = settings.contact_phone
        self.instructions = instructions

    @classmethod
    async def load(cls, session: AsyncSession, agency: Agency) -> _Writer:
        return cls(agency, await lease_instructions(session, agency.id))

    def context(self, to: _Addressee) -> messages.Context:
        texts = self.texts.get(to.language)
        if texts is None:
            texts = self.texts[to.language] = Texts.for_tenant(self.agency, to)
        return messages.Context(
            texts=texts,
            agency_name=self.agency.name,
            tenant_name=to.tenant_name,
            invoice_number=to.invoice_number or 0,
            place=to.place,
            currency=to.currency,
            contact_email=self.contact_email,
            contact_phone=self.contact_phone,
            instructions=self.instructions(to.lease_id),
        )

    def queued(self, to: _Addressee, kind: ReminderKind, email: messages.Email) -> QueuedEmail:
        return QueuedEmail(
            to=to.email,
            subject=email.subject,
            text=email.text,
            html=email.html,
            dedupe_key=dedupe_key(kind, to.invoice_id, to.tenant_id),
            kind=f"recurring_{kind.value}",
            from_name=self.agency.name,
        )

    def push(self, to: _Addressee, kind: ReminderKind, notice: PushNotice) -> TenantPush:
        """The push notification beside a reminder e-mail, to the same tenant, once."""
        return TenantPush(
            tenant_id=to.tenant_id,
            notice=notice,
            dedupe_key=dedupe_key(kind, to.invoice_id, to.tenant_id),
            kind=f"recurring_{kind.value}",
        )


def _addressee_columns() -> tuple[Any, ...]:
    """What ``_Addressee`` is made of, for a select joining invoices, tenants and the place."""
    return (
        Invoice.id,
        Invoice.number,
        Invoice.lease_id,
        Invoice.currency,
        Tenant.id,
        func.concat(Tenant.first_name, " ", Tenant.last_name),
        Tenant.email,
        func.concat(Property.name, ", ", Unit.name),
        Tenant.language,
    )


_ADDRESSEE_WIDTH = 9


def _addressee(row: Sequence[Any]) -> _Addressee:
    return _Addressee(*row[:_ADDRESSEE_WIDTH])


def _with_place(statement: _Select) -> _Select:
    return (
        statement.join(Lease, Lease.id == Invoice.lease_id)
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Property, Property.id == Unit.property_id)
    )


async def _remind_scheduled(
    session: AsyncSession, agency: Agency, horizon: date, today: date, now: datetime
) -> int:
    """The pre-charge reminders, a few statements for all the agency's charges falling due:
    claim the charges (``SKIP LOCKED``: another worker's are its own), lock their invoices,
    read their amounts, then write the outcome, the reminders and the e-mails in bulk."""
    charge_ids = list(
        (
            await session.scalars(
                select(ScheduledCharge.id)
                .where(
                    ScheduledCharge.agency_id == agency.id,
                    ScheduledCharge.status == ChargeStatus.SCHEDULED,
                    ScheduledCharge.due_date <= horizon,
                )
                .order_by(ScheduledCharge.id)
                .with_for_update(skip_locked=True)
            )
        ).all()
    )
    if not charge_ids:
        return 0
    # The invoices are locked as the charge step locks them (id order: no deadlock with
    # another worker), so an amount read below cannot change before this commits.
    await session.execute(
        select(Invoice.id)
        .where(
            Invoice.id.in_(
                select(ScheduledCharge.invoice_id).where(ScheduledCharge.id == _any_of(charge_ids))
            )
        )
        .order_by(Invoice.id)
        .with_for_update()
    )
    rows: Sequence[Any] = (
        await session.execute(
            _with_place(
                select(
                    *_addressee_columns(),
                    ScheduledCharge.id,
                    ScheduledCharge.due_date,
                    Invoice.status,
                    outstanding_of(Invoice.id),
                    RecurringSetup.agreed_amount,
                    RecurringSetup.method,
                    RecurringSetup.payment_method_label,
                )
                .select_from(ScheduledCharge)
                .join(Invoice, Invoice.id == ScheduledCharge.invoice_id)
                .join(RecurringSetup, RecurringSetup.id == ScheduledCharge.setup_id)
                .join(Tenant, Tenant.id == RecurringSetup.tenant_id)
            )
            .where(ScheduledCharge.id == _any_of(charge_ids))
            .order_by(ScheduledCharge.due_date, ScheduledCharge.id)
        )
    ).all()
    settled: list[uuid.UUID] = []
    reminded: list[dict[str, object]] = []
    records: list[ReminderRecord] = []
    pending: list[tuple[_Addressee, int, int, date, SetupMethod, str]] = []
    for row in rows:
        to = _addressee(row)
        charge_id, due_date, status, outstanding, agreed, method, label = row[_ADDRESSEE_WIDTH:]
        if status is not InvoiceStatus.OPEN or outstanding <= 0:
            # Seed 003: paid another way (or void) before the reminder: skipped, the set-up
            # stays.
            settled.append(charge_id)
            continue
        # Seed 003: on the due date, but never sooner than 3 days after the reminder (even if
        # the invoice is overdue by then).
        charge_on = max(due_date, today + REMINDER_TO_CHARGE)
        reminded.append(
            {
                "id": charge_id,
                "status": next_status(ChargeStatus.SCHEDULED, ChargeEvent.REMIND),
                "reminded_at": now,
                "reminded_amount": outstanding,
                "charge_not_before": charge_on,
            }
        )
        records.append(
            ReminderRecord(
                to.lease_id, to.invoice_id, outstanding, to.currency, outstanding != agreed
            )
        )
        pending.append((to, outstanding, agreed, charge_on, method, label))
    if settled:
        await session.execute(
            update(ScheduledCharge)
            .where(ScheduledCharge.id == _any_of(settled))
            .values(
                status=next_status(ChargeStatus.SCHEDULED, ChargeEvent.INVOICE_SETTLED),
                settled_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    if reminded:
        # One parameter set per charge, by primary key (the driver pipelines them).
        await session.execute(update(ScheduledCharge), reminded)
    new = await record_reminders(session, agency.id, ReminderKind.PRE_CHARGE, records, now)
    writer = await _Writer.load(session, agency)
    # A push opens a portal page: none while the agency's tenant portal is off.
    portal = read_settings(agency.settings).features.tenant_portal
    emails = []
    pushes = []
    for to, amount, agreed, charge_on, method, label in pending:
        if to.invoice_id not in new:
            continue
        context = writer.context(to)
        email = messages.pre_charge(
            context,
            amount=amount,
            agreed=agreed,
            charge_on=charge_on,
            method=method.value,
            label=label,
        )
        emails.append(writer.queued(to, ReminderKind.PRE_CHARGE, email))
        if portal:
            notice = messages.pre_charge_push(
                context, charge_on=charge_on, invoice_id=to.invoice_id
            )
            pushes.append(writer.push(to, ReminderKind.PRE_CHARGE, notice))
    await queue_emails(session, agency.id, emails)
    await queue_pushes(session, agency.id, pushes)
    return len(rows)


def _left_to_charges(agency: Agency) -> list[ColumnElement[bool]]:
    """A recurring charge reminds (or skips) its invoice itself, while online payments are on;
    off, it will not be taken and the invoice is reminded like any other."""
    if not read_settings(agency.settings).features.online_payments:
        return []
    return [
        ~exists().where(
            and_(
                ScheduledCharge.invoice_id == Invoice.id,
                ScheduledCharge.status != ChargeStatus.CANCELLED,
            )
        )
    ]


async def _remind_others(
    session: AsyncSession,
    agency: Agency,
    horizon: date,
    today: date,
    now: datetime,
    config: RecurringConfig,
) -> int:
    """Every other open invoice falling due within the horizon (not yet overdue: chasing
    arrears is the collections follow-ups' work) gets the plain reminder, e-mailed to each of
    the lease's tenants; the invoices, their amounts and their tenants are read at once."""
    outstanding = outstanding_of(Invoice.id)
    invoices = (
        await session.execute(
            select(Invoice.id, Invoice.lease_id, Invoice.currency, outstanding)
            .where(
                Invoice.agency_id == agency.id,
                Invoice.status == InvoiceStatus.OPEN,
                Invoice.due_date <= horizon,
                Invoice.due_date >= today,
                outstanding > 0,
                ~exists().where(
                    PaymentReminder.invoice_id == Invoice.id,
                    PaymentReminder.kind.in_([ReminderKind.DUE_SOON, ReminderKind.PRE_CHARGE]),
                ),
                *_left_to_charges(agency),
            )
            .order_by(Invoice.due_date, Invoice.id)
        )
    ).all()
    if not invoices:
        return 0
    amounts = {invoice_id: amount for invoice_id, _, _, amount in invoices}
    new = await record_reminders(
        session,
        agency.id,
        ReminderKind.DUE_SOON,
        [
            ReminderRecord(lease_id, invoice_id, amount, currency, amount_changed=False)
            for invoice_id, lease_id, currency, amount in invoices
        ],
        now,
    )
    if not new:
        return 0
    addressees: Sequence[Any] = (
        await session.execute(
            _with_place(
                select(*_addressee_columns(), Invoice.due_date)
                .select_from(Invoice)
                .join(LeaseTenant, LeaseTenant.lease_id == Invoice.lease_id)
                .join(Tenant, Tenant.id == LeaseTenant.tenant_id)
            )
            .where(Invoice.agency_id == agency.id, Invoice.id == _any_of(list(new)))
            .order_by(Invoice.due_date, Invoice.id, Tenant.created_at, Tenant.id)
        )
    ).all()
    writer = await _Writer.load(session, agency)
    # Without the tenant portal, nothing points to it: the e-mail gives the bank details and
    # no push goes (a notification opens a portal page).
    portal = read_settings(agency.settings).features.tenant_portal
    emails = []
    pushes = []
    for row in addressees:
        to = _addressee(row)
        context = writer.context(to)
        email = messages.due_soon(
            context,
            amount=amounts[to.invoice_id],
            due=row[_ADDRESSEE_WIDTH],
            portal_url=config.portal_invoice_url(to.invoice_id) if portal else None,
        )
        emails.append(writer.queued(to, ReminderKind.DUE_SOON, email))
        if portal:
            notice = messages.due_soon_push(
                context, due=row[_ADDRESSEE_WIDTH], invoice_id=to.invoice_id
            )
            pushes.append(writer.push(to, ReminderKind.DUE_SOON, notice))
    await queue_emails(session, agency.id, emails)
    await queue_pushes(session, agency.id, pushes)
    return len(new)

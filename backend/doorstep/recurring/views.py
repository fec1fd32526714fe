"""Reading recurring payments back: the tenant's own, the agency's overview and one set-up's
charge history."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, cast

from asyncpg import Record
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    ScalarSelect,
    Select,
    Uuid,
    and_,
    any_,
    bindparam,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import AgencySettings, feature_switch_sql
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.schemas import InvoiceScheduledChargeOut, ScheduledChargeState
from doorstep.billing.service import InvoiceView
from doorstep.collections.charges_ahead import ChargesAhead
from doorstep.collections.charges_ahead import register as register_charges_ahead
from doorstep.core.db import fetch_rows
from doorstep.core.money import Money
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.properties.models import Property, Unit
from doorstep.recurring.common import REMINDER_TO_CHARGE
from doorstep.recurring.models import (
    PaymentReminder,
    RecurringSetup,
    ScheduledCharge,
    SetupStatus,
)
from doorstep.recurring.schemas import (
    PaymentReminderOut,
    RecurringSetupDetailOut,
    RecurringSetupOut,
    ScheduledChargeOut,
)
from doorstep.recurring.transitions import IN_FLIGHT_STATUSES, ChargeStatus
from doorstep.tenants.models import Tenant

ATTENTION = (ChargeStatus.FAILED, ChargeStatus.UNKNOWN)
UPCOMING = (ChargeStatus.SCHEDULED, ChargeStatus.REMINDED)
# How many set-ups one overview page shows at most.
OVERVIEW_LIMIT = 500


def _charge_out(charge: ScheduledCharge, number: int | None) -> ScheduledChargeOut:
    return ScheduledChargeOut(
        id=charge.id,
        invoice_id=charge.invoice_id,
        invoice_number=number,
        status=charge.status,
        due_date=charge.due_date,
        charge_on=charge.charge_not_before,
        amount=(
            Money(amount=charge.reminded_amount, currency=charge.currency)
            if charge.reminded_amount is not None
            else None
        ),
        reminded_at=charge.reminded_at,
        failure_kind=charge.failure_kind,
        failure_reason=charge.failure_reason,
        settled_at=charge.settled_at,
    )


async def _views(
    session: AsyncSession, statement: Select[RecurringSetup, str, str, str, str]
) -> list[RecurringSetupDetailOut]:
    rows = (await session.execute(statement)).all()
    ids = [row[0].id for row in rows]
    charges: dict[uuid.UUID, list[ScheduledChargeOut]] = defaultdict(list)
    if ids:
        found = await session.execute(
            select(ScheduledCharge, Invoice.number)
            .join(Invoice, Invoice.id == ScheduledCharge.invoice_id)
            .where(ScheduledCharge.setup_id.in_(ids))
            .order_by(ScheduledCharge.due_date.desc(), ScheduledCharge.id)
        )
        for charge, number in found:
            charges[charge.setup_id].append(_charge_out(charge, number))
    views = []
    for setup, first, last, property_name, unit_name in rows:
        history = charges[setup.id]
        upcoming = [c for c in history if c.status in UPCOMING]
        settled = [c for c in history if c.status not in UPCOMING]
        views.append(
            RecurringSetupDetailOut(
                id=setup.id,
                lease_id=setup.lease_id,
                tenant_id=setup.tenant_id,
                tenant_name=f"{first} {last}",
                place=f"{property_name}, {unit_name}",
                method=setup.method,
                status=setup.status,
                payment_method_label=setup.payment_method_label,
                agreed_amount=Money(amount=setup.agreed_amount, currency=setup.currency),
                authorisation_version=setup.authorisation_version,
                authorised_at=setup.authorised_at,
                started_on=setup.started_on,
                covers_invoices_from=setup.started_on + timedelta(days=1),
                ended_at=setup.ended_at,
                end_reason=setup.end_reason,
                next_charge=upcoming[-1] if upcoming else None,
                last_result=settled[0] if settled else None,
                needs_attention=any(c.status in ATTENTION for c in history),
                charges=history,
            )
        )
    return views


def _statement() -> Select[RecurringSetup, str, str, str, str]:
    return (
        select(RecurringSetup, Tenant.first_name, Tenant.last_name, Property.name, Unit.name)
        .join(Tenant, Tenant.id == RecurringSetup.tenant_id)
        .join(Lease, Lease.id == RecurringSetup.lease_id)
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Property, Property.id == Unit.property_id)
        .order_by(RecurringSetup.created_at.desc(), RecurringSetup.id)
    )


async def tenant_setups(session: AsyncSession, tenant: Tenant) -> list[RecurringSetupDetailOut]:
    """The tenant's own set-ups with their upcoming and past charges."""
    return await _views(
        session,
        _statement().where(
            RecurringSetup.agency_id == tenant.agency_id, RecurringSetup.tenant_id == tenant.id
        ),
    )


async def agency_overview(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    status: SetupStatus | None,
    needs_attention: bool | None,
    lease_id: uuid.UUID | None,
) -> list[RecurringSetupOut]:
    """Seed 000's "open the record, review, act": every set-up with its next charge, its last
    result and whether something needs a person."""
    statement = _statement().where(RecurringSetup.agency_id == agency_id).limit(OVERVIEW_LIMIT)
    if status is not None:
        statement = statement.where(RecurringSetup.status == status)
    if lease_id is not None:
        statement = statement.where(RecurringSetup.lease_id == lease_id)
    views = await _views(session, statement)
    if needs_attention is not None:
        views = [view for view in views if view.needs_attention is needs_attention]
    return [
        RecurringSetupOut.model_validate(view.model_dump(exclude={"charges"})) for view in views
    ]


async def setup_detail(
    session: AsyncSession, agency_id: uuid.UUID, setup_id: uuid.UUID
) -> RecurringSetupDetailOut | None:
    views = await _views(
        session,
        _statement().where(RecurringSetup.agency_id == agency_id, RecurringSetup.id == setup_id),
    )
    return views[0] if views else None


async def tenant_reminders(session: AsyncSession, tenant: Tenant) -> list[PaymentReminderOut]:
    """Reminders about the tenant's leases' invoices, newest first (their payment history)."""
    rows = (
        await session.scalars(
            select(PaymentReminder)
            .join(LeaseTenant, LeaseTenant.lease_id == PaymentReminder.lease_id)
            .where(
                PaymentReminder.agency_id == tenant.agency_id,
                LeaseTenant.tenant_id == tenant.id,
            )
            .order_by(PaymentReminder.sent_at.desc(), PaymentReminder.id)
            .limit(200)
        )
    ).all()
    return [
        PaymentReminderOut(
            id=row.id,
            lease_id=row.lease_id,
            invoice_id=row.invoice_id,
            kind=row.kind,
            amount=Money(amount=row.amount, currency=row.currency),
            amount_changed=row.amount_changed,
            sent_at=row.sent_at,
        )
        for row in rows
    ]


# ------------------------------------------------------------------ invoices a charge will take

_STATE_OF = {
    ChargeStatus.SCHEDULED: ScheduledChargeState.SCHEDULED,
    ChargeStatus.REMINDED: ScheduledChargeState.REMINDED,
    **{status: ScheduledChargeState.CHARGING for status in IN_FLIGHT_STATUSES},
}
# In a fixed order: the statement's parameters are the same from one process to the next.
_IN_FLIGHT = sorted(IN_FLIGHT_STATUSES)
_REMINDER_DAYS_DEFAULT = AgencySettings.model_fields["reminder_days_before_due"].default


def _upcoming_charges(*which: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """The charges still to take (or taking) some invoices of an agency, with what foreseeing
    their day needs. A charge not yet taken is not taken while online payments are off, nor
    once the tenant or the agency cancelled the set-up (a tenancy that ended keeps its last
    charges, seed 003); one at the gateway is shown whatever happens meanwhile."""
    reminder_days = func.coalesce(
        Agency.settings.op("->>")("reminder_days_before_due").cast(Integer),
        _REMINDER_DAYS_DEFAULT,
    )
    return (
        select(
            ScheduledCharge.invoice_id,
            ScheduledCharge.status,
            ScheduledCharge.charge_not_before,
            ScheduledCharge.reminded_amount,
            ScheduledCharge.currency,
            RecurringSetup.method,
            RecurringSetup.payment_method_label,
            reminder_days.label("reminder_days"),
            Invoice.lease_id,
            Invoice.due_date,
        )
        .join(RecurringSetup, RecurringSetup.id == ScheduledCharge.setup_id)
        .join(Agency, Agency.id == ScheduledCharge.agency_id)
        .join(Invoice, Invoice.id == ScheduledCharge.invoice_id)
        .where(
            ScheduledCharge.agency_id == bindparam("agency_id"),
            Invoice.agency_id == bindparam("agency_id"),
            *which,
            _still_to_take(),
        )
    )


def _still_to_take() -> ColumnElement[bool]:
    """A charge at the gateway, or one to come that will happen: online payments on and the
    set-up not cancelled (a tenancy that ended keeps its last charges, seed 003)."""
    return or_(
        *(ScheduledCharge.status == status for status in _IN_FLIGHT),
        and_(
            or_(*(ScheduledCharge.status == status for status in UPCOMING)),
            RecurringSetup.status != SetupStatus.CANCELLED,
            feature_switch_sql(Agency.settings, "online_payments"),
        ),
    )


_BY_INVOICE = _upcoming_charges(
    ScheduledCharge.invoice_id == any_(bindparam("invoice_ids", type_=ARRAY(Uuid())))
)


def _charge_day(row: Record, today: date) -> date:
    if row["charge_not_before"] is not None:
        return cast(date, row["charge_not_before"])
    return foreseen_charge_day(row["due_date"], row["reminder_days"], today)


def foreseen_charge_day(due_date: date, reminder_days: int, today: date) -> date:
    """The day a charge not yet reminded will be taken if nothing changes: the reminder goes
    ``reminder_days`` before the due date (today when that has passed), and the charge on the
    due date but never sooner than three days after the reminder (``cycle``)."""
    reminded_on = max(today, due_date - timedelta(days=reminder_days))
    return max(due_date, reminded_on + REMINDER_TO_CHARGE)


def _last4(label: str) -> str | None:
    """The digits of a label such as "visa •••• 4242" (``service._label``)."""
    tail = label.rsplit(" ", 1)[-1]
    return tail if len(tail) == 4 and tail.isdigit() else None


async def invoice_charges(
    session: AsyncSession, agency_id: uuid.UUID, views: Sequence[InvoiceView], today: date
) -> dict[uuid.UUID, InvoiceScheduledChargeOut]:
    """Per invoice of a page, the recurring charge that will take it: one query for the page,
    none when nothing on it is still to pay."""
    to_pay = {
        view.id: view
        for view in views
        if view.status is InvoiceStatus.OPEN and view.amounts.outstanding > 0
    }
    if not to_pay:
        return {}
    # Through the driver, like the page's own read: no transaction for a read-only request.
    rows = await fetch_rows(
        session, _BY_INVOICE, {"agency_id": agency_id, "invoice_ids": list(to_pay)}
    )
    found = {}
    for row in rows:
        view = to_pay[row["invoice_id"]]
        reminded = row["reminded_amount"]
        found[row["invoice_id"]] = InvoiceScheduledChargeOut(
            charge_on=_charge_day(row, today),
            amount=reminded if reminded is not None else view.amounts.outstanding,
            currency=row["currency"],
            status=_STATE_OF[ChargeStatus(row["status"])],
            method=row["method"],
            last4=_last4(row["payment_method_label"]),
        )
    return found


async def invoices_left_to_charges(
    session: AsyncSession, agency_id: uuid.UUID, invoice_ids: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, date]:
    """Of these invoices, those a recurring charge is still to take, with its day: nobody
    chases them meanwhile (seed 003: the charge may come after the due date)."""
    if not invoice_ids:
        return {}
    rows = await fetch_rows(
        session, _BY_INVOICE, {"agency_id": agency_id, "invoice_ids": list(invoice_ids)}
    )
    return {row["invoice_id"]: _charge_day(row, today) for row in rows}


def first_charge_day_sql(
    agency_id: uuid.UUID, lease_id: ColumnElement[uuid.UUID], before: date, today: date
) -> ScalarSelect[date]:
    """In SQL, for a report's lease column: the first day a recurring charge takes one of the
    lease's open invoices due before ``before`` (null when none will), foreseen as
    :func:`foreseen_charge_day` does until the reminder sets it — so the overdue list stays
    one statement."""
    reminder_days = func.coalesce(
        Agency.settings.op("->>")("reminder_days_before_due").cast(Integer),
        _REMINDER_DAYS_DEFAULT,
    )
    reminded_on = func.greatest(literal(today, Date()), Invoice.due_date - reminder_days)
    day = func.coalesce(
        ScheduledCharge.charge_not_before,
        func.greatest(Invoice.due_date, reminded_on + REMINDER_TO_CHARGE.days),
        type_=Date(),
    )
    return (
        select(func.min(day))
        .select_from(ScheduledCharge)
        .join(RecurringSetup, RecurringSetup.id == ScheduledCharge.setup_id)
        .join(Agency, Agency.id == ScheduledCharge.agency_id)
        .join(Invoice, Invoice.id == ScheduledCharge.invoice_id)
        .where(
            ScheduledCharge.agency_id == agency_id,
            Invoice.agency_id == agency_id,
            Invoice.lease_id == lease_id,
            Invoice.status == InvoiceStatus.OPEN,
            Invoice.due_date < before,
            _still_to_take(),
        )
        .scalar_subquery()
    )


register_charges_ahead(
    ChargesAhead(invoices_left=invoices_left_to_charges, first_charge_day=first_charge_day_sql)
)

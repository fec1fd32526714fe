"""Reading recurring payments back: the tenant's own, the agency's overview and one set-up's
charge history."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.billing.models import Invoice
from doorstep.core.money import Money
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.properties.models import Property, Unit
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
from doorstep.recurring.transitions import ChargeStatus
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

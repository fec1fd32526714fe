"""What the cycle, the charging and the routes share: configuration, the lease's people and
place, and sending one of the recurring e-mails."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.billing.models import Invoice
from doorstep.collections.instructions import payment_instructions
from doorstep.core.ids import new_id
from doorstep.core.settings import Settings
from doorstep.documents.i18n import Texts
from doorstep.leases.models import Lease
from doorstep.notifications.service import queue_email
from doorstep.properties.models import Property, Unit
from doorstep.recurring import messages
from doorstep.recurring.models import PaymentReminder, ReminderKind
from doorstep.recurring.payments_port import create_payment_link, link_token
from doorstep.tenants.models import Tenant

# Seed 003: the charge never happens sooner than this after the reminder.
REMINDER_TO_CHARGE = timedelta(days=3)
LINK_SCOPE = "recurring"


@dataclass(frozen=True)
class RecurringConfig:
    """Where the tenant's links point and how the one-tap payment links are made."""

    public_base_url: str
    link_secret: str
    link_ttl: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> RecurringConfig:
        return cls(
            public_base_url=settings.public_base_url.rstrip("/"),
            link_secret=settings.secret_key.get_secret_value(),
            link_ttl=timedelta(days=settings.payment_link_ttl_days),
        )

    def portal_invoice_url(self, invoice_id: uuid.UUID) -> str:
        return f"{self.public_base_url}/portal/payments/invoices/{invoice_id}"


async def message_context(
    session: AsyncSession, agency: Agency, invoice: Invoice, tenant: Tenant
) -> messages.Context:
    settings = read_settings(agency.settings)
    place = (
        await session.execute(
            select(Property.name, Unit.name)
            .join(Unit, Unit.property_id == Property.id)
            .join(Lease, Lease.unit_id == Unit.id)
            .where(Lease.id == invoice.lease_id)
        )
    ).one()
    return messages.Context(
        texts=Texts.for_tenant(agency, tenant),
        agency_name=agency.name,
        tenant_name=f"{tenant.first_name} {tenant.last_name}",
        invoice_number=invoice.number or 0,
        place=f"{place[0]}, {place[1]}",
        currency=invoice.currency,
        contact_email=settings.contact_email,
        contact_phone=settings.contact_phone,
        instructions=await payment_instructions(session, agency.id, invoice.lease_id),
    )


async def send(
    session: AsyncSession,
    *,
    agency: Agency,
    invoice: Invoice,
    tenant: Tenant,
    kind: ReminderKind,
    email: messages.Email,
) -> None:
    """Queue one recurring e-mail in the caller's transaction; at most once per invoice, kind
    and tenant, however often the cycle runs."""
    await queue_email(
        session,
        agency_id=agency.id,
        to=tenant.email,
        subject=email.subject,
        text=email.text,
        html=email.html,
        dedupe_key=dedupe_key(kind, invoice.id, tenant.id),
        kind=f"recurring_{kind.value}",
        from_name=agency.name,
    )


@dataclass(frozen=True)
class ReminderRecord:
    """One reminder to record with :func:`record_reminders`."""

    lease_id: uuid.UUID
    invoice_id: uuid.UUID
    amount: int
    currency: str
    amount_changed: bool


async def record_reminders(
    session: AsyncSession,
    agency_id: uuid.UUID,
    kind: ReminderKind,
    reminders: list[ReminderRecord],
    now: datetime,
) -> set[uuid.UUID]:
    """Record many reminders of one kind at once; returns the invoices whose reminder is new
    (the unique (invoice, kind) key drops the others: never sent twice, whichever worker
    got there first)."""
    if not reminders:
        return set()
    inserted = await session.scalars(
        insert(PaymentReminder)
        .on_conflict_do_nothing(index_elements=["invoice_id", "kind"])
        .returning(PaymentReminder.invoice_id),
        [
            {
                "id": new_id(),
                "agency_id": agency_id,
                "lease_id": reminder.lease_id,
                "invoice_id": reminder.invoice_id,
                "kind": kind.value,
                "amount": reminder.amount,
                "currency": reminder.currency,
                "amount_changed": reminder.amount_changed,
                "sent_at": now,
            }
            for reminder in reminders
        ],
    )
    return set(inserted.all())


def dedupe_key(kind: ReminderKind, invoice_id: uuid.UUID, tenant_id: uuid.UUID) -> str:
    """At most one recurring e-mail per invoice, kind and tenant."""
    return f"recurring:{kind.value}:{invoice_id}:{tenant_id}"


async def record_reminder(
    session: AsyncSession,
    *,
    invoice: Invoice,
    kind: ReminderKind,
    amount: int,
    amount_changed: bool,
    now: datetime,
) -> bool:
    """Record that ``kind`` was sent about the invoice; False when it already was (the unique
    (invoice, kind) key: never sent twice)."""

    inserted = await session.scalar(
        insert(PaymentReminder)
        .values(
            id=uuid.uuid4(),
            agency_id=invoice.agency_id,
            lease_id=invoice.lease_id,
            invoice_id=invoice.id,
            kind=kind.value,
            amount=amount,
            currency=invoice.currency,
            amount_changed=amount_changed,
            sent_at=now,
        )
        .on_conflict_do_nothing(index_elements=["invoice_id", "kind"])
        .returning(PaymentReminder.id)
    )
    return inserted is not None


async def pay_url(
    session: AsyncSession,
    agency: Agency,
    config: RecurringConfig,
    invoice: Invoice,
    charge_id: uuid.UUID,
    now: datetime,
) -> str | None:
    """The one-tap way to pay an invoice a recurring charge could not take: a payment link
    (derived token, so a re-run makes the same link) where the agency offers them, else the
    invoice's page in the tenant portal; None when the agency has neither (the bank details
    are then the way)."""
    features = read_settings(agency.settings).features
    if not features.payment_links:
        return config.portal_invoice_url(invoice.id) if features.tenant_portal else None
    token = link_token(config.link_secret, LINK_SCOPE, str(charge_id), invoice.id)
    issued = await create_payment_link(
        session, agency, None, invoice_id=invoice.id, token=token, ttl=config.link_ttl, now=now
    )
    return f"{config.public_base_url}/portal/pay/{issued.token}"

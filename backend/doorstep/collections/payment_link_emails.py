"""Staff e-mail a payment link to the tenants of an invoice's lease (issue 11: they used to copy
it by hand into their own mail).

The link is made in the same transaction as the message (its secret exists only there, and in
the e-mail), through ``payments``' own service; the send is recorded with who sent it and when.
A retried request (same ``Idempotency-Key``) gets the same link back and sends nothing again; a
second send of the same invoice within :data:`RESEND_AFTER` is refused, so a double click or two
colleagues at once never mail a tenant twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.billing.service import get_invoice
from doorstep.collections.emails import PAYMENT_LINK_EMAIL, render_payment_link_email
from doorstep.collections.models import PaymentLinkEmail
from doorstep.core.errors import Conflict, InvalidInput
from doorstep.leases.models import LeaseTenant
from doorstep.notifications.service import queue_email
from doorstep.payments.cards.links import create_payment_link
from doorstep.readiness import service as readiness
from doorstep.readiness.models import ReadinessAction
from doorstep.tenants.models import Tenant

RESEND_AFTER = timedelta(minutes=10)


class PaymentLinkJustSent(Conflict):
    slug = "payment-link-just-sent"
    title = "A payment link was just e-mailed for this invoice"


@dataclass(frozen=True)
class SentLink:
    record: PaymentLinkEmail
    sent_by_name: str


async def send_payment_link(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    invoice_id: uuid.UUID,
    token: str | None,
    ttl: timedelta,
    public_base_url: str,
    override_reason: str | None,
    gateway_configured: bool,
    now: datetime,
) -> SentLink:
    """Make a payment link for the invoice and e-mail it to each tenant of the lease, in the
    agency's language through the one template, recorded with the sender and the moment.

    Seed 000: each tenant and the invoice's lease are reviewed first, as when a link is made; a
    blocking item refuses the send (409 ``readiness-blocked``) unless ``override_reason`` says
    why it goes anyway, recorded with who and when."""
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    tenants = list(
        (
            await session.scalars(
                select(Tenant)
                .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
                .where(LeaseTenant.lease_id == invoice.lease_id, Tenant.agency_id == agency.id)
                .order_by(Tenant.created_at, Tenant.id)
            )
        ).all()
    )
    if not tenants:
        raise InvalidInput("invoice_id", "The invoice's lease has no tenant to write to.")
    issued = await create_payment_link(
        session, agency, staff, invoice_id=invoice.id, token=token, ttl=ttl, now=now
    )
    replayed = await session.scalar(
        select(PaymentLinkEmail).where(PaymentLinkEmail.payment_link_id == issued.link.id)
    )
    if replayed is not None:  # the same request again: that send stands
        return SentLink(replayed, await _name(session, replayed.sent_by_id))
    latest = await session.scalar(
        select(PaymentLinkEmail.sent_at)
        .where(PaymentLinkEmail.invoice_id == invoice.id)
        .order_by(PaymentLinkEmail.sent_at.desc())
        .limit(1)
    )
    if latest is not None and latest > now - RESEND_AFTER:
        minutes = max(1, int((latest + RESEND_AFTER - now).total_seconds() // 60))
        raise PaymentLinkJustSent(
            f"A payment link for this invoice was e-mailed less than "
            f"{int(RESEND_AFTER.total_seconds() // 60)} minutes ago; you can send another in "
            f"{minutes} min."
        )
    await readiness.check_sends(
        session,
        agency,
        staff,
        action=ReadinessAction.PAYMENT_LINK_EMAIL,
        subject_id=issued.link.id,
        subjects=[
            readiness.SendSubject(
                tenant_id=tenant.id,
                name=f"{tenant.first_name} {tenant.last_name}",
                email=tenant.email,
                lease_id=invoice.lease_id,
            )
            for tenant in tenants
        ],
        override_reason=override_reason,
        gateway_configured=gateway_configured,
        now=now,
    )
    url = f"{public_base_url.rstrip('/')}/portal/pay/{issued.token}"
    recipients = []
    for tenant in tenants:
        message = await render_payment_link_email(
            session, invoice, tenant.id, url=url, expires_at=issued.link.expires_at
        )
        queued = await queue_email(
            session,
            agency_id=agency.id,
            to=message.to,
            subject=message.subject,
            text=message.text,
            html=message.html,
            dedupe_key=f"{PAYMENT_LINK_EMAIL}:{issued.link.id}:{tenant.id}",
            kind=PAYMENT_LINK_EMAIL,
            from_name=message.from_name,
        )
        recipients.append(
            {
                "tenant_id": str(tenant.id),
                "name": f"{tenant.first_name} {tenant.last_name}",
                "email": tenant.email,
                "message_id": str(queued.id),
            }
        )
    record = PaymentLinkEmail(
        agency_id=agency.id,
        invoice_id=invoice.id,
        payment_link_id=issued.link.id,
        recipients=recipients,
        sent_by_id=staff.id,
        sent_at=now,
        expires_at=issued.link.expires_at,
    )
    session.add(record)
    await session.flush()
    return SentLink(record, f"{staff.first_name} {staff.last_name}")


async def sent_payment_links(
    session: AsyncSession, agency_id: uuid.UUID, invoice_id: uuid.UUID
) -> list[SentLink]:
    """The invoice's e-mailed payment links, newest first."""
    invoice = await get_invoice(session, agency_id, invoice_id)
    rows = (
        await session.execute(
            select(PaymentLinkEmail, StaffUser.first_name, StaffUser.last_name)
            .join(StaffUser, StaffUser.id == PaymentLinkEmail.sent_by_id)
            .where(
                PaymentLinkEmail.agency_id == agency_id,
                PaymentLinkEmail.invoice_id == invoice.id,
            )
            .order_by(PaymentLinkEmail.sent_at.desc(), PaymentLinkEmail.id)
        )
    ).all()
    return [SentLink(record, f"{first} {last}") for record, first, last in rows]


async def _name(session: AsyncSession, staff_id: uuid.UUID) -> str:
    staff = await session.get_one(StaffUser, staff_id)
    return f"{staff.first_name} {staff.last_name}"

"""Payment links: staff send one so an invoice can be paid by card without signing in; only
the token's SHA-256 is kept and the payer's card lives on a guest customer of the link."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.schemas import InvoiceState
from doorstep.billing.service import get_invoice, invoice_state
from doorstep.core.db import Database
from doorstep.core.errors import InvalidInput, NotFound
from doorstep.core.security import new_opaque_token, token_digest
from doorstep.leases.models import Lease, LeaseTenant
from doorstep.payments.cards.errors import NothingToPay, PaymentLinkExpired, require_feature
from doorstep.payments.cards.gateway import (
    SetupSession,
    StripeGateway,
)
from doorstep.payments.cards.models import PaymentLink
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant


@dataclass(frozen=True)
class IssuedLink:
    link: PaymentLink
    token: str
    invoice: Invoice


def link_token(secret: str, scope: str, key: str, invoice_id: uuid.UUID) -> str:
    """The token of a link created with an ``Idempotency-Key``: derived, so a retry gets the
    same link back without the token being stored anywhere."""
    digest = hmac.new(
        secret.encode(), f"payment-link:{scope}:{key}:{invoice_id}".encode(), hashlib.sha256
    ).digest()
    return digest.hex()


async def create_payment_link(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser | None,
    *,
    invoice_id: uuid.UUID,
    token: str | None,
    ttl: timedelta,
    now: datetime,
) -> IssuedLink:
    """A link to pay one open invoice by card, valid until it expires or the invoice is paid.
    Only the token's SHA-256 is stored. ``staff`` is None when Doorstep issues it itself (the
    one-tap link of a recurring charge that could not be taken)."""
    invoice = await get_invoice(session, agency.id, invoice_id, for_update=True)
    require_feature(agency, "payment_links")
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    if invoice.status is not InvoiceStatus.OPEN or amounts.outstanding <= 0:
        state = invoice_state(invoice, amounts)
        raise NothingToPay(f"This invoice is {state.value.replace('_', ' ')}: nothing to pay.")
    token = token or new_opaque_token()
    digest = token_digest(token)
    existing = await session.scalar(select(PaymentLink).where(PaymentLink.token_hash == digest))
    if existing is not None:  # the same request again
        return IssuedLink(existing, token, invoice)
    link = PaymentLink(
        agency_id=agency.id,
        invoice_id=invoice.id,
        token_hash=digest,
        created_by_id=staff.id if staff is not None else None,
        expires_at=now + ttl,
    )
    session.add(link)
    await session.flush()
    return IssuedLink(link, token, invoice)


@dataclass(frozen=True)
class Place:
    """Where the invoiced home is: shown on the link's page so a payer recognises it (issue 11:
    "Invoice 8" alone looks like phishing)."""

    property_name: str
    unit_name: str
    address: str


async def invoice_place(session: AsyncSession, invoice: Invoice) -> Place:
    row = (
        await session.execute(
            select(
                Property.name,
                Unit.name,
                Property.address_line1,
                Property.address_line2,
                Property.postal_code,
                Property.city,
            )
            .join(Unit, Unit.property_id == Property.id)
            .join(Lease, Lease.unit_id == Unit.id)
            .where(Lease.id == invoice.lease_id, Lease.agency_id == invoice.agency_id)
        )
    ).one()
    property_name, unit_name, line1, line2, postal_code, city = row
    street = ", ".join(part for part in (line1, line2) if part)
    return Place(property_name, unit_name, f"{street}, {postal_code} {city}")


@dataclass(frozen=True)
class LinkView:
    link: PaymentLink
    agency: Agency
    invoice: Invoice
    state: InvoiceState
    outstanding: int
    place: Place

    @property
    def payable(self) -> bool:
        return self.state in (InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID)


async def find_link(session: AsyncSession, token: str) -> PaymentLink | None:
    return await session.scalar(
        select(PaymentLink).where(PaymentLink.token_hash == token_digest(token))
    )


async def link_view(session: AsyncSession, link: PaymentLink, now: datetime) -> LinkView:
    if link.expires_at <= now:
        raise PaymentLinkExpired("Ask your agency for a new link.")
    agency = await session.get_one(Agency, link.agency_id)
    require_feature(agency, "payment_links")
    invoice = await session.get_one(Invoice, link.invoice_id)
    amounts = (await invoice_amounts(session, [invoice.id]))[invoice.id]
    return LinkView(
        link,
        agency,
        invoice,
        invoice_state(invoice, amounts),
        amounts.outstanding,
        await invoice_place(session, invoice),
    )


def require_payable(view: LinkView) -> None:
    if not view.payable:
        raise NothingToPay(f"This invoice is {view.state.value.replace('_', ' ')}.")


async def link_payer_tenant(session: AsyncSession, invoice: Invoice) -> Tenant:
    """Whose payment a link payment is: the lease's first tenant (joint tenants share the
    lease's balance, so the choice does not change what anyone owes)."""
    tenant = await session.scalar(
        select(Tenant)
        .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
        .where(LeaseTenant.lease_id == invoice.lease_id)
        .order_by(Tenant.created_at, Tenant.id)
        .limit(1)
    )
    if tenant is None:
        raise NotFound("No such payment link.")
    return tenant


async def link_recipient(
    session: AsyncSession, agency_id: uuid.UUID, invoice: Invoice, tenant_id: uuid.UUID | None
) -> Tenant:
    """Whom a link is sent to: the lease's tenant named, else its first tenant."""
    if tenant_id is None:
        return await link_payer_tenant(session, invoice)
    tenant = await session.scalar(
        select(Tenant)
        .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
        .where(
            Tenant.id == tenant_id,
            Tenant.agency_id == agency_id,
            LeaseTenant.lease_id == invoice.lease_id,
        )
    )
    if tenant is None:
        raise InvalidInput("tenant_id", "No such tenant on this invoice's lease.")
    return tenant


async def link_customer(
    database: Database, gateway: StripeGateway, link: PaymentLink, invoice: Invoice
) -> str:
    """The link's guest customer at the gateway: whoever pays through a link (a relative, an
    employer) never leaves a card on the tenant's own account."""
    if link.customer_ref:
        return link.customer_ref
    created = await gateway.create_customer(
        name=f"Payment link for invoice {invoice.number}",
        email=None,
        metadata={"doorstep_payment_link_id": str(link.id)},
    )
    async with database.transaction() as session:
        await session.execute(
            update(PaymentLink)
            .where(PaymentLink.id == link.id, PaymentLink.customer_ref.is_(None))
            .values(customer_ref=created)
        )
        stored = await session.scalar(
            select(PaymentLink.customer_ref).where(PaymentLink.id == link.id)
        )
    return stored or created


async def start_link_setup(
    database: Database, gateway: StripeGateway, link: PaymentLink, invoice: Invoice
) -> SetupSession:
    customer = await link_customer(database, gateway, link, invoice)
    return await gateway.create_setup_intent(customer)

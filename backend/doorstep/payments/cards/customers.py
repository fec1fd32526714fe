"""Gateway customers and the cards saved on them (SetupIntents, attach, list, remove)."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.core.db import Database
from doorstep.core.errors import InvalidInput, NotFound
from doorstep.payments.cards.gateway import (
    Card,
    GatewayNotFound,
    SetupSession,
    StripeGateway,
)
from doorstep.payments.cards.models import CardCharge, GatewayCustomer
from doorstep.payments.ledger.models import Payment, PaymentStatus
from doorstep.tenants.models import Tenant


async def _stored_customer(database: Database, tenant_id: uuid.UUID) -> str | None:
    async with database.transaction() as session:
        return await session.scalar(
            select(GatewayCustomer.customer_ref).where(GatewayCustomer.tenant_id == tenant_id)
        )


async def tenant_customer(database: Database, gateway: StripeGateway, tenant: Tenant) -> str:
    """The tenant's customer at the gateway, created on first use. Two first uses at once may
    both create one: the first stored wins and the other stays unused at the gateway."""
    stored = await _stored_customer(database, tenant.id)
    if stored is not None:
        return stored
    return await _store_new_customer(database, gateway, tenant, replacing=None)


async def _store_new_customer(
    database: Database, gateway: StripeGateway, tenant: Tenant, *, replacing: str | None
) -> str:
    created = await gateway.create_customer(
        name=f"{tenant.first_name} {tenant.last_name}",
        email=tenant.email,
        metadata={
            "doorstep_tenant_id": str(tenant.id),
            "doorstep_agency_id": str(tenant.agency_id),
        },
    )
    async with database.transaction() as session:
        if replacing is None:
            await session.execute(
                insert(GatewayCustomer)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant.id,
                    agency_id=tenant.agency_id,
                    customer_ref=created,
                )
                .on_conflict_do_nothing(index_elements=["tenant_id"])
            )
        else:
            await session.execute(
                update(GatewayCustomer)
                .where(
                    GatewayCustomer.tenant_id == tenant.id,
                    GatewayCustomer.customer_ref == replacing,
                )
                .values(customer_ref=created)
            )
        winner = await session.scalar(
            select(GatewayCustomer.customer_ref).where(GatewayCustomer.tenant_id == tenant.id)
        )
    return winner or created


async def start_card_setup(
    database: Database, gateway: StripeGateway, tenant: Tenant
) -> SetupSession:
    """A SetupIntent the PWA confirms with Stripe.js (``confirmCardSetup``) to save a card.

    A customer the gateway no longer knows (deleted at Stripe; a restarted local stand-in) is
    replaced by a new one rather than leaving the tenant stuck."""
    customer = await tenant_customer(database, gateway, tenant)
    if not await gateway.customer_exists(customer):
        customer = await _store_new_customer(database, gateway, tenant, replacing=customer)
    return await gateway.create_setup_intent(customer)


async def own_card(gateway: StripeGateway, payment_method_id: str, customer: str) -> Card:
    """A card confirmed for this customer: attached now if it is not yet (confirming a
    SetupIntent does not attach it everywhere), refused if it is someone else's."""
    try:
        card = await gateway.get_card(payment_method_id)
    except GatewayNotFound:
        raise InvalidInput("payment_method_id", "No such card: set it up again.") from None
    if card.customer == customer:
        return card
    if card.customer is not None:
        raise InvalidInput("payment_method_id", "No such card: set it up again.")
    return await gateway.attach_card(payment_method_id, customer)


async def save_card(
    database: Database, gateway: StripeGateway, tenant: Tenant, payment_method_id: str
) -> Card:
    customer = await tenant_customer(database, gateway, tenant)
    return await own_card(gateway, payment_method_id, customer)


async def list_cards(database: Database, gateway: StripeGateway, tenant: Tenant) -> list[Card]:
    """The cards the tenant keeps: those on their customer at the gateway, less any typed in
    for one payment that is not to be kept (not asked for, or declined) and is still there
    until it is detached."""
    customer = await _stored_customer(database, tenant.id)
    if customer is None:
        return []
    try:
        cards = await gateway.list_cards(customer)
    except GatewayNotFound:  # the gateway forgot the customer: no cards
        return []
    if not cards:
        return []
    async with database.transaction() as session:
        unkept = set(
            (
                await session.scalars(
                    unkept_entered_cards().where(
                        CardCharge.customer_ref == customer,
                        CardCharge.payment_method_ref.in_([card.id for card in cards]),
                    )
                )
            ).all()
        )
    return [card for card in cards if card.id not in unkept]


def unkept_entered_cards() -> Select[str]:
    """The payment methods typed in for a payment that are not (or not yet) the tenant's saved
    cards: not asked to be kept, or their payment has not succeeded."""
    return (
        select(CardCharge.payment_method_ref)
        .join(Payment, Payment.id == CardCharge.payment_id)
        .where(
            CardCharge.entered_card.is_(True),
            or_(
                CardCharge.keep_card.is_(False),
                Payment.status != PaymentStatus.SUCCEEDED,
            ),
        )
    )


async def tenant_has_customer(database: Database, tenant: Tenant) -> str:
    customer = await _stored_customer(database, tenant.id)
    if customer is None:
        raise NotFound("No such card.")
    return customer


async def remove_card(gateway: StripeGateway, customer: str, payment_method_id: str) -> None:
    try:
        card = await gateway.get_card(payment_method_id)
    except GatewayNotFound:
        raise NotFound("No such card.") from None
    if card.customer != customer:
        raise NotFound("No such card.")
    await gateway.detach_card(payment_method_id)


async def stored_customer(session: AsyncSession, tenant_id: uuid.UUID) -> str | None:
    """The tenant's customer at the gateway, read in the caller's transaction."""
    return await session.scalar(
        select(GatewayCustomer.customer_ref).where(GatewayCustomer.tenant_id == tenant_id)
    )


async def forget_gateway_customer(gateway: StripeGateway, customer: str) -> int:
    """Seed 001, deleting a customer: every card saved at the gateway is detached, then the
    gateway's customer (which holds their name and e-mail) is deleted. Safe to repeat: what
    the gateway no longer knows is already gone. Returns how many cards were detached."""
    try:
        cards = await gateway.list_cards(customer)
    except GatewayNotFound:
        return 0
    for card in cards:
        try:
            await gateway.detach_card(card.id)
        except GatewayNotFound:
            continue
    await gateway.delete_customer(customer)
    return len(cards)


async def drop_gateway_customer(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """The tenant's gateway customer row, once the gateway has forgotten it."""
    await session.execute(delete(GatewayCustomer).where(GatewayCustomer.tenant_id == tenant_id))

"""Setting up, changing and stopping recurring payments (the tenant's and the agency's side).

Set-up talks to the gateway (the tenant's customer, the card or the SEPA account), so, like
the card flows, it takes a :class:`Database` and commits its record in a transaction of its
own after the gateway calls.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.core.erasure import REDACTED
from doorstep.core.errors import Conflict, InvalidInput, NotFound
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.leases.schedule import next_due_date
from doorstep.leases.service import rent_terms, rents_in_effect
from doorstep.recurring.cycle import cancel_unreminded
from doorstep.recurring.models import RecurringSetup, ScheduledCharge, SetupMethod, SetupStatus
from doorstep.recurring.payments_port import (
    Card,
    StripeGateway,
    save_card,
    tenant_customer,
)
from doorstep.recurring.transitions import ChargeEvent, ChargeStatus, next_status
from doorstep.tenants.models import Tenant

# The authorisation the tenant accepts, by version: a new wording is a new version, and each
# set-up keeps the version it was given with.
AUTHORISATION_VERSION = "2026-12-06"
AUTHORISATION_TEXT = (
    "I authorise {agency} to take the rent invoices of this lease that are issued and approved "
    "from tomorrow on from the payment method I chose, on their due date but never sooner than "
    "three days after the reminder e-mail that tells me the exact amount. Only that amount is "
    "taken; if it changes after the reminder, nothing is taken and I pay by hand. I can cancel "
    "at any time in my tenant portal."
)


class RecurringAlreadySetUp(Conflict):
    slug = "recurring-already-set-up"
    title = "Recurring payment is already set up for this lease"


class RecurringNotEnabled(Conflict):
    slug = "feature-not-enabled"
    title = "Not enabled for your agency"


class RecurringNotActive(Conflict):
    slug = "recurring-not-active"
    title = "This recurring payment has stopped"


def authorisation_text(agency: Agency) -> str:
    return AUTHORISATION_TEXT.format(agency=agency.name)


def require_enabled(agency: Agency) -> None:
    """Seed 000: a feature an agency has not switched on is "in progress", never half-working.
    Recurring payments take cards off-session: they come with online payments."""
    if not read_settings(agency.settings).features.online_payments:
        raise RecurringNotEnabled(
            "Recurring payments are not enabled for your agency yet (in progress)."
        )


async def _tenant_lease(session: AsyncSession, tenant: Tenant, lease_id: uuid.UUID) -> Lease:
    lease = await session.scalar(
        select(Lease)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .where(
            Lease.id == lease_id,
            Lease.agency_id == tenant.agency_id,
            LeaseTenant.tenant_id == tenant.id,
        )
    )
    if lease is None:
        raise InvalidInput("lease_id", "No such lease.")
    if lease.status is not LeaseStatus.ACTIVE:
        raise InvalidInput("lease_id", f"The lease is {lease.status.value}.")
    return lease


async def set_up(
    database: Database,
    gateway: StripeGateway,
    agency: Agency,
    tenant: Tenant,
    *,
    lease_id: uuid.UUID,
    method: SetupMethod,
    payment_method_id: str | None,
    iban: str | None,
    account_holder: str | None,
    authorisation_version: str,
    client: str,
    now: datetime,
) -> RecurringSetup:
    """Start recurring payment of a lease's rent. Seed 003: only rent invoices issued and
    approved from the day after set-up are taken this way; older ones stay for the tenant to
    pay by hand."""
    require_enabled(agency)
    if authorisation_version != AUTHORISATION_VERSION:
        raise InvalidInput(
            "authorisation_version", "Read and accept the current authorisation text."
        )
    async with database.transaction() as session:
        await _tenant_lease(session, tenant, lease_id)
        await _refuse_second(session, lease_id)
    customer = await tenant_customer(database, gateway, tenant)
    account = await _payment_method(
        database, gateway, tenant, customer, method, payment_method_id, iban, account_holder
    )
    try:
        async with database.transaction() as session:
            lease = await _tenant_lease(session, tenant, lease_id)
            started_on = local_date(now, agency.timezone)
            setup = RecurringSetup(
                agency_id=agency.id,
                lease_id=lease.id,
                tenant_id=tenant.id,
                method=method,
                status=SetupStatus.ACTIVE,
                customer_ref=customer,
                payment_method_ref=account.id,
                payment_method_label=_label(account),
                agreed_amount=await _rent_to_agree(session, agency, lease, started_on),
                currency=lease.rent_currency,
                authorisation_version=authorisation_version,
                authorised_at=now,
                authorised_client=client[:300],
                started_on=started_on,
            )
            session.add(setup)
            await session.flush()
    except IntegrityError:  # a second set-up committed a moment earlier
        raise RecurringAlreadySetUp("This lease already has a recurring payment.") from None
    return setup


async def _rent_to_agree(
    session: AsyncSession, agency: Agency, lease: Lease, started_on: date
) -> int:
    """The rent of the first period recurring may pay: rent invoices issued from the day
    after set-up are those falling due after the invoice lead time from then. Its rent in
    effect, so a review already recorded is what the tenant agrees to, and reminders highlight
    only what changes later."""
    lead_days = read_settings(agency.settings).invoice_lead_days
    first_invoiced_later = started_on + timedelta(days=lead_days + 1)
    first_due = next_due_date(rent_terms(lease), first_invoiced_later) or started_on
    rents = await rents_in_effect(session, lease.agency_id, [lease], first_due)
    return rents[lease.id].current


async def _refuse_second(session: AsyncSession, lease_id: uuid.UUID) -> None:
    active = await session.scalar(
        select(RecurringSetup.id).where(
            RecurringSetup.lease_id == lease_id, RecurringSetup.status == SetupStatus.ACTIVE
        )
    )
    if active is not None:
        raise RecurringAlreadySetUp(
            "This lease already has a recurring payment: change its card or cancel it first."
        )


async def _payment_method(
    database: Database,
    gateway: StripeGateway,
    tenant: Tenant,
    customer: str,
    method: SetupMethod,
    payment_method_id: str | None,
    iban: str | None,
    account_holder: str | None,
) -> Card:
    if method is SetupMethod.CARD:
        if not payment_method_id:
            raise InvalidInput("payment_method_id", "Save a card first.")
        return await save_card(database, gateway, tenant, payment_method_id)
    if not iban:
        raise InvalidInput("iban", "Give the account's IBAN.")
    compact = iban.replace(" ", "").upper()
    if not (14 <= len(compact) <= 34 and compact[:2].isalpha() and compact[2:].isalnum()):
        raise InvalidInput("iban", "This is not an IBAN.")
    holder = account_holder or f"{tenant.first_name} {tenant.last_name}"
    return await gateway.create_sepa_debit(customer=customer, iban=compact, holder=holder)


def _label(account: Card) -> str:
    if account.brand == "sepa_debit":
        return f"IBAN •••• {account.last4}"
    return f"{account.brand} •••• {account.last4}"


async def tenant_setup(
    session: AsyncSession, tenant: Tenant, setup_id: uuid.UUID, *, for_update: bool = False
) -> RecurringSetup:
    statement = select(RecurringSetup).where(
        RecurringSetup.id == setup_id,
        RecurringSetup.agency_id == tenant.agency_id,
        RecurringSetup.tenant_id == tenant.id,
    )
    setup = await session.scalar(statement.with_for_update() if for_update else statement)
    if setup is None:
        raise NotFound("No such recurring payment.")
    return setup


async def agency_setup(
    session: AsyncSession, agency_id: uuid.UUID, setup_id: uuid.UUID, *, for_update: bool = False
) -> RecurringSetup:
    statement = select(RecurringSetup).where(
        RecurringSetup.id == setup_id, RecurringSetup.agency_id == agency_id
    )
    setup = await session.scalar(statement.with_for_update() if for_update else statement)
    if setup is None:
        raise NotFound("No such recurring payment.")
    return setup


async def change_card(
    database: Database,
    gateway: StripeGateway,
    tenant: Tenant,
    setup_id: uuid.UUID,
    payment_method_id: str,
) -> RecurringSetup:
    """The next charges take the new card (one already at the gateway keeps the old one)."""
    async with database.transaction() as session:
        setup = await tenant_setup(session, tenant, setup_id)
        _require_active(setup)
    card = await save_card(database, gateway, tenant, payment_method_id)
    async with database.transaction() as session:
        setup = await tenant_setup(session, tenant, setup_id, for_update=True)
        _require_active(setup)
        setup.method = SetupMethod.CARD
        setup.payment_method_ref = card.id
        setup.payment_method_label = _label(card)
    return setup


def _require_active(setup: RecurringSetup) -> None:
    if setup.status is not SetupStatus.ACTIVE:
        raise RecurringNotActive(f"This recurring payment is {setup.status.value}.")


async def cancel(
    session: AsyncSession, setup: RecurringSetup, *, reason: str, now: datetime
) -> RecurringSetup:
    """Stop a set-up (tenant or agency) at any time: charges not yet at the gateway will not
    happen; one already there is settled by its answer."""
    _require_active(setup)
    setup.status = SetupStatus.CANCELLED
    setup.ended_at = now
    setup.end_reason = reason[:100]
    await cancel_unreminded(session, [setup.id])
    # A reminded charge is cancelled too: the tenant said stop.
    for charge in (
        await session.scalars(
            select(ScheduledCharge)
            .where(
                ScheduledCharge.setup_id == setup.id,
                ScheduledCharge.status == ChargeStatus.REMINDED,
            )
            .with_for_update()
        )
    ).all():
        charge.status = next_status(charge.status, ChargeEvent.SETUP_STOPPED)
        charge.settled_at = now
    await session.flush()
    return setup


async def forget_tenant(session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID) -> None:
    """Seed 001, deleting a customer: their set-ups stay (the charges taken under them are in
    the books, and the authorisation's text version and time show the agency had a mandate),
    without what identifies the person: the client they authorised from (user agent and
    address) and the card's or account's label. Only ended or cancelled set-ups remain: a
    customer on an active lease cannot be deleted."""
    await session.execute(
        update(RecurringSetup)
        .where(RecurringSetup.agency_id == agency_id, RecurringSetup.tenant_id == tenant_id)
        .values(authorised_client=REDACTED, payment_method_label=REDACTED)
    )

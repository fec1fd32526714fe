"""Taking reminded charges off-session, and settling those whose answer is owed.

The tick's drain lists, per agency, the charges with work at its instant and cuts them into
batches of at most 1,000 ids: the worker's tick enqueues each batch as one arq job
(``recurring.jobs``), ``doorstep tick`` runs them in its own process. A batch talks to the
gateway, so it commits charge by charge and never holds a transaction open across a gateway
call. The database is the only record of what is done: a batch run twice, a worker killed
mid-batch or a flushed Redis cost at most a re-run, as each charge is claimed under its row
lock and taken only while it still has work.

1. Claim a due charge of the batch (``FOR UPDATE SKIP LOCKED``) and, under the invoice's row
   lock, decide: paid or void → skipped; an outstanding amount other than the reminded one →
   no charge and a "payment unsuccessful" e-mail with a one-tap link; otherwise the payments
   module records a pending card payment for exactly the reminded amount (its partial unique
   index: no other card payment of the invoice under way) and the charge is *charging*. Commit.
2. Create and confirm the PaymentIntent in one call, off-session, with the charge's own
   idempotency key and its id in the metadata.
3. Apply the answer (the payments module settles the payment and receipts it). A lost answer
   leaves the charge *unknown*: later runs look for its intent at the gateway by that metadata
   and only charge again — with the same key — once the gateway says it has none. A charge
   whose worker died mid-way is found by its claim's expiry and treated the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.core.clock import local_date
from doorstep.core.db import Database
from doorstep.notifications.push import queue_push
from doorstep.recurring import messages
from doorstep.recurring.common import (
    RecurringConfig,
    dedupe_key,
    message_context,
    pay_url,
    record_reminder,
    send,
)
from doorstep.recurring.cycle import charge_payment_ref
from doorstep.recurring.models import (
    RecurringSetup,
    ReminderKind,
    ScheduledCharge,
    SetupMethod,
    SetupStatus,
)
from doorstep.recurring.payments_port import (
    BlockingAttempt,
    CardCharge,
    CardDeclined,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    Intent,
    IntentStatus,
    Payer,
    Payment,
    PaymentMethod,
    StripeGateway,
    apply_intent,
    open_attempt,
    record_intent,
)
from doorstep.recurring.transitions import ChargeEvent, ChargeStatus, FailureKind, next_status
from doorstep.tenants.models import Tenant

log = structlog.get_logger(__name__)

# A charge still "charging" this long after its claim lost its worker (a crash, a kill).
CLAIM_TTL = timedelta(minutes=2)
# How soon a charge is asked about again while the gateway's answer is owed.
SEPA_POLL = timedelta(minutes=15)
MAX_RETRY_DELAY = timedelta(hours=1)
# Another card payment of the invoice is under way (the tenant paying by hand): look again.
BLOCKED_RETRY = timedelta(minutes=5)
# At most this many charges per batch (one arq job each, ``recurring.jobs``).
BATCH = 1_000
SCOPE = "recurring"
# How the payment a charge takes is recorded: receipts and histories name the way it was paid.
PAYMENT_METHODS = {
    SetupMethod.CARD: PaymentMethod.CARD,
    SetupMethod.SEPA_DEBIT: PaymentMethod.SEPA_DEBIT,
}
METADATA_KEY = "doorstep_scheduled_charge_id"
IN_FLIGHT = (ChargeStatus.CHARGING, ChargeStatus.UNKNOWN, ChargeStatus.PROCESSING)


@dataclass(frozen=True)
class ToCharge:
    charge_id: uuid.UUID
    amount: int
    currency: str
    customer: str
    payment_method: str
    invoice_id: uuid.UUID
    payment_id: uuid.UUID


@dataclass(frozen=True)
class Outcome:
    event: ChargeEvent
    intent: Intent | None = None
    reason: str | None = None


def retry_delay(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


async def agencies_with_charges(session: AsyncSession, now: datetime) -> Sequence[uuid.UUID]:
    """The drain's selector: agencies with a charge that may be due (due dates are local, so
    a day of slack) or whose answer is owed."""
    return (
        await session.scalars(
            select(ScheduledCharge.agency_id)
            .where(
                or_(
                    and_(
                        ScheduledCharge.status == ChargeStatus.REMINDED,
                        ScheduledCharge.charge_not_before <= (now + timedelta(days=1)).date(),
                    ),
                    and_(
                        ScheduledCharge.status.in_(IN_FLIGHT),
                        ScheduledCharge.next_attempt_at <= now,
                    ),
                )
            )
            .distinct()
        )
    ).all()


def batches(charge_ids: Sequence[uuid.UUID]) -> list[list[uuid.UUID]]:
    """The charge ids in batches of at most :data:`BATCH`: one arq job each."""
    return [list(charge_ids[i : i + BATCH]) for i in range(0, len(charge_ids), BATCH)]


async def due_charge_ids(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime
) -> list[uuid.UUID]:
    """The agency's charges with work at ``now``: those whose answer is owed (lost, still
    processing, or left charging by a worker that died) first, then the due ones."""
    agency = await session.get_one(Agency, agency_id)
    today = local_date(now, agency.timezone)
    in_flight = await session.scalars(
        select(ScheduledCharge.id)
        .where(
            ScheduledCharge.agency_id == agency_id,
            ScheduledCharge.status.in_(IN_FLIGHT),
            ScheduledCharge.next_attempt_at <= now,
        )
        .order_by(ScheduledCharge.next_attempt_at, ScheduledCharge.id)
    )
    due = await session.scalars(
        select(ScheduledCharge.id)
        .where(
            ScheduledCharge.agency_id == agency_id,
            ScheduledCharge.status == ChargeStatus.REMINDED,
            ScheduledCharge.charge_not_before <= today,
            or_(
                ScheduledCharge.next_attempt_at.is_(None),
                ScheduledCharge.next_attempt_at <= now,
            ),
        )
        .order_by(ScheduledCharge.charge_not_before, ScheduledCharge.id)
    )
    return [*in_flight.all(), *due.all()]


async def run_charges(
    database: Database,
    gateway: StripeGateway,
    agency_id: uuid.UUID,
    now: datetime,
    config: RecurringConfig,
) -> int:
    """Every batch of the agency's charges with work at ``now``, here and now: what ``doorstep
    tick`` does when no worker is asked to (the worker's tick enqueues the batches instead,
    ``recurring.jobs``)."""
    async with database.transaction() as session:
        charge_ids = await due_charge_ids(session, agency_id, now)
    changes = 0
    for batch in batches(charge_ids):
        changes += await run_batch(database, gateway, agency_id, batch, now, config)
    return changes


async def run_batch(
    database: Database,
    gateway: StripeGateway,
    agency_id: uuid.UUID,
    charge_ids: Sequence[uuid.UUID],
    now: datetime,
    config: RecurringConfig,
) -> int:
    """One batch, charge by charge, each claimed under its row lock (``SKIP LOCKED``) and
    taken only if it still has work at ``now``: a batch run twice, or beside another one with
    the same charges, does each charge's work once. Returns how many charges it moved."""
    changes = 0
    # A session-level advisory lock per charge, held on a connection outside any transaction
    # while the charge is with the gateway: a charge another live run is taking is skipped
    # whatever the instants of the two runs say, and a killed worker's locks go with its
    # connection, so the next run may look at its charges at once.
    async with database.engine.connect() as guard:
        await guard.execution_options(isolation_level="AUTOCOMMIT")
        for charge_id in charge_ids:
            key = f"recurring-charge:{charge_id}"
            if not await guard.scalar(select(func.pg_try_advisory_lock(_lock_key(key)))):
                continue
            try:
                claimed = await claim(database, agency_id, charge_id, now, config)
                if claimed is None:
                    continue
                changes += 1
                if isinstance(claimed, ToCharge):
                    await charge_at_gateway(database, gateway, claimed, now, config)
                elif isinstance(claimed, InFlight):
                    await settle(database, gateway, claimed, now, config)
            finally:
                await guard.scalar(select(func.pg_advisory_unlock(_lock_key(key))))
    return changes


def _lock_key(key: str) -> ColumnElement[int]:
    return func.hashtextextended(key, 0)


# --------------------------------------------------------------------- deciding, under lock


@dataclass(frozen=True)
class InFlight:
    """A charge whose gateway answer is owed, held for this run."""

    charge_id: uuid.UUID
    intent_ref: str | None
    customer: str


async def claim(
    database: Database,
    agency_id: uuid.UUID,
    charge_id: uuid.UUID,
    now: datetime,
    config: RecurringConfig,
) -> ToCharge | InFlight | bool | None:
    """Claim one charge if it has work at ``now`` and nobody holds it. None: nothing to do
    (done, not due, or locked by another run); True: decided without the gateway; a
    :class:`ToCharge`: to be taken now; an :class:`InFlight`: the gateway is to be asked."""
    async with database.transaction() as session:
        charge = await session.scalar(
            select(ScheduledCharge)
            .where(ScheduledCharge.id == charge_id, ScheduledCharge.agency_id == agency_id)
            .with_for_update(skip_locked=True)
        )
        if charge is None:
            return None
        agency = await session.get_one(Agency, agency_id)
        today = local_date(now, agency.timezone)
        waiting = charge.next_attempt_at is not None and charge.next_attempt_at > now
        if charge.status is ChargeStatus.REMINDED:
            assert charge.charge_not_before is not None
            if charge.charge_not_before > today or waiting:
                return None
            return await _decide(session, agency, charge, now, config)
        if charge.status in IN_FLIGHT and not waiting:
            return await _hold_in_flight(session, charge, now)
        return None


async def _decide(
    session: AsyncSession,
    agency: Agency,
    charge: ScheduledCharge,
    now: datetime,
    config: RecurringConfig,
) -> ToCharge | bool:
    invoice = await session.scalar(
        select(Invoice).where(Invoice.id == charge.invoice_id).with_for_update()
    )
    assert invoice is not None
    assert charge.reminded_amount is not None
    outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
    setup = await session.get_one(RecurringSetup, charge.setup_id)
    if invoice.status is not InvoiceStatus.OPEN or outstanding <= 0:
        # Seed 003: paid another way after the reminder: skipped; the set-up stays.
        _move(charge, ChargeEvent.INVOICE_SETTLED, now)
        return True
    if setup.status is SetupStatus.CANCELLED:
        _move(charge, ChargeEvent.SETUP_STOPPED, now)
        return True
    if not read_settings(agency.settings).features.online_payments:
        # The agency switched online payments off after the reminder: nothing is taken while
        # they are off. The tenant, who was told a day, is told to pay by hand; the set-up
        # stays for the invoices after they are back on.
        _move(charge, ChargeEvent.SETUP_STOPPED, now)
        charge.failure_reason = "Online payments were off when the charge was due."
        await _tell_unsuccessful(session, agency, charge, invoice, setup, now, config)
        return True
    if outstanding != charge.reminded_amount:
        # Seed 003: the amount differs from what the reminder told the tenant: nothing is
        # taken, they are told and pay by hand; the set-up stays for the next invoice.
        _move(charge, ChargeEvent.AMOUNT_CHANGED, now)
        charge.failure_kind = FailureKind.AMOUNT_CHANGED
        charge.failure_reason = "The amount due changed after the reminder."
        await _tell_unsuccessful(session, agency, charge, invoice, setup, now, config)
        return True
    # Seed 003: the trust account's "oldest invoice first" does not apply: the payment is
    # recorded against this invoice (the card payment flow allocates to the invoice it pays).
    payer = Payer(
        agency=agency,
        tenant_id=setup.tenant_id,
        scope=SCOPE,
        method=PAYMENT_METHODS[setup.method],
        customer=setup.customer_ref,
    )
    opened = await open_attempt(
        session, payer, invoice.id, setup.payment_method_ref, str(charge.id), now
    )
    if isinstance(opened, BlockingAttempt):
        # The tenant is paying this invoice by hand right now: look again shortly.
        charge.next_attempt_at = now + BLOCKED_RETRY
        return True
    payment_id = await session.scalar(select(CardCharge.payment_id).where(CardCharge.id == opened))
    assert payment_id is not None
    charge.payment_id = payment_id
    charge.status = next_status(charge.status, ChargeEvent.START_CHARGE)
    charge.attempts += 1
    charge.next_attempt_at = now + CLAIM_TTL
    return ToCharge(
        charge_id=charge.id,
        amount=charge.reminded_amount,
        currency=charge.currency,
        customer=setup.customer_ref,
        payment_method=setup.payment_method_ref,
        invoice_id=invoice.id,
        payment_id=payment_id,
    )


def _move(charge: ScheduledCharge, event: ChargeEvent, now: datetime) -> None:
    charge.status = next_status(charge.status, event)
    if charge.status.final:
        charge.settled_at = now
        charge.next_attempt_at = None


async def _tell_unsuccessful(
    session: AsyncSession,
    agency: Agency,
    charge: ScheduledCharge,
    invoice: Invoice,
    setup: RecurringSetup,
    now: datetime,
    config: RecurringConfig,
) -> None:
    """The "payment unsuccessful" e-mail and push, once per invoice, with the invoice's due
    date and a one-tap way to pay what it asks for now. A charge without a failure kind was
    not taken because the agency paused online payments."""
    assert charge.reminded_amount is not None
    outstanding = (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding
    if invoice.status is not InvoiceStatus.OPEN or outstanding <= 0:
        return  # paid another way (or voided) while the charge was at the gateway: nothing to ask
    if not await record_reminder(
        session,
        invoice=invoice,
        kind=ReminderKind.PAYMENT_UNSUCCESSFUL,
        amount=outstanding,
        amount_changed=charge.failure_kind is FailureKind.AMOUNT_CHANGED,
        now=now,
    ):
        return
    tenant = await session.get_one(Tenant, setup.tenant_id)
    context = await message_context(session, agency, invoice, tenant)
    email = messages.unsuccessful(
        context,
        failure=charge.failure_kind or messages.PAUSED,
        amount=outstanding,
        reminded=charge.reminded_amount,
        due=invoice.due_date,
        pay_url=await pay_url(session, agency, config, invoice, charge.id, now),
    )
    await send(
        session,
        agency=agency,
        invoice=invoice,
        tenant=tenant,
        kind=ReminderKind.PAYMENT_UNSUCCESSFUL,
        email=email,
    )
    # Seed 002: an important alert also goes to the tenant's devices, which open the portal.
    if read_settings(agency.settings).features.tenant_portal:
        await queue_push(
            session,
            agency_id=agency.id,
            tenant_id=tenant.id,
            notice=messages.unsuccessful_push(context, due=invoice.due_date, invoice_id=invoice.id),
            dedupe_key=dedupe_key(ReminderKind.PAYMENT_UNSUCCESSFUL, invoice.id, tenant.id),
            kind=f"recurring_{ReminderKind.PAYMENT_UNSUCCESSFUL.value}",
        )


# --------------------------------------------------------------------- the gateway


async def charge_at_gateway(
    database: Database,
    gateway: StripeGateway,
    claimed: ToCharge,
    now: datetime,
    config: RecurringConfig,
) -> None:
    try:
        intent = await gateway.create_payment_intent(
            payment_id=charge_payment_ref(claimed.charge_id),
            amount=claimed.amount,
            currency=claimed.currency,
            customer=claimed.customer,
            payment_method=claimed.payment_method,
            metadata={
                METADATA_KEY: str(claimed.charge_id),
                "doorstep_payment_id": str(claimed.payment_id),
                "doorstep_invoice_id": str(claimed.invoice_id),
            },
            confirm=True,
            off_session=True,
        )
    except CardDeclined as exc:
        event = (
            ChargeEvent.AUTHENTICATION_REQUIRED
            if exc.code == "authentication_required"
            else ChargeEvent.GATEWAY_DECLINED
        )
        outcome = Outcome(event, reason=exc.reason)
    except GatewayNotFound:
        outcome = Outcome(ChargeEvent.GATEWAY_DECLINED, reason="The card is no longer available.")
    except (GatewayUnavailable, GatewayFailure):
        log.warning("recurring_charge_outcome_unknown", charge_id=str(claimed.charge_id))
        outcome = Outcome(ChargeEvent.OUTCOME_UNKNOWN)
    else:
        outcome = await _outcome_of(gateway, intent)
    await apply_outcome(database, claimed.charge_id, outcome, now, config)


async def _outcome_of(gateway: StripeGateway, intent: Intent) -> Outcome:
    if intent.status is IntentStatus.SUCCEEDED:
        return Outcome(ChargeEvent.GATEWAY_SUCCEEDED, intent)
    if intent.status is IntentStatus.PROCESSING:
        return Outcome(ChargeEvent.GATEWAY_PROCESSING, intent)
    if intent.status is IntentStatus.REQUIRES_ACTION:
        # Off-session, nobody can answer 3-D Secure: drop the intent; the tenant gets a link
        # to pay on-session.
        try:
            intent = await gateway.cancel_payment_intent(intent.id)
        except (GatewayUnavailable, GatewayFailure, GatewayNotFound):
            return Outcome(ChargeEvent.OUTCOME_UNKNOWN, intent)
        return Outcome(
            ChargeEvent.AUTHENTICATION_REQUIRED,
            intent,
            "Your bank asked for authentication, which cannot happen without you.",
        )
    if intent.status.failed:
        return Outcome(ChargeEvent.GATEWAY_DECLINED, intent, intent.failure_reason)
    return Outcome(ChargeEvent.OUTCOME_UNKNOWN, intent)


def _failed_intent(reason: str) -> Intent:
    """The gateway refused before giving an intent: what the payment module applies as a
    failure."""
    return Intent(
        id="",
        status=IntentStatus.REQUIRES_PAYMENT_METHOD,
        amount=0,
        currency="",
        customer=None,
        payment_method=None,
        client_secret=None,
        charge_id=None,
        failure_code=None,
        failure_message=reason,
    )


async def apply_outcome(
    database: Database,
    charge_id: uuid.UUID,
    outcome: Outcome,
    now: datetime,
    config: RecurringConfig,
) -> None:
    """Apply the gateway's answer to the charge and (through the payments module) to its
    payment, under their row locks."""
    async with database.transaction() as session:
        charge = await session.scalar(
            select(ScheduledCharge).where(ScheduledCharge.id == charge_id).with_for_update()
        )
        assert charge is not None
        if not charge.status.in_flight:
            return  # settled meanwhile by another run
        attempt, payment = await _lock_payment(session, charge)
        intent = outcome.intent
        if intent is not None and intent.id:
            if charge.intent_ref is None:
                charge.intent_ref = intent.id
            await record_intent(session, attempt.id, intent.id, now)
            await apply_intent(session, attempt, payment, intent, now)
        elif outcome.event in (ChargeEvent.GATEWAY_DECLINED, ChargeEvent.AUTHENTICATION_REQUIRED):
            await apply_intent(
                session, attempt, payment, _failed_intent(outcome.reason or "Declined"), now
            )
        _move(charge, outcome.event, now)
        if charge.status is ChargeStatus.UNKNOWN:
            charge.next_attempt_at = now + retry_delay(charge.attempts)
        elif charge.status is ChargeStatus.PROCESSING:
            charge.next_attempt_at = now + SEPA_POLL
        elif charge.status is ChargeStatus.FAILED:
            charge.failure_kind = (
                FailureKind.AUTHENTICATION_REQUIRED
                if outcome.event is ChargeEvent.AUTHENTICATION_REQUIRED
                else FailureKind.DECLINED
            )
            charge.failure_reason = (outcome.reason or "Declined")[:500]
            agency = await session.get_one(Agency, charge.agency_id)
            invoice = await session.get_one(Invoice, charge.invoice_id)
            setup = await session.get_one(RecurringSetup, charge.setup_id)
            await _tell_unsuccessful(session, agency, charge, invoice, setup, now, config)


async def _lock_payment(
    session: AsyncSession, charge: ScheduledCharge
) -> tuple[CardCharge, Payment]:
    attempt = await session.scalar(
        select(CardCharge).where(CardCharge.payment_id == charge.payment_id).with_for_update()
    )
    payment = await session.scalar(
        select(Payment).where(Payment.id == charge.payment_id).with_for_update()
    )
    assert attempt is not None
    assert payment is not None
    return attempt, payment


# --------------------------------------------------------------------- answers owed


async def settle(
    database: Database,
    gateway: StripeGateway,
    held: InFlight,
    now: datetime,
    config: RecurringConfig,
) -> None:
    """Ask the gateway about a charge whose answer is owed: lost (unknown), still processing
    (SEPA), or left charging by a worker that died. It charges again only a charge the gateway
    has never seen, with the same idempotency key."""
    try:
        if held.intent_ref is not None:
            found: Intent | None = await gateway.get_payment_intent(held.intent_ref)
        else:
            found = await gateway.find_payment_intent(
                customer=held.customer,
                metadata_key=METADATA_KEY,
                metadata_value=str(held.charge_id),
            )
    except (GatewayUnavailable, GatewayFailure, GatewayNotFound):
        await apply_outcome(
            database, held.charge_id, Outcome(ChargeEvent.OUTCOME_UNKNOWN), now, config
        )
        return
    if found is not None:
        outcome = await _outcome_of(gateway, found)
        if outcome.event is ChargeEvent.OUTCOME_UNKNOWN:
            outcome = Outcome(ChargeEvent.OUTCOME_UNKNOWN)
        await apply_outcome(database, held.charge_id, outcome, now, config)
        return
    again = await _charge_again(database, held.charge_id, now)
    if again is not None:
        await charge_at_gateway(database, gateway, again, now, config)


async def _hold_in_flight(
    session: AsyncSession, charge: ScheduledCharge, now: datetime
) -> InFlight:
    if charge.status is ChargeStatus.CHARGING:
        # Its worker died between the claim and the answer.
        charge.status = next_status(charge.status, ChargeEvent.OUTCOME_UNKNOWN)
    # Held for this run: another worker skips it until the claim expires.
    charge.next_attempt_at = now + CLAIM_TTL
    setup = await session.get_one(RecurringSetup, charge.setup_id)
    return InFlight(charge.id, charge.intent_ref, setup.customer_ref)


async def _charge_again(database: Database, charge_id: uuid.UUID, now: datetime) -> ToCharge | None:
    async with database.transaction() as session:
        charge = await session.scalar(
            select(ScheduledCharge).where(ScheduledCharge.id == charge_id).with_for_update()
        )
        assert charge is not None
        if charge.status is not ChargeStatus.UNKNOWN or charge.reminded_amount is None:
            return None
        assert charge.payment_id is not None
        setup = await session.get_one(RecurringSetup, charge.setup_id)
        charge.status = next_status(charge.status, ChargeEvent.START_CHARGE)
        charge.attempts += 1
        charge.next_attempt_at = now + CLAIM_TTL
        return ToCharge(
            charge_id=charge.id,
            amount=charge.reminded_amount,
            currency=charge.currency,
            customer=setup.customer_ref,
            payment_method=setup.payment_method_ref,
            invoice_id=charge.invoice_id,
            payment_id=charge.payment_id,
        )

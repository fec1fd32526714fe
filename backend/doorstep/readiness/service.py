"""The payment readiness review (seed 000): before an onboarding invite or a payment link is
sent, the tenant's record and lease are checked — phone, e-mail, lease, unit, payment schedule,
open invoices (consistent with the lease's rent), payment method and integration status. "An
invitation does not fix missing data": a blocking item refuses the send unless staff override
it with a reason, which is recorded with who and when.

This module reads the other modules' tables and writes only its own (``readiness_overrides``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, Uuid, and_, cast, column, func, select, table, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser, TrustAccount
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import CreditNote, CreditNoteStatus, Invoice, InvoiceKind, InvoiceLine
from doorstep.billing.models import InvoiceStatus as StoredInvoiceStatus
from doorstep.billing.service import RENT_REVIEW_REASON
from doorstep.core.clock import local_date
from doorstep.core.erasure import Needles, scrubbed
from doorstep.core.errors import Conflict, FieldProblem, NotFound
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.settings import Settings
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant, RentReview
from doorstep.leases.schedule import next_due_date, periods, rent_on, repriced
from doorstep.leases.service import rent_terms
from doorstep.notifications.models import OutboxMessage, OutboxStatus
from doorstep.properties.models import Property, Unit
from doorstep.readiness.models import ReadinessAction, ReadinessOverride
from doorstep.readiness.schemas import ItemKey, ItemStatus, ReadinessPurpose
from doorstep.tenants.models import Tenant

# The recurring set-ups, read as a plain table: ``recurring`` builds on ``payments`` and
# ``collections``, which call this review before a send, so importing its models here would
# close an import cycle. The column values are those of ``recurring.models``.
_RECURRING_SETUPS = table(
    "recurring_setups",
    column("id", Uuid),
    column("agency_id", Uuid),
    column("lease_id", Uuid),
    column("method"),
    column("status"),
    column("created_at"),
)
_ACTIVE_SETUP = "active"
_WAYS_TO_PAY = {
    "recurring_card": "by the recurring card payment set up for this lease",
    "recurring_sepa_debit": "by the SEPA direct debit set up for this lease",
    "card": "by card online",
    "transfer": "by bank transfer",
}

_REVIEW_CREDIT_PREFIX = RENT_REVIEW_REASON.split("{", 1)[0]
Params = dict[str, str | int | None]


class ReadinessBlocked(Conflict):
    """Sending refused: the review found blocking items and no override was given. Each item is
    listed in ``errors`` (``field`` = ``readiness.<item>``)."""

    slug = "readiness-blocked"
    title = "The record is not ready: fix the blocking items or send anyway with a reason"


@dataclass(frozen=True)
class Item:
    key: ItemKey
    status: ItemStatus
    code: str
    message: str
    params: Params = field(default_factory=dict)
    fix_kind: str | None = None
    fix_id: uuid.UUID | None = None


@dataclass(frozen=True)
class LeaseChoice:
    lease: Lease
    unit: Unit
    property: Property


@dataclass(frozen=True)
class Checklist:
    purpose: ReadinessPurpose
    tenant_id: uuid.UUID | None
    lease_id: uuid.UUID | None
    leases: list[LeaseChoice]
    items: list[Item]

    @property
    def blocking_items(self) -> list[Item]:
        return [item for item in self.items if item.status is ItemStatus.BLOCKING]

    @property
    def blocking(self) -> bool:
        return bool(self.blocking_items)


@dataclass(frozen=True)
class Invitee:
    """Who is reviewed: a tenant record, or (an invite to someone not on the books yet) the
    name and e-mail typed into the invite."""

    tenant: Tenant | None
    name: str
    email: str | None
    typed_email: str | None = None


def gateway_configured(settings: Settings) -> bool:
    """Whether the card gateway is configured (its secret key is set), as the card routes ask."""
    return settings.stripe_secret_key is not None


# ---------------------------------------------------------------------------- the items


def _ok(key: ItemKey, code: str, message: str, params: Params, **fix: Any) -> Item:
    return Item(key, ItemStatus.OK, code, message, params, fix.get("kind"), fix.get("id"))


def _warn(key: ItemKey, code: str, message: str, params: Params, **fix: Any) -> Item:
    return Item(key, ItemStatus.WARNING, code, message, params, fix.get("kind"), fix.get("id"))


def _block(key: ItemKey, code: str, message: str, params: Params, **fix: Any) -> Item:
    return Item(key, ItemStatus.BLOCKING, code, message, params, fix.get("kind"), fix.get("id"))


async def _email_item(session: AsyncSession, agency: Agency, person: Invitee) -> Item:
    """Blocking without an address, or when the last e-mail Doorstep tried to deliver to it was
    refused (the address is wrong: another e-mail would be lost too). A warning when the invite
    goes elsewhere than the record's address."""
    tenant_fix: dict[str, Any] = (
        {"kind": "tenant", "id": person.tenant.id} if person.tenant is not None else {}
    )
    email = person.email
    if not email:
        return _block(
            ItemKey.EMAIL,
            "email.missing",
            f"{person.name} has no e-mail address.",
            {},
            **tenant_fix,
        )
    last = await session.scalar(
        select(OutboxMessage.status)
        .where(
            OutboxMessage.agency_id == agency.id,
            func.lower(OutboxMessage.to_address) == email.lower(),
            OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
        )
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(1)
    )
    if last is OutboxStatus.FAILED:
        return _block(
            ItemKey.EMAIL,
            "email.undeliverable",
            f"The last e-mail to {email} could not be delivered: check the address on the record.",
            {"email": email},
            **tenant_fix,
        )
    typed = person.typed_email
    if typed and person.tenant is not None and typed.lower() != person.tenant.email.lower():
        return _warn(
            ItemKey.EMAIL,
            "email.differs",
            f"The invite goes to {typed}, but the tenant's record says {person.tenant.email}.",
            {"email": typed, "record_email": person.tenant.email},
            **tenant_fix,
        )
    return _ok(ItemKey.EMAIL, "email.ok", f"E-mails go to {email}.", {"email": email})


def _phone_item(person: Invitee) -> Item:
    """A warning without a phone number: nobody can call the tenant when a payment goes wrong."""
    tenant = person.tenant
    if tenant is None or not tenant.phone:
        fix: dict[str, Any] = {"kind": "tenant", "id": tenant.id} if tenant is not None else {}
        return _warn(
            ItemKey.PHONE,
            "phone.missing",
            f"No phone number for {person.name}: nobody can call them if a payment goes wrong.",
            {},
            **fix,
        )
    return _ok(ItemKey.PHONE, "phone.ok", f"Phone: {tenant.phone}.", {"phone": tenant.phone})


def _address(place: Property) -> str:
    return ", ".join(
        part
        for part in (place.address_line1, place.address_line2, f"{place.postal_code} {place.city}")
        if part
    )


@dataclass(frozen=True)
class _LeaseContext:
    choice: LeaseChoice | None
    item: Item


async def _lease_choice(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> LeaseChoice:
    row = (
        await session.execute(
            select(Lease, Unit, Property)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(Lease.id == lease_id, Lease.agency_id == agency_id)
        )
    ).first()
    if row is None:
        raise NotFound("No such lease.")
    return LeaseChoice(*row)


async def tenant_leases(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> list[LeaseChoice]:
    """The tenant's draft and active leases, active first (seed 000: a tenant may be on more
    than one; staff confirm which one an action is for)."""
    rows = await session.execute(
        select(Lease, Unit, Property)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Property, Property.id == Unit.property_id)
        .where(
            LeaseTenant.tenant_id == tenant_id,
            Lease.agency_id == agency_id,
            Lease.status.in_([LeaseStatus.ACTIVE, LeaseStatus.DRAFT]),
        )
        .order_by(Lease.status, Lease.start_date.desc(), Lease.id)
    )
    return [LeaseChoice(*row) for row in rows.all()]


async def _lease_item(
    session: AsyncSession,
    agency: Agency,
    purpose: ReadinessPurpose,
    person: Invitee,
    lease_id: uuid.UUID | None,
    choices: list[LeaseChoice],
) -> _LeaseContext:
    """Blocking unless exactly one active lease is meant: the one asked for, or the tenant's
    only active lease (seed 000: "confirm the intended lease so a payment or note is not
    recorded against the wrong record")."""
    tenant_fix: dict[str, Any] = (
        {"kind": "tenant", "id": person.tenant.id} if person.tenant is not None else {}
    )
    if lease_id is None:
        active = [c for c in choices if c.lease.status is LeaseStatus.ACTIVE]
        if len(active) > 1:
            return _LeaseContext(
                None,
                _block(
                    ItemKey.LEASE,
                    "lease.several",
                    f"{person.name} is on {len(active)} active leases: choose the one this is for.",
                    {"count": len(active)},
                ),
            )
        if not active:
            return _LeaseContext(
                None,
                _block(
                    ItemKey.LEASE,
                    "lease.none",
                    f"{person.name} has no active lease: the tenant would find no rent to pay.",
                    {},
                    **tenant_fix,
                ),
            )
        choice = active[0]
    else:
        choice = await _lease_choice(session, agency.id, lease_id)
    lease = choice.lease
    names: Params = {"unit": choice.unit.name, "property": choice.property.name}
    if lease.status is not LeaseStatus.ACTIVE:
        return _LeaseContext(
            choice,
            _block(
                ItemKey.LEASE,
                "lease.not_active",
                f"The lease of {choice.unit.name}, {choice.property.name} is {lease.status.value}:"
                " only an active lease is invoiced and paid.",
                {**names, "status": lease.status.value},
                kind="lease",
                id=lease.id,
            ),
        )
    if person.tenant is not None and person.tenant.id not in await _lease_tenant_ids(
        session, lease.id
    ):
        if purpose is ReadinessPurpose.PAYMENT_LINK:
            return _LeaseContext(
                choice,
                _block(
                    ItemKey.LEASE,
                    "lease.not_party",
                    f"{person.name} is not a tenant of this lease.",
                    names,
                    kind="lease",
                    id=lease.id,
                ),
            )
        return _LeaseContext(
            choice,
            _warn(
                ItemKey.LEASE,
                "lease.joins",
                f"{person.name} is not on this lease yet: using the invite adds them to it.",
                names,
                kind="lease",
                id=lease.id,
            ),
        )
    return _LeaseContext(
        choice,
        _ok(
            ItemKey.LEASE,
            "lease.ok",
            f"Lease of {choice.unit.name}, {choice.property.name}, from "
            f"{lease.start_date.isoformat()}.",
            {**names, "start_date": lease.start_date.isoformat()},
            kind="lease",
            id=lease.id,
        ),
    )


async def _lease_tenant_ids(session: AsyncSession, lease_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        (
            await session.scalars(
                select(LeaseTenant.tenant_id).where(LeaseTenant.lease_id == lease_id)
            )
        ).all()
    )


_NO_LEASE = "No lease chosen yet"


def _unit_item(choice: LeaseChoice | None) -> Item:
    """The unit the tenant will see on every invoice: staff confirm it is the right one."""
    if choice is None:
        return _block(ItemKey.UNIT, "unit.no_lease", f"{_NO_LEASE}: no unit to confirm.", {})
    address = _address(choice.property)
    return _ok(
        ItemKey.UNIT,
        "unit.ok",
        f"{choice.unit.name}, {choice.property.name} ({address}).",
        {"unit": choice.unit.name, "property": choice.property.name, "address": address},
        kind="lease",
        id=choice.lease.id,
    )


async def _reviews(session: AsyncSession, lease_id: uuid.UUID) -> list[tuple[date, int]]:
    rows = await session.execute(
        select(RentReview.effective_from, RentReview.rent_amount)
        .where(RentReview.lease_id == lease_id)
        .order_by(RentReview.effective_from)
    )
    return [(day, amount) for day, amount in rows.all()]


def _schedule_item(
    choice: LeaseChoice | None, reviews: list[tuple[date, int]], today: date
) -> Item:
    """Blocking without a lease; a warning when no rent falls due any more (the term has ended
    and the lease is not holding over) or the lease is not active (nothing is invoiced)."""
    if choice is None:
        return _block(ItemKey.SCHEDULE, "schedule.no_lease", f"{_NO_LEASE}: no rent schedule.", {})
    lease = choice.lease
    fix = {"kind": "lease", "id": lease.id}
    rent = rent_on(lease.rent_amount, reviews, today)
    params: Params = {
        "amount": rent,
        "currency": lease.rent_currency,
        "frequency": lease.frequency.value,
        "due_day": lease.due_day,
    }
    if lease.status is not LeaseStatus.ACTIVE:
        return _warn(
            ItemKey.SCHEDULE,
            "schedule.not_active",
            "Rent is invoiced only once the lease is active.",
            params,
            **fix,
        )
    due = next_due_date(rent_terms(lease), today)
    if due is None:
        end = lease.end_date.isoformat() if lease.end_date else None
        return _warn(
            ItemKey.SCHEDULE,
            "schedule.ended",
            f"No more rent falls due: the lease ends on {end} and is not holding over.",
            {**params, "end_date": end},
            **fix,
        )
    return _ok(
        ItemKey.SCHEDULE,
        "schedule.ok",
        f"{rent} {lease.rent_currency} (minor units) {lease.frequency.value}, next due on "
        f"{due.isoformat()}.",
        {**params, "next_due": due.isoformat()},
        **fix,
    )


def _expected_rent(lease: Lease, reviews: list[tuple[date, int]], period_start: date) -> int | None:
    """What the lease's schedule asks for the period starting on ``period_start`` (prorated and
    at the rent in effect then, as rent generation invoices it), or None when no period of the
    schedule starts that day."""
    for period in periods(rent_terms(lease), due_from=period_start):
        if period.start == period_start:
            rent = rent_on(lease.rent_amount, reviews, period.start)
            return repriced(period, lease.rent_amount, rent).amount
        if period.start > period_start:
            return None
    return None


async def _invoices_item(
    session: AsyncSession,
    choice: LeaseChoice | None,
    reviews: list[tuple[date, int]],
    today: date,
) -> Item:
    """Open invoices must agree with the lease's rent (seed 000: "If lease or amount is wrong,
    the tenant will see the error"): a rent invoice asking for more than its period's rent is
    blocking, one asking for less (or off the schedule) a warning, and so is a draft the tenant
    cannot see yet. Otherwise it says what is open and overdue."""
    if choice is None:
        return _block(ItemKey.INVOICES, "invoices.no_lease", f"{_NO_LEASE}: no invoices.", {})
    lease = choice.lease
    invoices = list(
        (
            await session.scalars(
                select(Invoice)
                .where(
                    Invoice.lease_id == lease.id,
                    Invoice.status.in_([StoredInvoiceStatus.OPEN, StoredInvoiceStatus.DRAFT]),
                )
                .order_by(Invoice.due_date, Invoice.id)
            )
        ).all()
    )
    amounts = await invoice_amounts(session, [i.id for i in invoices])
    rent_ids = [i.id for i in invoices if i.kind is InvoiceKind.RENT]
    totals: dict[uuid.UUID, int] = {}
    review_credits: dict[uuid.UUID, int] = {}
    if rent_ids:
        totals = {
            invoice_id: int(total)
            for invoice_id, total in (
                await session.execute(
                    select(InvoiceLine.invoice_id, func.sum(InvoiceLine.amount))
                    .where(InvoiceLine.invoice_id.in_(rent_ids))
                    .group_by(InvoiceLine.invoice_id)
                )
            ).all()
        }
        review_credits = {
            invoice_id: int(total)
            for invoice_id, total in (
                await session.execute(
                    select(CreditNote.invoice_id, func.sum(CreditNote.amount))
                    .where(
                        CreditNote.invoice_id.in_(rent_ids),
                        CreditNote.status == CreditNoteStatus.APPLIED,
                        CreditNote.reason.startswith(_REVIEW_CREDIT_PREFIX),
                    )
                    .group_by(CreditNote.invoice_id)
                )
            ).all()
        }
    problems: list[Item] = []
    drafts = 0
    outstanding = overdue = count = 0
    for invoice in invoices:
        fix = {"kind": "invoice", "id": invoice.id}
        if invoice.status is StoredInvoiceStatus.DRAFT:
            drafts += 1
            continue
        left = amounts[invoice.id].outstanding
        if left <= 0:
            continue
        count += 1
        outstanding += left
        if invoice.due_date < today:
            overdue += left
        if invoice.kind is not InvoiceKind.RENT:
            continue
        asked = totals.get(invoice.id, 0) - review_credits.get(invoice.id, 0)
        label = f"Invoice {invoice.number}"
        base: Params = {"number": invoice.number, "amount": asked, "currency": invoice.currency}
        if invoice.period_start is None:
            expected = rent_on(lease.rent_amount, reviews, invoice.due_date)
        else:
            found = _expected_rent(lease, reviews, invoice.period_start)
            if found is None:
                problems.append(
                    _warn(
                        ItemKey.INVOICES,
                        "invoices.off_schedule",
                        f"{label} is for a period the lease's rent schedule does not have "
                        f"(from {invoice.period_start.isoformat()}).",
                        {**base, "period_start": invoice.period_start.isoformat()},
                        **fix,
                    )
                )
                continue
            expected = found
        if asked > expected:
            problems.append(
                _block(
                    ItemKey.INVOICES,
                    "invoices.too_high",
                    f"{label} asks for {asked} but the lease's rent for it is {expected} "
                    f"({invoice.currency}, minor units).",
                    {**base, "expected": expected},
                    **fix,
                )
            )
        elif asked < expected:
            problems.append(
                _warn(
                    ItemKey.INVOICES,
                    "invoices.too_low",
                    f"{label} asks for {asked}, less than the lease's rent for it ({expected}, "
                    f"{invoice.currency} minor units).",
                    {**base, "expected": expected},
                    **fix,
                )
            )
    blocking = [p for p in problems if p.status is ItemStatus.BLOCKING]
    if blocking:
        return blocking[0]
    if problems:
        return problems[0]
    lease_fix = {"kind": "lease", "id": lease.id}
    if drafts:
        return _warn(
            ItemKey.INVOICES,
            "invoices.drafts",
            f"{drafts} invoice(s) on this lease await approval: the tenant does not see them yet.",
            {"count": drafts},
            **lease_fix,
        )
    currency = lease.rent_currency
    if not count:
        return _ok(ItemKey.INVOICES, "invoices.none", "No open invoices on this lease.", {})
    return _ok(
        ItemKey.INVOICES,
        "invoices.ok",
        f"{count} open invoice(s), {outstanding} outstanding of which {overdue} overdue "
        f"({currency}, minor units); the amounts agree with the lease's rent.",
        {"count": count, "outstanding": outstanding, "overdue": overdue, "currency": currency},
        **lease_fix,
    )


async def _payment_method_item(
    session: AsyncSession,
    agency: Agency,
    purpose: ReadinessPurpose,
    choice: LeaseChoice | None,
    gateway_configured: bool,
) -> Item:
    """How the tenant will pay. An invite: by the recurring set-up already active for the lease
    (card or SEPA direct debit), by card online, or by bank transfer to the trust account (with
    the lease's reference); none of them is blocking. A payment link: by card through the link,
    which the integration item checks."""
    if purpose is ReadinessPurpose.PAYMENT_LINK:
        return _ok(ItemKey.PAYMENT_METHOD, "payment_method.link", "By card, through the link.", {})
    features = read_settings(agency.settings).features
    card = features.online_payments and gateway_configured
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency.id))
    transfer = account is not None and bool(account.iban or account.account_number)
    recurring = (
        await session.scalar(
            select(_RECURRING_SETUPS.c.method)
            .where(
                _RECURRING_SETUPS.c.agency_id == agency.id,
                _RECURRING_SETUPS.c.lease_id == choice.lease.id,
                _RECURRING_SETUPS.c.status == _ACTIVE_SETUP,
            )
            .order_by(_RECURRING_SETUPS.c.created_at.desc(), _RECURRING_SETUPS.c.id)
            .limit(1)
        )
        if choice is not None
        else None
    )
    if not card and not transfer and recurring is None:
        return _block(
            ItemKey.PAYMENT_METHOD,
            "payment_method.none",
            "The tenant would have no way to pay: add the trust account's bank details, or "
            "switch on card payments.",
            {},
            kind="settings",
        )
    ways = [f"recurring_{recurring}"] if recurring is not None else []
    ways += [w for w, on in (("card", card), ("transfer", transfer)) if on]
    return _ok(
        ItemKey.PAYMENT_METHOD,
        "payment_method.ok",
        "The tenant can pay " + " or ".join(_WAYS_TO_PAY[w] for w in ways) + ".",
        {"methods": ",".join(ways)},
    )


def _integration_item(agency: Agency, purpose: ReadinessPurpose, gateway_configured: bool) -> Item:
    """Seed 000: what depends on agency settings and integrations is "In Progress" until
    switched on. A payment link needs payment links switched on and the card gateway configured
    (blocking); an invite needs the tenant portal (blocking) and warns when card payments are not
    available, since the tenant will see them as "in progress"."""
    features = read_settings(agency.settings).features
    fix: dict[str, Any] = {"kind": "settings"}
    if purpose is ReadinessPurpose.PAYMENT_LINK:
        if not features.payment_links:
            return _block(
                ItemKey.INTEGRATION,
                "integration.links_off",
                "Payment links are not switched on for your agency.",
                {},
                **fix,
            )
        if not gateway_configured:
            return _block(
                ItemKey.INTEGRATION,
                "integration.gateway_missing",
                "The card gateway is not configured: a link could not take a payment.",
                {},
            )
        return _ok(
            ItemKey.INTEGRATION,
            "integration.ok",
            "Payment links are on and the card gateway is configured.",
            {},
        )
    if not features.tenant_portal:
        return _block(
            ItemKey.INTEGRATION,
            "integration.portal_off",
            "The tenant portal is switched off for your agency: the tenant could not sign in.",
            {},
            **fix,
        )
    if not features.online_payments:
        return _warn(
            ItemKey.INTEGRATION,
            "integration.cards_off",
            "Card payments are not switched on: the tenant will see paying by card as in progress.",
            {},
            **fix,
        )
    if not gateway_configured:
        return _warn(
            ItemKey.INTEGRATION,
            "integration.gateway_missing",
            "The card gateway is not configured: the tenant cannot pay by card.",
            {},
        )
    return _ok(
        ItemKey.INTEGRATION,
        "integration.ok",
        "The tenant portal and card payments are on; the card gateway is configured.",
        {},
    )


# ------------------------------------------------------------------------ the review


async def review(
    session: AsyncSession,
    agency: Agency,
    *,
    purpose: ReadinessPurpose,
    person: Invitee,
    lease_id: uuid.UUID | None,
    gateway_configured: bool,
    now: datetime,
) -> Checklist:
    """The checklist for a person and a lease at ``now``, every item of seed 000 in its order."""
    today = local_date(now, agency.timezone)
    choices = await tenant_leases(session, agency.id, person.tenant.id) if person.tenant else []
    lease = await _lease_item(session, agency, purpose, person, lease_id, choices)
    choice = lease.choice
    reviews = await _reviews(session, choice.lease.id) if choice is not None else []
    items = [
        await _email_item(session, agency, person),
        _phone_item(person),
        lease.item,
        _unit_item(choice),
        _schedule_item(choice, reviews, today),
        await _invoices_item(session, choice, reviews, today),
        await _payment_method_item(session, agency, purpose, choice, gateway_configured),
        _integration_item(agency, purpose, gateway_configured),
    ]
    return Checklist(
        purpose=purpose,
        tenant_id=person.tenant.id if person.tenant else None,
        lease_id=choice.lease.id if choice is not None else None,
        leases=choices,
        items=items,
    )


def _name(tenant: Tenant) -> str:
    return f"{tenant.first_name} {tenant.last_name}"


async def tenant_checklist(
    session: AsyncSession,
    agency: Agency,
    *,
    purpose: ReadinessPurpose,
    tenant_id: uuid.UUID,
    lease_id: uuid.UUID | None,
    gateway_configured: bool,
    now: datetime,
) -> Checklist:
    """The checklist staff read before sending: for a tenant of the agency and, when given, a
    lease of the agency (a record of another agency does not exist: 404)."""
    tenant = await session.scalar(
        select(Tenant).where(Tenant.id == tenant_id, Tenant.agency_id == agency.id)
    )
    if tenant is None:
        raise NotFound("No such tenant.")
    person = Invitee(tenant=tenant, name=_name(tenant), email=tenant.email)
    return await review(
        session,
        agency,
        purpose=purpose,
        person=person,
        lease_id=lease_id,
        gateway_configured=gateway_configured,
        now=now,
    )


@dataclass(frozen=True)
class SendSubject:
    """What a send action is about: the tenant (when on the books), the name and e-mail it goes
    to, and the lease."""

    tenant_id: uuid.UUID | None
    name: str
    email: str
    lease_id: uuid.UUID | None


async def check_send(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    action: ReadinessAction,
    subject_id: uuid.UUID,
    subject: SendSubject,
    override_reason: str | None,
    gateway_configured: bool,
    now: datetime,
) -> Checklist | None:
    """Seed 000, before an invite or a payment link goes out: a blocking item refuses the send
    (409, each item listed) unless an override reason is given; an override is recorded with
    who and when, and what was blocking. A person not on the books and no lease (a prospective
    tenant's invite, seed 001) has no record to review: None."""
    (checklist,) = await check_sends(
        session,
        agency,
        staff,
        action=action,
        subject_id=subject_id,
        subjects=[subject],
        override_reason=override_reason,
        gateway_configured=gateway_configured,
        now=now,
    )
    return checklist


async def check_sends(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    action: ReadinessAction,
    subject_id: uuid.UUID,
    subjects: list[SendSubject],
    override_reason: str | None,
    gateway_configured: bool,
    now: datetime,
) -> list[Checklist | None]:
    """:func:`check_send` for one send that reaches several people (a payment link e-mailed to
    every tenant of the lease): each is reviewed, a blocking item of any refuses the whole send
    (each distinct item listed once), and an override is recorded for each person something
    blocked for, so it shows on each one's record."""
    checklists = [
        await _review_subject(
            session,
            agency,
            action=action,
            subject=subject,
            gateway_configured=gateway_configured,
            now=now,
        )
        for subject in subjects
    ]
    blocked = [c for c in checklists if c is not None and c.blocking]
    if not blocked:
        return checklists
    if override_reason is None:
        distinct: dict[tuple[ItemKey, str], Item] = {}
        for checklist in blocked:
            for item in checklist.blocking_items:
                distinct.setdefault((item.key, item.message), item)
        items = list(distinct.values())
        raise ReadinessBlocked(
            "Not sent: "
            + " ".join(item.message for item in items)
            + " Fix these, or send anyway with a reason.",
            errors=[
                FieldProblem(field=f"readiness.{item.key.value}", message=item.message)
                for item in items
            ],
        )
    for checklist in blocked:
        session.add(
            ReadinessOverride(
                agency_id=agency.id,
                action=action,
                subject_id=subject_id,
                tenant_id=checklist.tenant_id,
                lease_id=checklist.lease_id,
                reason=override_reason,
                blocking=[_stored(item) for item in checklist.blocking_items],
                overridden_by_id=staff.id,
                overridden_at=now,
            )
        )
    await session.flush()
    return checklists


async def _review_subject(
    session: AsyncSession,
    agency: Agency,
    *,
    action: ReadinessAction,
    subject: SendSubject,
    gateway_configured: bool,
    now: datetime,
) -> Checklist | None:
    if subject.tenant_id is None and subject.lease_id is None:
        return None
    tenant = (
        await session.scalar(
            select(Tenant).where(Tenant.id == subject.tenant_id, Tenant.agency_id == agency.id)
        )
        if subject.tenant_id is not None
        else None
    )
    person = Invitee(
        tenant=tenant,
        name=_name(tenant) if tenant is not None else subject.name,
        email=subject.email if tenant is None else tenant.email,
        typed_email=subject.email,
    )
    purpose = (
        ReadinessPurpose.PAYMENT_LINK
        if action in (ReadinessAction.PAYMENT_LINK, ReadinessAction.PAYMENT_LINK_EMAIL)
        else ReadinessPurpose.INVITE
    )
    return await review(
        session,
        agency,
        purpose=purpose,
        person=person,
        lease_id=subject.lease_id,
        gateway_configured=gateway_configured,
        now=now,
    )


def _stored(item: Item) -> dict[str, Any]:
    return {
        "key": item.key.value,
        "status": item.status.value,
        "code": item.code,
        "message": item.message,
        "params": item.params,
        "fix_kind": item.fix_kind,
        "fix_id": str(item.fix_id) if item.fix_id else None,
    }


def stored_item(raw: dict[str, Any]) -> Item:
    return Item(
        key=ItemKey(raw["key"]),
        status=ItemStatus(raw["status"]),
        code=raw["code"],
        message=raw["message"],
        params=raw.get("params") or {},
        fix_kind=raw.get("fix_kind"),
        fix_id=uuid.UUID(raw["fix_id"]) if raw.get("fix_id") else None,
    )


@dataclass(frozen=True)
class OverrideView:
    override: ReadinessOverride
    staff_name: str


async def list_overrides(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    tenant_id: uuid.UUID | None,
    lease_id: uuid.UUID | None,
    page: PageRequest,
) -> tuple[list[OverrideView], str | None]:
    """The overrides recorded in the agency, newest first: who sent what despite which items,
    when and why (shown on the tenant's and the lease's page)."""
    statement = select(ReadinessOverride).where(ReadinessOverride.agency_id == agency_id)
    if tenant_id is not None:
        statement = statement.where(ReadinessOverride.tenant_id == tenant_id)
    if lease_id is not None:
        statement = statement.where(ReadinessOverride.lease_id == lease_id)
    rows, cursor = await paginate(
        session,
        statement,
        (ReadinessOverride.overridden_at, ReadinessOverride.id),
        page,
        descending=True,
    )
    names: dict[uuid.UUID, str] = {}
    staff_ids = {row.overridden_by_id for row in rows}
    if staff_ids:
        names = {
            staff_id: f"{first} {last}"
            for staff_id, first, last in (
                await session.execute(
                    select(StaffUser.id, StaffUser.first_name, StaffUser.last_name).where(
                        and_(StaffUser.id.in_(staff_ids), StaffUser.agency_id == agency_id)
                    )
                )
            ).all()
        }
    return [OverrideView(row, names.get(row.overridden_by_id, "")) for row in rows], cursor


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> None:
    """Seed 001, deleting a customer: an override stays (who sent what despite which items, and
    when), but its reason and the blocking items' sentences as they were can name the person;
    both are rewritten in place."""
    await session.execute(
        update(ReadinessOverride)
        .where(ReadinessOverride.agency_id == agency_id, ReadinessOverride.tenant_id == tenant_id)
        .values(
            reason=scrubbed(ReadinessOverride.reason, needles),
            blocking=cast(scrubbed(cast(ReadinessOverride.blocking, Text), needles), JSONB),
        )
    )

"""Follow-ups: asking tenants to settle overdue rent, and recording what came of it.

Seed 000 turns the collections article into a dashboard action: "open the record, review the
data, take action, document the outcome so the rest of the team can see it, escalate when
needed" — and "if the action involves a financial, regulatory, owner, or tenant-impacting
decision, ask the responsible role to review it". So a follow-up is sent from the lease's
record, states exactly what is owed, is recorded with the amounts of that moment, gets an
outcome, and can be escalated to an accountant or owner who reviews it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.agencies.settings import read_settings
from doorstep.billing.ledger import outstanding_of
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.collections.charges_ahead import charges_ahead
from doorstep.collections.email_texts import words
from doorstep.collections.escalation_emails import ask_for_review
from doorstep.collections.messages import (
    BankDetails,
    FollowUpContent,
    OverdueLine,
    place_of,
    render,
)
from doorstep.collections.models import FollowUp, FollowUpChannel, FollowUpOutcome
from doorstep.collections.references import lease_payment_reference
from doorstep.core.clock import local_date
from doorstep.core.erasure import DELETED_NAME, Needles, scrubbed
from doorstep.core.errors import Conflict, FieldProblem, Forbidden, InvalidInput
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.documents.i18n import Texts
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.leases.service import lease_views
from doorstep.notifications.push import PushNotice, queue_push
from doorstep.notifications.service import queue_email
from doorstep.payments.ledger.service import lease_balances
from doorstep.tenants.models import Tenant

EMAIL_KIND = "collections_follow_up"
# Seed 000: the responsible role that reviews escalated decisions (as for approvals).
REVIEWER_ROLES = frozenset({StaffRole.OWNER, StaffRole.ACCOUNTANT})


class NothingOverdue(Conflict):
    slug = "nothing-overdue"
    title = "Nothing on this lease is overdue"


class NotReadyToFollowUp(Conflict):
    """Seed 000: "An invitation does not fix missing data" — nor does a vague message."""

    slug = "follow-up-not-ready"
    title = "The agency's details are incomplete for a clear message"


class AlreadyEscalated(Conflict):
    slug = "follow-up-already-escalated"
    title = "This follow-up is already escalated"


class NotEscalated(Conflict):
    slug = "follow-up-not-escalated"
    title = "This follow-up is not waiting for a review"


@dataclass(frozen=True)
class OverdueInvoice:
    invoice_id: uuid.UUID
    number: int
    due_date: date
    outstanding: int

    def days_overdue(self, today: date) -> int:
        return (today - self.due_date).days


async def overdue_invoices(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID, today: date
) -> list[OverdueInvoice]:
    """Open invoices of the lease past their due date that still ask for money, oldest first,
    but those the tenant's recurring payment is still to take: seed 003 lets its charge come
    after the due date, and a manual payment meanwhile would only make it skip the invoice —
    chasing it would ask the tenant to pay what is about to be taken."""
    outstanding = outstanding_of(Invoice.id)
    rows = await session.execute(
        select(Invoice.id, Invoice.number, Invoice.due_date, outstanding)
        .where(
            Invoice.agency_id == agency_id,
            Invoice.lease_id == lease_id,
            Invoice.status == InvoiceStatus.OPEN,
            Invoice.due_date < today,
            outstanding > 0,
        )
        .order_by(Invoice.due_date, Invoice.number)
    )
    found = rows.all()
    left = await charges_ahead().invoices_left(session, agency_id, [row.id for row in found], today)
    return [
        OverdueInvoice(invoice_id, int(number or 0), due_date, int(amount))
        for invoice_id, number, due_date, amount in found
        if invoice_id not in left
    ]


@dataclass(frozen=True)
class ComposedMessage:
    tenant: Tenant
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Composition:
    """What a follow-up would say to whom, before anything is recorded or sent."""

    lease: Lease
    invoices: list[OverdueInvoice]
    credit: int
    today: date
    messages: list[ComposedMessage]

    @property
    def overdue_total(self) -> int:
        return sum(invoice.outstanding for invoice in self.invoices)


async def compose_follow_up(
    session: AsyncSession,
    agency: Agency,
    *,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID | None,
    message: str | None,
    portal_url: str,
    now: datetime,
) -> Composition:
    """The follow-up e-mail for each recipient, exactly as it would be sent now. Seed 000: the
    message says what is needed, the amounts, the due dates and how to ask for help — so it is
    refused while the agency has no way to pay or to reach it; and on a lease with several
    tenants the follow-up is about the lease named, never another."""
    lease = await session.scalar(
        select(Lease).where(Lease.id == lease_id, Lease.agency_id == agency.id)
    )
    if lease is None:
        raise InvalidInput("lease_id", "No such lease in this agency.")
    if lease.status not in (LeaseStatus.ACTIVE, LeaseStatus.ENDED):
        raise InvalidInput("lease_id", f"The lease is {lease.status.value}: nobody owes on it.")
    (view,) = await lease_views(session, [lease], agency.timezone, now)
    recipients: list[Tenant] = list(view.tenants)
    if tenant_id is not None:
        recipients = [tenant for tenant in recipients if tenant.id == tenant_id]
        if not recipients:
            raise InvalidInput("tenant_id", "This tenant is not party to the lease.")
    if not recipients:
        raise InvalidInput("lease_id", "The lease has no tenants to write to.")

    today = local_date(now, agency.timezone)
    invoices = await overdue_invoices(session, agency.id, lease.id, today)
    if not invoices:
        raise NothingOverdue(
            "Every invoice of this lease is paid, not yet due or about to be taken by the "
            "tenant's recurring payment."
        )

    settings = read_settings(agency.settings)
    trust_account = await get_trust_account(session, agency.id)
    has_bank = bool(trust_account.iban or trust_account.account_number)
    pay_online = settings.features.tenant_portal and settings.features.online_payments
    missing = []
    if not has_bank and not pay_online:
        missing.append(
            FieldProblem(
                field="trust_account.iban",
                message="Add the trust account's IBAN or account number (or switch on online "
                "payments) so the tenant knows how to pay.",
            )
        )
    if not (settings.contact_email or settings.contact_phone):
        missing.append(
            FieldProblem(
                field="agency.settings.contact_email",
                message="Add the agency's contact e-mail or phone so the tenant knows whom to ask "
                "for help.",
            )
        )
    if missing:
        raise NotReadyToFollowUp("; ".join(problem.message for problem in missing), errors=missing)
    balance = (await lease_balances(session, [lease.id]))[lease.id]

    bank = (
        BankDetails(
            account_name=trust_account.name,
            iban=trust_account.iban,
            bic=trust_account.bic,
            account_number=trust_account.account_number,
        )
        if has_bank
        else None
    )
    messages = []
    for tenant in recipients:
        # Each tenant of the lease reads it in their own language (core.languages).
        texts = Texts.for_tenant(agency, tenant)
        rendered = render(
            FollowUpContent(
                agency_name=agency.name,
                texts=texts,
                currency=lease.rent_currency,
                tenant_name=f"{tenant.first_name} {tenant.last_name}",
                place=place_of(texts, view.property.name, view.unit.name),
                invoices=[
                    OverdueLine(i.number, i.due_date, i.outstanding, i.days_overdue(today))
                    for i in invoices
                ],
                payment_reference=lease_payment_reference(lease.id),
                bank=bank,
                portal_url=portal_url if settings.features.tenant_portal else None,
                pay_online=pay_online,
                contact_email=settings.contact_email,
                contact_phone=settings.contact_phone,
                message=message,
            )
        )
        messages.append(ComposedMessage(tenant, rendered.subject, rendered.text, rendered.html))
    return Composition(lease, invoices, balance.credit, today, messages)


async def send_follow_up(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    *,
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID | None,
    channel: FollowUpChannel,
    note: str | None,
    message: str | None,
    portal_url: str,
    now: datetime,
) -> FollowUp:
    """E-mail the lease's tenants (or the one named) what is overdue and how to settle it —
    the message :func:`compose_follow_up` shows beforehand — and record it with the amounts of
    that moment."""
    composition = await compose_follow_up(
        session,
        agency,
        lease_id=lease_id,
        tenant_id=tenant_id,
        message=message,
        portal_url=portal_url,
        now=now,
    )
    lease, today = composition.lease, composition.today
    follow_up = FollowUp(
        agency_id=agency.id,
        lease_id=lease.id,
        channel=channel,
        recipients=[],
        subject="",
        body="",
        currency=lease.rent_currency,
        overdue_total=composition.overdue_total,
        credit=composition.credit,
        invoices=[
            {
                "invoice_id": str(invoice.invoice_id),
                "number": invoice.number,
                "due_date": invoice.due_date.isoformat(),
                "outstanding": invoice.outstanding,
                "days_overdue": invoice.days_overdue(today),
            }
            for invoice in composition.invoices
        ],
        note=note,
        sent_by_id=staff.id,
        sent_at=now,
    )
    session.add(follow_up)
    await session.flush()

    sent = []
    for composed in composition.messages:
        tenant = composed.tenant
        queued = await queue_email(
            session,
            agency_id=agency.id,
            to=tenant.email,
            subject=composed.subject,
            text=composed.text,
            html=composed.html,
            dedupe_key=f"collections-follow-up:{follow_up.id}:{tenant.id}",
            kind=EMAIL_KIND,
            from_name=agency.name,
        )
        await queue_push(
            session,
            agency_id=agency.id,
            tenant_id=tenant.id,
            notice=_follow_up_push(agency, tenant, lease.id),
            dedupe_key=f"collections-follow-up:{follow_up.id}:{tenant.id}",
            kind=EMAIL_KIND,
        )
        sent.append(
            {
                "tenant_id": str(tenant.id),
                "name": f"{tenant.first_name} {tenant.last_name}",
                "email": tenant.email,
                "message_id": str(queued.id),
            }
        )
        follow_up.subject, follow_up.body = composed.subject, composed.text
    follow_up.recipients = sent
    await session.flush()
    return follow_up


def _follow_up_push(agency: Agency, tenant: Tenant, lease_id: uuid.UUID) -> PushNotice:
    """Seed 002's important alert beside the e-mail: a payment is overdue, never how much (a
    lock screen shows it). One per lease on a device: a later follow-up replaces it."""
    texts = Texts.for_tenant(agency, tenant)
    return PushNotice(
        title=words(texts, "push.follow_up.title"),
        body=words(texts, "push.follow_up.body", agency=agency.name),
        url="/portal/payments",
        tag=f"follow-up-{lease_id}",
        urgency="high",
    )


async def get_follow_up(
    session: AsyncSession,
    agency_id: uuid.UUID,
    follow_up_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> FollowUp:
    return await get_in_agency(
        session,
        FollowUp,
        follow_up_id,
        agency_id,
        missing="No such follow-up.",
        for_update=for_update,
    )


async def list_follow_ups(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    lease_id: uuid.UUID | None,
    tenant_id: uuid.UUID | None,
    awaiting_review: bool | None,
    page: PageRequest,
) -> tuple[list[FollowUp], str | None]:
    """The team's record of follow-ups, newest first; ``awaiting_review`` is the reviewers'
    queue (escalated and not yet reviewed)."""
    statement = select(FollowUp).where(FollowUp.agency_id == agency_id)
    if lease_id is not None:
        statement = statement.where(FollowUp.lease_id == lease_id)
    if tenant_id is not None:
        statement = statement.where(FollowUp.recipients.contains([{"tenant_id": str(tenant_id)}]))
    if awaiting_review is not None:
        waiting = FollowUp.escalated_at.is_not(None) & FollowUp.reviewed_at.is_(None)
        statement = statement.where(waiting if awaiting_review else ~waiting)
    return await paginate(session, statement, (FollowUp.id,), page, descending=True)


async def record_outcome(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    follow_up_id: uuid.UUID,
    *,
    outcome: FollowUpOutcome | None,
    outcome_note: str | None,
    escalate: bool,
    now: datetime,
) -> FollowUp:
    """Document what came of a follow-up (the latest word stands, with who and when) and, when
    a decision is for someone more responsible — a payment plan, a dispute, legal steps — ask an
    accountant or owner to review it (seed 000: "escalate when needed")."""
    follow_up = await get_follow_up(session, agency_id, follow_up_id, for_update=True)
    was = (follow_up.outcome, follow_up.outcome_note)
    if outcome is not None or outcome_note is not None:
        if outcome is not None:
            follow_up.outcome = outcome
        if outcome_note is not None:
            follow_up.outcome_note = outcome_note
        follow_up.outcome_by_id = staff.id
        follow_up.outcome_at = now
    # A review approved what the outcome said then: a different outcome needs a new one, asked
    # for by whoever changed it (who therefore cannot be its reviewer).
    rewritten_after_review = (
        follow_up.reviewed_at is not None and (follow_up.outcome, follow_up.outcome_note) != was
    )
    if escalate or rewritten_after_review:
        if follow_up.escalated_at is not None and follow_up.reviewed_at is None:
            raise AlreadyEscalated("It is already waiting for a review.")
        follow_up.escalated_at = now
        follow_up.escalated_by_id = staff.id
        follow_up.reviewed_at = None
        follow_up.reviewed_by_id = None
        follow_up.review_note = None
        await session.flush()
        agency = await session.get_one(Agency, agency_id)
        await ask_for_review(session, agency, follow_up, staff)
    await session.flush()
    return follow_up


async def review(
    session: AsyncSession,
    agency_id: uuid.UUID,
    reviewer: StaffUser,
    follow_up_id: uuid.UUID,
    *,
    note: str,
    now: datetime,
) -> FollowUp:
    """An accountant or owner, other than the person who escalated, records their review."""
    if reviewer.role not in REVIEWER_ROLES:
        raise Forbidden("Only accountants and owners review escalated follow-ups.")
    follow_up = await get_follow_up(session, agency_id, follow_up_id, for_update=True)
    if follow_up.escalated_at is None or follow_up.reviewed_at is not None:
        raise NotEscalated("Escalate the follow-up first; a review answers an escalation.")
    if follow_up.escalated_by_id == reviewer.id:
        raise Forbidden("Someone other than the person who escalated must review it.")
    follow_up.reviewed_at = now
    follow_up.reviewed_by_id = reviewer.id
    follow_up.review_note = note
    await session.flush()
    return follow_up


async def staff_names(
    session: AsyncSession, staff_ids: set[uuid.UUID | None]
) -> dict[uuid.UUID, str]:
    ids = {staff_id for staff_id in staff_ids if staff_id is not None}
    if not ids:
        return {}
    rows = await session.execute(
        select(StaffUser.id, StaffUser.first_name, StaffUser.last_name).where(StaffUser.id.in_(ids))
    )
    return {staff_id: f"{first} {last}" for staff_id, first, last in rows}


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> int:
    """Seed 001, deleting a customer: the follow-ups addressed to them stay (the amounts they
    were told and what came of it belong to the lease's collections history), with their
    name and address gone from the recipients and their name, address and phone replaced in
    the text and the staff's notes."""
    follow_ups = (
        await session.scalars(
            select(FollowUp)
            .where(
                FollowUp.agency_id == agency_id,
                FollowUp.recipients.contains([{"tenant_id": str(tenant_id)}]),
            )
            .with_for_update()
        )
    ).all()
    for follow_up in follow_ups:
        follow_up.recipients = [
            {**recipient, "name": DELETED_NAME, "email": None}
            if recipient.get("tenant_id") == str(tenant_id)
            else recipient
            for recipient in follow_up.recipients
        ]
    await session.flush()
    if follow_ups:
        await session.execute(
            update(FollowUp)
            .where(FollowUp.id.in_([follow_up.id for follow_up in follow_ups]))
            .values(
                subject=scrubbed(FollowUp.subject, needles),
                body=scrubbed(FollowUp.body, needles),
                note=scrubbed(FollowUp.note, needles),
                outcome_note=scrubbed(FollowUp.outcome_note, needles),
                review_note=scrubbed(FollowUp.review_note, needles),
            )
        )
    return len(follow_ups)

"""The agency's home page (seed 000: "turn the article into a small dashboard action: open the
related record, review the data, make the appropriate update").

What needs someone today is counted with exactly the conditions of the list each count opens,
so a count of 3 opens a list of 3 rows:
- overdue invoices: billing's own invoice totals with the list's ``overdue`` filter;
- approvals waiting, transfer proofs to review, unmatched bank lines, failed payments,
  recurring payments needing attention, incidents to qualify (reported, not yet triaged) and
  follow-ups escalated and awaiting review: one statement of counts, each scoped by the agency.
The month's expected / collected / outstanding are the collections center's totals for the
current calendar month in the agency's timezone. Nothing here is stored or computed per row:
three statements whatever the size of the book.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, ScalarSelect, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.audit.models import Approval, ApprovalStatus
from doorstep.billing.service import InvoiceFilters, invoice_totals
from doorstep.collections import service as collections
from doorstep.collections.models import FollowUp, LineStatus, StatementLine
from doorstep.core.clock import local_date
from doorstep.incidents.models import Incident, IncidentStatus
from doorstep.payments.ledger.models import Payment, PaymentStatus
from doorstep.payments.proofs.models import ProofStatus, TransferProof
from doorstep.recurring.models import ScheduledCharge
from doorstep.recurring.views import ATTENTION


@dataclass(frozen=True)
class Actions:
    overdue_invoices: int
    overdue_amount: int
    approvals_waiting: int
    transfer_proofs_to_review: int
    unmatched_bank_lines: int
    failed_payments: int
    recurring_needing_attention: int
    incidents_to_qualify: int
    follow_ups_awaiting_review: int


@dataclass(frozen=True)
class Dashboard:
    today: date
    actions: Actions
    period: collections.Period
    month: collections.Figures


async def _waiting_counts(session: AsyncSession, agency_id: uuid.UUID) -> tuple[int, ...]:
    def count(*conditions: ColumnElement[bool]) -> ScalarSelect[int]:
        return select(func.count()).where(*conditions).scalar_subquery()

    row = (
        await session.execute(
            select(
                count(Approval.agency_id == agency_id, Approval.status == ApprovalStatus.PENDING),
                count(
                    TransferProof.agency_id == agency_id,
                    TransferProof.status == ProofStatus.SUBMITTED,
                ),
                count(
                    StatementLine.agency_id == agency_id,
                    StatementLine.status == LineStatus.UNMATCHED,
                ),
                count(Payment.agency_id == agency_id, Payment.status == PaymentStatus.FAILED),
                select(func.count(distinct(ScheduledCharge.setup_id)))
                .where(
                    ScheduledCharge.agency_id == agency_id,
                    ScheduledCharge.status.in_(ATTENTION),
                )
                .scalar_subquery(),
                count(Incident.agency_id == agency_id, Incident.status == IncidentStatus.REPORTED),
                # The reviewers' queue (follow_ups.list_follow_ups(awaiting_review=True)).
                count(
                    FollowUp.agency_id == agency_id,
                    FollowUp.escalated_at.is_not(None),
                    FollowUp.reviewed_at.is_(None),
                ),
            )
        )
    ).one()
    return tuple(int(value) for value in row)


async def dashboard(
    session: AsyncSession, agency_id: uuid.UUID, timezone: str, *, now: datetime
) -> Dashboard:
    """What needs action today and this month's money, for one agency."""
    today = local_date(now, timezone)
    overdue = await invoice_totals(
        session, agency_id, timezone, InvoiceFilters(overdue=True), now=now
    )
    (
        approvals,
        proofs,
        lines,
        failed,
        recurring,
        to_qualify,
        awaiting_review,
    ) = await _waiting_counts(session, agency_id)
    period = collections.resolve_period(None, None, today)
    month = await collections.totals(session, collections.Scope(agency_id), period)
    return Dashboard(
        today=today,
        actions=Actions(
            overdue_invoices=overdue.invoices,
            overdue_amount=overdue.outstanding,
            approvals_waiting=approvals,
            transfer_proofs_to_review=proofs,
            unmatched_bank_lines=lines,
            failed_payments=failed,
            recurring_needing_attention=recurring,
            incidents_to_qualify=to_qualify,
            follow_ups_awaiting_review=awaiting_review,
        ),
        period=period,
        month=month,
    )

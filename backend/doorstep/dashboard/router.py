"""The agency's home page, for staff."""

from __future__ import annotations

from fastapi import APIRouter

from doorstep.auth.dependencies import StaffIdentityDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.dashboard import service
from doorstep.dashboard.schemas import ActionCounts, DashboardOut, MonthFigures

router = APIRouter(tags=["dashboard"], responses=problem_responses(401, 403))


@router.get("/dashboard")
async def get_dashboard(
    identity: StaffIdentityDep, session: SessionDep, clock: ClockDep
) -> DashboardOut:
    """What needs action today — each count is the number of rows of the list it names — and
    the expected, collected and outstanding money of invoices due this month, in the agency's
    currency and timezone."""
    found = await service.dashboard(
        session, identity.agency_id, identity.agency.timezone, now=clock.now()
    )
    actions = found.actions
    return DashboardOut(
        today=found.today,
        timezone=identity.agency.timezone,
        currency=identity.agency.currency,
        actions=ActionCounts(
            overdue_invoices=actions.overdue_invoices,
            overdue_amount=actions.overdue_amount,
            approvals_waiting=actions.approvals_waiting,
            transfer_proofs_to_review=actions.transfer_proofs_to_review,
            unmatched_bank_lines=actions.unmatched_bank_lines,
            failed_payments=actions.failed_payments,
            recurring_needing_attention=actions.recurring_needing_attention,
            incidents_to_qualify=actions.incidents_to_qualify,
            follow_ups_awaiting_review=actions.follow_ups_awaiting_review,
        ),
        month=MonthFigures(
            period_start=found.period.start,
            period_end=found.period.end,
            invoices=found.month.invoices,
            expected=found.month.expected,
            collected=found.month.collected,
            outstanding=found.month.outstanding,
        ),
    )

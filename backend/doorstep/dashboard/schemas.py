from __future__ import annotations

from datetime import date

from pydantic import Field

from doorstep.core.schemas import ResponseModel


class ActionCounts(ResponseModel):
    """What waits for someone, each the number of rows of the list it links to."""

    overdue_invoices: int = Field(
        description="Open invoices past their due date that still ask for money "
        "(`GET /invoices?overdue=true`)."
    )
    overdue_amount: int = Field(description="What those invoices still ask for, minor units.")
    approvals_waiting: int = Field(
        description="Decisions waiting for a second person (`GET /approvals?status=pending`)."
    )
    transfer_proofs_to_review: int = Field(
        description="Tenants' proofs of a transfer to check (`GET /transfer-proofs?status="
        "submitted`)."
    )
    unmatched_bank_lines: int = Field(
        description="Imported bank lines waiting for review "
        "(`GET /reconciliation/lines?status=unmatched`)."
    )
    failed_payments: int = Field(
        description="Payments that failed (`GET /payments?status=failed`)."
    )
    recurring_needing_attention: int = Field(
        description="Recurring payments with a charge that failed or whose outcome is unknown "
        "(`GET /recurring-payments?needs_attention=true`)."
    )
    incidents_to_qualify: int = Field(
        description="Incidents tenants reported that nobody triaged yet "
        "(`GET /incidents?status=reported`)."
    )
    follow_ups_awaiting_review: int = Field(
        description="Follow-ups escalated to an owner or accountant and not reviewed yet "
        "(`GET /collections/follow-ups?awaiting_review=true`)."
    )


class MonthFigures(ResponseModel):
    """The collections center's figures for the invoices due this calendar month (the agency's
    timezone): what they ask for after credits, what was allocated to them, the difference."""

    period_start: date
    period_end: date
    invoices: int
    expected: int
    collected: int
    outstanding: int


class DashboardOut(ResponseModel):
    today: date = Field(description="Today in the agency's timezone.")
    timezone: str
    currency: str = Field(description="The agency's currency: every amount here is in it.")
    actions: ActionCounts
    month: MonthFigures

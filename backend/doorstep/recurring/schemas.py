"""Recurring payments over HTTP: what the tenant sends to set one up, and what tenant and staff
read back."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from doorstep.core.money import Money
from doorstep.core.schemas import RequestModel, ResponseModel
from doorstep.recurring.models import ReminderKind, SetupMethod, SetupStatus
from doorstep.recurring.transitions import ChargeStatus, FailureKind

GatewayId = Annotated[
    str,
    StringConstraints(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_]+$"),
    Field(examples=["pm_1QxYz2AbCdEfGhIj"]),
]
Iban = Annotated[
    str,
    StringConstraints(min_length=14, max_length=42, pattern=r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]+$"),
    Field(examples=["DE89 3704 0044 0532 0130 00"]),
]
HolderName = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
]
Version = Annotated[
    str, StringConstraints(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z._-]+$")
]


class AuthorisationOut(ResponseModel):
    """The text the tenant reads and accepts; send its ``version`` back with the set-up."""

    version: str
    text: str


class RecurringSetupIn(RequestModel):
    lease_id: uuid.UUID
    method: SetupMethod
    payment_method_id: GatewayId | None = Field(
        default=None, description="method card: `setupIntent.payment_method` from Stripe.js."
    )
    iban: Iban | None = Field(default=None, description="method sepa_debit: the account.")
    account_holder: HolderName | None = Field(
        default=None, description="method sepa_debit: the account holder (default: the tenant)."
    )
    authorisation_version: Version = Field(
        description="The version of the authorisation text the tenant accepted."
    )


class ChangeCardIn(RequestModel):
    payment_method_id: GatewayId


class ScheduledChargeOut(ResponseModel):
    id: uuid.UUID
    invoice_id: uuid.UUID
    invoice_number: int | None
    status: ChargeStatus
    due_date: date
    charge_on: date | None = Field(
        description="When the charge is taken: the due date, never sooner than 3 days after "
        "the reminder. Known once the reminder is sent."
    )
    amount: Money | None = Field(
        description="The amount the reminder froze (null until the reminder)."
    )
    reminded_at: datetime | None
    failure_kind: FailureKind | None
    failure_reason: str | None
    settled_at: datetime | None


class RecurringSetupOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    tenant_name: str
    place: str
    method: SetupMethod
    status: SetupStatus
    payment_method_label: str
    agreed_amount: Money
    authorisation_version: str
    authorised_at: datetime
    started_on: date
    covers_invoices_from: date = Field(
        description="Rent invoices issued and approved from this day are paid this way; older "
        "ones are paid by hand."
    )
    ended_at: datetime | None
    end_reason: str | None
    next_charge: ScheduledChargeOut | None
    last_result: ScheduledChargeOut | None
    needs_attention: bool = Field(
        description="A charge failed, or its answer is still owed by the gateway."
    )


class RecurringSetupDetailOut(RecurringSetupOut):
    charges: list[ScheduledChargeOut]


class PaymentReminderOut(ResponseModel):
    id: uuid.UUID
    lease_id: uuid.UUID
    invoice_id: uuid.UUID
    kind: ReminderKind
    amount: Money
    amount_changed: bool
    sent_at: datetime

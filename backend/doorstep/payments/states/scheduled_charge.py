"""A scheduled charge's status (recurring rent payments, seed 003), in one table — the rules
the recurring worker must follow, before any of it runs.

A scheduled charge is created for an invoice created and approved after the tenant set up
recurring payment. The reminder freezes the amount; the charge happens on the due date but
never sooner than 3 days after the reminder. Just before charging, under a row lock:

- the invoice is paid (another way) or void: skipped, the set-up stays;
- what it asks for differs from the reminded amount (rent review, credit note, tenancy
  ended or cancelled after the reminder): not charged — the tenant is told the payment was
  unsuccessful and pays the current amount manually; the set-up stays for the next invoice;
- otherwise the card or mandate is charged: succeeded, failed (declined; authentication
  needed off-session), processing (SEPA, until the gateway says), or in flight with its
  outcome unknown until the gateway answers (the reconcile job asks again; never charged
  twice: at most one in-flight charge per invoice, one idempotency key per scheduled charge).

The set-up ending (cancelled by the tenant, tenancy over) cancels charges not yet made.
"""

from __future__ import annotations

from enum import StrEnum

from doorstep.payments.states.machine import Lifecycle


class ScheduledChargeStatus(StrEnum):
    SCHEDULED = "scheduled"
    REMINDED = "reminded"
    CHARGING = "charging"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    AMOUNT_CHANGED = "amount_changed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class ScheduledChargeEvent(StrEnum):
    SCHEDULED = "scheduled"
    REMINDER_SENT = "reminder sent"
    CHARGE_STARTED = "charge started"
    GATEWAY_PROCESSING = "processing at the gateway"
    GATEWAY_SUCCEEDED = "succeeded at the gateway"
    GATEWAY_FAILED = "failed at the gateway"
    AMOUNT_DIFFERS = "the amount differs from the reminder"
    INVOICE_SETTLED = "the invoice is paid or void"
    SETUP_ENDED = "the recurring set-up ended"


_S = ScheduledChargeStatus
_E = ScheduledChargeEvent

SCHEDULED_CHARGE_LIFECYCLE: Lifecycle[ScheduledChargeStatus, ScheduledChargeEvent] = Lifecycle(
    noun="scheduled charge",
    starts={_E.SCHEDULED: _S.SCHEDULED},
    moves={
        (_S.SCHEDULED, _E.REMINDER_SENT): _S.REMINDED,
        (_S.SCHEDULED, _E.INVOICE_SETTLED): _S.SKIPPED,
        (_S.SCHEDULED, _E.SETUP_ENDED): _S.CANCELLED,
        # Checked under the invoice's row lock just before charging.
        (_S.REMINDED, _E.CHARGE_STARTED): _S.CHARGING,
        (_S.REMINDED, _E.AMOUNT_DIFFERS): _S.AMOUNT_CHANGED,
        (_S.REMINDED, _E.INVOICE_SETTLED): _S.SKIPPED,
        (_S.REMINDED, _E.SETUP_ENDED): _S.CANCELLED,
        # In flight: only the gateway's answer moves it (time-outs keep it charging).
        (_S.CHARGING, _E.GATEWAY_PROCESSING): _S.PROCESSING,
        (_S.CHARGING, _E.GATEWAY_SUCCEEDED): _S.SUCCEEDED,
        (_S.CHARGING, _E.GATEWAY_FAILED): _S.FAILED,
        (_S.PROCESSING, _E.GATEWAY_SUCCEEDED): _S.SUCCEEDED,
        (_S.PROCESSING, _E.GATEWAY_FAILED): _S.FAILED,
    },
)

# At most one of these per invoice (the recurring tables' partial unique index).
IN_FLIGHT = frozenset({_S.CHARGING, _S.PROCESSING})

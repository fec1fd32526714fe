"""The scheduled charge's state machine, as one table a reader can hold against seed 003.

(state, event) → state; anything not in the table is refused with
:class:`ChargeTransitionRefused` (a bug, never a tenant's doing). The rows, in seed 003's words:

- a charge is *scheduled* for each eligible invoice and *reminded* when the pre-charge reminder
  freezes its amount;
- an invoice paid another way or voided, before or after the reminder, is *skipped* (the
  set-up stays);
- an outstanding amount that differs from the reminded one when the charge is due *fails* it
  (``amount_changed``): the tenant is told and pays by hand;
- the set-up stopped by the tenant or the agency, or the tenancy ended before the reminder,
  *cancels* it;
- *charging* is the gateway call; its answer is *succeeded*, *failed* (declined,
  authentication required), *processing* (SEPA: until the gateway says) or, when it was lost,
  *unknown* — asked about on the next ticks and charged again with the same idempotency key only
  once the gateway says it never saw it.
"""

from __future__ import annotations

from enum import StrEnum

from doorstep.core.errors import Conflict


class ChargeStatus(StrEnum):
    SCHEDULED = "scheduled"
    REMINDED = "reminded"
    CHARGING = "charging"
    PROCESSING = "processing"
    UNKNOWN = "unknown"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in FINAL_STATUSES

    @property
    def in_flight(self) -> bool:
        """At the gateway or about to be (the partial unique index's states)."""
        return self in IN_FLIGHT_STATUSES


FINAL_STATUSES = frozenset(
    {ChargeStatus.SUCCEEDED, ChargeStatus.FAILED, ChargeStatus.SKIPPED, ChargeStatus.CANCELLED}
)
IN_FLIGHT_STATUSES = frozenset(
    {ChargeStatus.CHARGING, ChargeStatus.PROCESSING, ChargeStatus.UNKNOWN}
)


class ChargeEvent(StrEnum):
    REMIND = "remind"
    INVOICE_SETTLED = "invoice_settled"  # paid another way, or void
    AMOUNT_CHANGED = "amount_changed"  # outstanding differs from the reminded amount
    SETUP_STOPPED = "setup_stopped"  # cancelled by tenant or agency, or tenancy ended
    START_CHARGE = "start_charge"
    GATEWAY_SUCCEEDED = "gateway_succeeded"
    GATEWAY_DECLINED = "gateway_declined"
    AUTHENTICATION_REQUIRED = "authentication_required"
    GATEWAY_PROCESSING = "gateway_processing"
    OUTCOME_UNKNOWN = "outcome_unknown"


class FailureKind(StrEnum):
    AMOUNT_CHANGED = "amount_changed"
    DECLINED = "declined"
    AUTHENTICATION_REQUIRED = "authentication_required"


S, E = ChargeStatus, ChargeEvent

TRANSITIONS: dict[tuple[ChargeStatus, ChargeEvent], ChargeStatus] = {
    # before the reminder
    (S.SCHEDULED, E.REMIND): S.REMINDED,
    (S.SCHEDULED, E.INVOICE_SETTLED): S.SKIPPED,
    (S.SCHEDULED, E.SETUP_STOPPED): S.CANCELLED,
    # after the reminder, before the charge (checked under the invoice's row lock)
    (S.REMINDED, E.INVOICE_SETTLED): S.SKIPPED,
    (S.REMINDED, E.AMOUNT_CHANGED): S.FAILED,
    (S.REMINDED, E.SETUP_STOPPED): S.CANCELLED,
    (S.REMINDED, E.START_CHARGE): S.CHARGING,
    # the gateway's answer
    (S.CHARGING, E.GATEWAY_SUCCEEDED): S.SUCCEEDED,
    (S.CHARGING, E.GATEWAY_DECLINED): S.FAILED,
    (S.CHARGING, E.AUTHENTICATION_REQUIRED): S.FAILED,
    (S.CHARGING, E.GATEWAY_PROCESSING): S.PROCESSING,
    (S.CHARGING, E.OUTCOME_UNKNOWN): S.UNKNOWN,
    # SEPA: until the gateway says
    (S.PROCESSING, E.GATEWAY_SUCCEEDED): S.SUCCEEDED,
    (S.PROCESSING, E.GATEWAY_DECLINED): S.FAILED,
    (S.PROCESSING, E.GATEWAY_PROCESSING): S.PROCESSING,
    # the answer was lost: asked again until it is final
    (S.UNKNOWN, E.GATEWAY_SUCCEEDED): S.SUCCEEDED,
    (S.UNKNOWN, E.GATEWAY_DECLINED): S.FAILED,
    (S.UNKNOWN, E.AUTHENTICATION_REQUIRED): S.FAILED,
    (S.UNKNOWN, E.GATEWAY_PROCESSING): S.PROCESSING,
    (S.UNKNOWN, E.OUTCOME_UNKNOWN): S.UNKNOWN,
    # the gateway never saw it: charge again, with the same idempotency key
    (S.UNKNOWN, E.START_CHARGE): S.CHARGING,
}

del S, E


class ChargeTransitionRefused(Conflict):
    slug = "charge-transition-refused"
    title = "This change is not possible for the scheduled charge"


def next_status(current: ChargeStatus, event: ChargeEvent) -> ChargeStatus:
    """The status ``event`` moves a charge in ``current`` to, or a refusal."""
    try:
        return TRANSITIONS[(current, event)]
    except KeyError:
        raise ChargeTransitionRefused(
            f"A {current.value} scheduled charge cannot take the event {event.value}."
        ) from None

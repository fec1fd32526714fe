"""A payment's status: what may happen to it, in one table.

- Money recorded off the platform (transfer, cash, cheque, a confirmed transfer proof, a bank
  statement line) has arrived: it is created succeeded.
- A card attempt creates it pending; the gateway's answer settles it: succeeded (allocated to
  the invoice being paid, seed 003, and receipted) or failed (declined, 3-D Secure abandoned,
  interrupted before the charge, unknown to the gateway).
- It only moves forward. A failed card payment becomes succeeded if the gateway later reports
  the money arrived after all; a succeeded payment never goes back (a late or replayed
  "failed" changes nothing; money leaves again only through a refund).
"""

from __future__ import annotations

from enum import StrEnum

from doorstep.payments.ledger.models import Payment, PaymentStatus
from doorstep.payments.states.machine import Lifecycle


class PaymentEvent(StrEnum):
    RECORDED_OFF_PLATFORM = "recorded off the platform"
    CARD_ATTEMPT_OPENED = "a card attempt"
    MONEY_ARRIVED = "the money arrived"
    CHARGE_FAILED = "a failed charge"


PAYMENT_LIFECYCLE: Lifecycle[PaymentStatus, PaymentEvent] = Lifecycle(
    noun="payment",
    starts={
        PaymentEvent.RECORDED_OFF_PLATFORM: PaymentStatus.SUCCEEDED,
        PaymentEvent.CARD_ATTEMPT_OPENED: PaymentStatus.PENDING,
    },
    moves={
        (PaymentStatus.PENDING, PaymentEvent.MONEY_ARRIVED): PaymentStatus.SUCCEEDED,
        (PaymentStatus.PENDING, PaymentEvent.CHARGE_FAILED): PaymentStatus.FAILED,
        (PaymentStatus.FAILED, PaymentEvent.MONEY_ARRIVED): PaymentStatus.SUCCEEDED,
    },
)


def move_payment(payment: Payment, event: PaymentEvent) -> None:
    """Apply ``event`` to the payment (locked by the caller); refused (409) if not allowed."""
    payment.status = PAYMENT_LIFECYCLE.next(payment.status, event)

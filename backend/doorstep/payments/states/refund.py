"""A refund's status: what may happen to it, in one table.

- Requested: it waits for a decision (a second person above the agency's threshold; below
  it, the requester's request is the decision, taken at once).
- Decided: the money is to be given back (processing); rejected: it is not.
- Given back: off-platform money is given back outside the platform at once, in the deciding
  transaction; a card refund is sent by the tick's refund drain, which records the gateway's
  refund (succeeded) or its refusal (failed, with the gateway's reason).
"""

from __future__ import annotations

from enum import StrEnum

from doorstep.payments.ledger.models import Refund, RefundStatus
from doorstep.payments.states.machine import Lifecycle


class RefundEvent(StrEnum):
    REQUESTED = "requested"
    DECIDED = "decided"
    REJECTED = "rejected"
    GIVEN_BACK = "given back"
    GATEWAY_REFUSED = "refused by the gateway"


REFUND_LIFECYCLE: Lifecycle[RefundStatus, RefundEvent] = Lifecycle(
    noun="refund",
    starts={RefundEvent.REQUESTED: RefundStatus.PENDING_APPROVAL},
    moves={
        (RefundStatus.PENDING_APPROVAL, RefundEvent.DECIDED): RefundStatus.PROCESSING,
        (RefundStatus.PENDING_APPROVAL, RefundEvent.REJECTED): RefundStatus.REJECTED,
        (RefundStatus.PROCESSING, RefundEvent.GIVEN_BACK): RefundStatus.SUCCEEDED,
        (RefundStatus.PROCESSING, RefundEvent.GATEWAY_REFUSED): RefundStatus.FAILED,
    },
)


def move_refund(refund: Refund, event: RefundEvent) -> None:
    """Apply ``event`` to the refund (locked by the caller); refused (409) if not allowed."""
    refund.status = REFUND_LIFECYCLE.next(refund.status, event)

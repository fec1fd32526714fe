"""The payment and refund lifecycles: each table says exactly what may
happen, everything else is refused, and no code sets a status behind the tables' back."""

from __future__ import annotations

import itertools
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from doorstep.payments.ledger.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from doorstep.payments.states.machine import Lifecycle, TransitionRefused
from doorstep.payments.states.payment import PAYMENT_LIFECYCLE, PaymentEvent, move_payment
from doorstep.payments.states.refund import REFUND_LIFECYCLE, RefundEvent, move_refund

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "doorstep"

P, PE = PaymentStatus, PaymentEvent
R, RE = RefundStatus, RefundEvent


def _allowed(
    lifecycle: Lifecycle[Any, Any], states: type[StrEnum], events: type[StrEnum]
) -> set[tuple[str, str, str]]:
    found = set()
    for state, event in itertools.product(states, events):
        if lifecycle.allows(state, event):
            found.add((state.value, event.name, lifecycle.next(state, event).value))
        else:
            with pytest.raises(TransitionRefused) as refused:
                lifecycle.next(state, event)
            assert refused.value.status_code == 409
    return found


def test_a_payment_only_moves_forward() -> None:
    assert _allowed(PAYMENT_LIFECYCLE, PaymentStatus, PaymentEvent) == {
        ("pending", "MONEY_ARRIVED", "succeeded"),
        ("pending", "CHARGE_FAILED", "failed"),
        # The gateway reports the money arrived after all.
        ("failed", "MONEY_ARRIVED", "succeeded"),
    }
    assert PAYMENT_LIFECYCLE.start(PE.RECORDED_OFF_PLATFORM) is P.SUCCEEDED
    assert PAYMENT_LIFECYCLE.start(PE.CARD_ATTEMPT_OPENED) is P.PENDING
    assert PAYMENT_LIFECYCLE.final() == {P.SUCCEEDED}


def test_a_succeeded_payment_never_fails_afterwards() -> None:
    payment = Payment(status=P.SUCCEEDED, method=PaymentMethod.CARD)
    with pytest.raises(TransitionRefused, match="This payment is already succeeded"):
        move_payment(payment, PE.CHARGE_FAILED)
    assert payment.status is P.SUCCEEDED


def test_a_payment_is_not_created_by_a_gateway_answer() -> None:
    with pytest.raises(TransitionRefused):
        PAYMENT_LIFECYCLE.start(PE.MONEY_ARRIVED)


def test_a_refund_is_decided_once_then_given_back_or_refused_by_the_gateway() -> None:
    assert _allowed(REFUND_LIFECYCLE, RefundStatus, RefundEvent) == {
        ("pending_approval", "DECIDED", "processing"),
        ("pending_approval", "REJECTED", "rejected"),
        ("processing", "GIVEN_BACK", "succeeded"),
        ("processing", "GATEWAY_REFUSED", "failed"),
    }
    assert REFUND_LIFECYCLE.start(RE.REQUESTED) is R.PENDING_APPROVAL
    assert REFUND_LIFECYCLE.final() == {R.SUCCEEDED, R.REJECTED, R.FAILED}


def test_a_refund_given_back_cannot_be_rejected() -> None:
    refund = Refund(status=R.SUCCEEDED)
    with pytest.raises(TransitionRefused, match=r"^This refund is already succeeded\.$"):
        move_refund(refund, RE.REJECTED)
    assert refund.status is R.SUCCEEDED


# Setting a payment's or refund's status other than through its lifecycle: an assignment or a
# constructor keyword naming a status member, or a bulk UPDATE of the column.
_BYPASS = re.compile(
    r"status\s*=\s*(PaymentStatus|RefundStatus)\.[A-Z_]+"
    r"|update\((Payment|Refund)\)[^\n]*\n?[^\n]*\.values\([^)]*status"
)


def test_every_status_change_goes_through_its_lifecycle() -> None:
    bypasses = [
        f"{path.relative_to(BACKEND)}:{source[: match.start()].count(chr(10)) + 1}"
        for path in sorted(BACKEND.rglob("*.py"))
        if "payments/states" not in path.as_posix()
        for source in [path.read_text()]
        for match in _BYPASS.finditer(source)
    ]
    assert bypasses == []

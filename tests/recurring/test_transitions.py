"""The scheduled charge's state machine: what it allows and what it refuses."""

from __future__ import annotations

import itertools

import pytest

from doorstep.recurring.transitions import (
    FINAL_STATUSES,
    TRANSITIONS,
    ChargeEvent,
    ChargeStatus,
    ChargeTransitionRefused,
    next_status,
)


def test_final_charges_never_move() -> None:
    for status, event in itertools.product(FINAL_STATUSES, ChargeEvent):
        with pytest.raises(ChargeTransitionRefused):
            next_status(status, event)


def test_nothing_is_charged_before_the_reminder_froze_its_amount() -> None:
    # Seed 003: the reminder fixes the amount that may be charged.
    with pytest.raises(ChargeTransitionRefused):
        next_status(ChargeStatus.SCHEDULED, ChargeEvent.START_CHARGE)
    assert next_status(ChargeStatus.REMINDED, ChargeEvent.START_CHARGE) is ChargeStatus.CHARGING


def test_an_amount_change_after_the_reminder_fails_the_charge() -> None:
    assert next_status(ChargeStatus.REMINDED, ChargeEvent.AMOUNT_CHANGED) is ChargeStatus.FAILED


def test_a_paid_invoice_is_skipped_before_or_after_the_reminder() -> None:
    for status in (ChargeStatus.SCHEDULED, ChargeStatus.REMINDED):
        assert next_status(status, ChargeEvent.INVOICE_SETTLED) is ChargeStatus.SKIPPED


def test_a_charge_at_the_gateway_cannot_be_cancelled_or_skipped() -> None:
    # Once the gateway may have the money, only its answer settles the charge.
    for status in (ChargeStatus.CHARGING, ChargeStatus.PROCESSING, ChargeStatus.UNKNOWN):
        for event in (ChargeEvent.SETUP_STOPPED, ChargeEvent.INVOICE_SETTLED):
            with pytest.raises(ChargeTransitionRefused):
                next_status(status, event)


def test_only_an_unknown_outcome_is_charged_again() -> None:
    retries = {status for (status, event) in TRANSITIONS if event is ChargeEvent.START_CHARGE}
    assert retries == {ChargeStatus.REMINDED, ChargeStatus.UNKNOWN}

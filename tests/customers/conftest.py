"""Deleting customers detaches their cards at a real localstripe: the card-payment suite's
fixtures (one localstripe per run, the app committing for real) serve here too."""

from __future__ import annotations

from tests.payments_online.conftest import (
    _fresh_localstripe,
    api,
    gateway,
    localstripe,
    pay_app,
    world,
)

__all__ = ["_fresh_localstripe", "api", "gateway", "localstripe", "pay_app", "world"]

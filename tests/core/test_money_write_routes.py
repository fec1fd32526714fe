"""A money write's wait limits are sent with its idempotency key's lock (``Idempotency.run``):
a route on the money-write session that took no ``Idempotency`` would wait without limits."""

from __future__ import annotations

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from doorstep.app import DOCUMENTED_ROUTERS
from doorstep.core.deps import get_money_write_session
from doorstep.core.idempotency import get_idempotency


def _calls(dependant: Dependant) -> set[object]:
    found: set[object] = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def test_every_money_write_route_goes_through_its_idempotency_key() -> None:
    money_writes = [
        route
        for router in DOCUMENTED_ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and get_money_write_session in _calls(route.dependant)
    ]
    assert len(money_writes) >= 4  # recording, editing, reversing and allocating payments
    without_key = [
        f"{sorted(route.methods or ())} {route.path}"
        for route in money_writes
        if get_idempotency not in _calls(route.dependant)
    ]
    assert without_key == []

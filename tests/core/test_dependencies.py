"""Every route and dependency runs on the event loop: FastAPI runs a plain ``def`` one in its
thread pool, a hand-off to another thread (and back) on every request that uses it."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from doorstep.app import DOCUMENTED_ROUTERS
from doorstep.core.health import router as health_router
from doorstep.notifications.devmailbox import router as dev_mailbox_router


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _runs_on_the_loop(call: Any) -> bool:
    if inspect.isclass(call):
        return False  # constructed in the thread pool
    function = call if inspect.isroutine(call) else type(call).__call__
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def test_no_route_or_dependency_runs_in_the_thread_pool() -> None:
    routes = [
        route
        for router in (*DOCUMENTED_ROUTERS, health_router, dev_mailbox_router)
        for route in router.routes
        if isinstance(route, APIRoute)
    ]
    assert len(routes) > 100
    blocking = sorted(
        {
            f"{route.path}: {getattr(call, '__qualname__', repr(call))}"
            for route in routes
            for call in (route.endpoint, *_calls(route.dependant))
            if not _runs_on_the_loop(call)
        }
    )
    assert blocking == []

"""Structured logs with a request id. Secrets never reach them: no headers, bodies or query
strings are logged, and paths are logged as their route template (tokens can live in paths)."""

from __future__ import annotations

import logging
import re
import secrets
import sys
import time
import weakref
from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import Any

import structlog
from fastapi.routing import iter_route_contexts
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_SENSITIVE_KEYS = re.compile(r"pass|secret|token|authorization|cookie|key", re.IGNORECASE)


def _redact(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        if key != "event" and _SENSITIVE_KEYS.search(key):
            event[key] = "[redacted]"
    return event


class _CurrentStderr:
    """Whatever ``sys.stderr`` is at the moment of writing. Loggers are cached on first use, so
    a stream captured then (a test's capture, later closed) would otherwise be written to for
    the rest of the process."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(level: str = "INFO", json_output: bool = False) -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if json_output
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    threshold = logging.getLevelNamesMapping()[level]
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _redact,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(threshold),
        logger_factory=structlog.PrintLoggerFactory(_CurrentStderr()),  # type: ignore[arg-type]
        cache_logger_on_first_use=True,
    )
    global _access_renderer
    _access_renderer = renderer if threshold <= logging.INFO else None


# The renderer of the access lines, None when the level leaves them out (``access_line``).
_access_renderer: Any = None


def access_line(request_id: str, method: str, route: str, status: int, duration_ms: float) -> None:
    """One request's access line, as ``structlog.get_logger("doorstep.access").info("request",
    ...)`` under ``configure_logging`` writes it, field for field, without the processor chain
    around the renderer (its cost was a tenth of a small read's): the line's fields are these
    and never secrets (nothing to redact), no exception rides on it, and the request id is the
    only context the app binds."""
    renderer = _access_renderer
    if renderer is None:
        return
    event = {
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": duration_ms,
        "event": "request",
        "request_id": request_id,
        "level": "info",
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    stream = sys.stderr
    stream.write(renderer(None, "info", event) + "\n")
    stream.flush()


# Per application (tests make several): the full template of each route, prefixes of included
# routers too, made once from the app's routes so no request matches the routes a second time.
_TEMPLATES: weakref.WeakKeyDictionary[object, dict[int, str]] = weakref.WeakKeyDictionary()


def route_template(scope: Scope) -> str:
    """The template of the route that answered (``/api/v1/pay/{token}``), never the path as
    requested: tokens and ids live in paths. ``unmatched`` before routing or when no route
    matched."""
    route = scope.get("route")
    if route is None:
        return "unmatched"
    app = scope.get("app")
    templates = _TEMPLATES.get(app) if app is not None else None
    if templates is None:
        templates = {
            id(context.original_route): str(context.path)
            for context in iter_route_contexts(getattr(app, "routes", []))
        }
        if app is not None:
            _TEMPLATES[app] = templates
    return templates.get(id(route)) or str(route.path)


class RequestContextMiddleware:
    """Gives every request an id (kept from a well-formed ``X-Request-ID``), echoes it in the
    response, binds it to the logs, and writes one access line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = b""
        for name, value in scope["headers"]:  # the last one wins, as in a dict of them
            if name == b"x-request-id":
                incoming = value
        given = incoming.decode("latin-1")
        # 128 random bits in hex, as a uuid4's hex but without building a UUID per request.
        request_id = given if _REQUEST_ID.match(given) else secrets.token_hex(16)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"].append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_line(
                request_id,
                scope["method"],
                route_template(scope),
                status,
                round((time.perf_counter() - started) * 1000, 1),
            )

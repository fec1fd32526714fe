"""Request bodies capped by route, while they are read.

A route's own size check comes too late: by then the framework has read the whole body (a
multipart upload is spooled to disk), and an unauthenticated webhook has taken it all in
before its signature is checked. This middleware counts the bytes as the application reads
them and answers 413 the moment a body passes its route's cap; a ``Content-Length`` above the
cap is refused before a byte is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from doorstep.core.errors import PROBLEM_BASE, PROBLEM_MEDIA_TYPE

# JSON bodies: the longest accepted text fields are a few thousand characters, and lists are
# short; 256 KiB is far above any valid request and far below what costs the server anything.
DEFAULT_MAX_BODY_BYTES = 256 * 1024


class _BodyTooLarge(Exception):
    """Raised into the application's read of the body once it passed the cap."""


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length before we see it
    return None


async def _refuse(send: Send, max_bytes: int) -> None:
    body = json.dumps(
        {
            "type": PROBLEM_BASE + "body-too-large",
            "title": "The request body is too large",
            "status": 413,
            "detail": f"This route accepts at most {max_bytes} bytes.",
            "errors": [],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                # The rest of the body is never read: the connection cannot be reused.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _template_pattern(template: str) -> re.Pattern[str]:
    """A route template's paths: each ``{name}`` matches one segment, the rest as written."""
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile(
        "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    )


class BodyLimitMiddleware:
    """Caps each request's body at its route's limit (``limits``, by method and path), else at
    ``default_max_bytes``. A path may be a route's template (``/tasks/{task_id}/document``):
    each ``{name}`` stands for one path segment."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limits: Mapping[tuple[str, str], int],
        default_max_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.limits = {key: cap for key, cap in limits.items() if "{" not in key[1]}
        self.templates = [
            (method, _template_pattern(path), cap)
            for (method, path), cap in limits.items()
            if "{" in path
        ]
        self.default_max_bytes = default_max_bytes

    def max_bytes(self, method: str, path: str) -> int:
        path = path.rstrip("/") or "/"
        exact = self.limits.get((method, path))
        if exact is not None:
            return exact
        for template_method, pattern, cap in self.templates:
            if template_method == method and pattern.fullmatch(path):
                return cap
        return self.default_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.max_bytes(scope["method"], scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > max_bytes:
            await _refuse(send, max_bytes)
            return
        received = 0
        refused = False
        response_started = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    if not response_started:
                        await _refuse(send, max_bytes)
                    refused = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return  # the application's answer to a read that failed: we answered already
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            # The application may let the failed read escape, or turn it into its own error
            # (FastAPI answers 400 to a body it could not read); either way the 413 stands.
            if not refused:
                raise

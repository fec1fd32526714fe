"""JSON responses gzipped for clients that accept it, above a size.

Only whole JSON bodies are compressed: a streamed body (the CSV exports) goes out as it is
produced, a body that already has a ``Content-Encoding`` (the precompressed front-end files) is
left alone, and other types are left alone too (uploaded proofs and generated PDFs are
compressed formats already; gzipping them again costs CPU for nothing). Starlette's
``GZipMiddleware`` compresses every type and streams, which is why this is not it.
"""

from __future__ import annotations

import gzip

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Below this, a compressed body saves less than the work of compressing and decoding it costs;
# most single-record reads are smaller, lists of a page are several times larger.
MINIMUM_COMPRESSED_BYTES = 1400
# JSON compresses 5-10x already at a low level; higher levels buy a few percent for several
# times the CPU, on the API's one busy core.
COMPRESS_LEVEL = 4


def accepts_encoding(accept_encoding: str, coding: str) -> bool:
    """Whether an ``Accept-Encoding`` header allows a content coding (RFC 9110 §12.5.3).

    The coding named with a quality above 0, or ``*`` above 0 when the coding is not named.
    """
    wildcard = False
    for item in accept_encoding.split(","):
        name, _, parameters = item.partition(";")
        name = name.strip().lower()
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        if name == coding:
            return quality > 0
        if name == "*":
            wildcard = quality > 0
    return wildcard


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


class JsonCompressionMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        minimum_size: int = MINIMUM_COMPRESSED_BYTES,
        level: int = COMPRESS_LEVEL,
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.level = level

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gzip_accepted = accepts_encoding(Headers(scope=scope).get("accept-encoding", ""), "gzip")
        start: Message | None = None
        passing_through = False

        async def send_compressed(message: Message) -> None:
            nonlocal start, passing_through
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                if not _is_json(headers.get("content-type", "")) or "content-encoding" in headers:
                    passing_through = True
                    await send(message)
                else:
                    # Held back until the body shows whether it is whole and large enough.
                    start = message
                    MutableHeaders(raw=start["headers"]).add_vary_header("Accept-Encoding")
                return
            if passing_through or message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body: bytes = message.get("body", b"")
            if (
                message.get("more_body", False)
                or not gzip_accepted
                or len(body) < self.minimum_size
            ):
                passing_through = True
                await send(start)
                await send(message)
                return
            compressed = gzip.compress(body, compresslevel=self.level, mtime=0)
            headers = MutableHeaders(raw=start["headers"])
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(compressed))
            await send(start)
            await send({"type": "http.response.body", "body": compressed})

        await self.app(scope, receive, send_compressed)

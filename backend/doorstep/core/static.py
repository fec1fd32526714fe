"""Serves the built front ends: the tenant PWA at /portal/ and the agency SPA at /agency/.

Unknown paths under an app fall back to its index.html so client-side routes survive a reload.
Hashed assets are cached for a year; the shell, manifest and service worker are revalidated so
an update reaches users.

The build writes a brotli (``.br``) and a gzip (``.gz``) copy next to each compressible file
(web-shared/scripts/precompress.mjs); the copy the client accepts is sent as it is, with
``Content-Encoding`` and ``Vary: Accept-Encoding`` so caches keep one version per encoding.
Source maps are never served: they would publish the whole source to anyone.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from doorstep.core.compression import accepts_encoding

_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "no-cache"

# The encodings the build precompresses, in the server's order of preference, with the suffix of
# their copies.
_PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
_SOURCE_MAP = ".map"

_MISSING = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Doorstep</title>
<body><h1>{name} is not built</h1><p>Run <code>make run</code> (or <code>npm run build</code>
in <code>{folder}</code>).</p></body></html>"""


def _file_response(request: Request, file: Path, cache_control: str) -> FileResponse:
    """``file``, or the precompressed copy of it the client accepts."""
    headers = {"Cache-Control": cache_control}
    copies = [(coding, file.with_name(file.name + suffix)) for coding, suffix in _PRECOMPRESSED]
    available = [(coding, copy) for coding, copy in copies if copy.is_file()]
    if not available:
        return FileResponse(file, headers=headers)
    # The response differs by Accept-Encoding whichever version this client gets.
    headers["Vary"] = "Accept-Encoding"
    accept_encoding = request.headers.get("accept-encoding", "")
    # The type of the original, not of the copy (which would be application/gzip); FileResponse
    # would guess the same for the original, and adds the charset to text types.
    media_type = mimetypes.guess_type(file.name)[0] or "text/plain"
    for coding, copy in available:
        if accepts_encoding(accept_encoding, coding):
            headers["Content-Encoding"] = coding
            return FileResponse(copy, headers=headers, media_type=media_type)
    return FileResponse(file, headers=headers, media_type=media_type)


def mount_front_end(app: FastAPI, prefix: str, dist: Path, name: str, folder: str) -> None:
    root = dist.resolve()

    @app.get(prefix, include_in_schema=False)
    async def redirect_to_slash() -> RedirectResponse:
        return RedirectResponse(prefix + "/")

    @app.get(prefix + "/{path:path}", include_in_schema=False, response_model=None)
    async def serve(path: str, request: Request) -> FileResponse | HTMLResponse:
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(_MISSING.format(name=name, folder=folder), status_code=503)
        if path.endswith(_SOURCE_MAP):
            raise HTTPException(status_code=404, detail="Not found")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = _IMMUTABLE if candidate.parent.name == "assets" else _REVALIDATE
            return _file_response(request, candidate, cache)
        if Path(path).suffix and not path.endswith(".html"):
            # A missing file with an extension is a real 404, not a client-side route.
            raise HTTPException(status_code=404, detail="Not found")
        return _file_response(request, index, _REVALIDATE)

"""Serves the built front ends: the tenant PWA at /portal/ and the agency SPA at /agency/.

Unknown paths under an app fall back to its index.html so client-side routes survive a reload.
Hashed assets are cached for a year; the shell, manifest and service worker are revalidated so
an update reaches users.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "no-cache"

_MISSING = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Doorstep</title>
<body><h1>{name} is not built</h1><p>Run <code>make run</code> (or <code>npm run build</code>
in <code>{folder}</code>).</p></body></html>"""


def mount_front_end(app: FastAPI, prefix: str, dist: Path, name: str, folder: str) -> None:
    root = dist.resolve()

    @app.get(prefix, include_in_schema=False)
    async def redirect_to_slash() -> RedirectResponse:
        return RedirectResponse(prefix + "/")

    @app.get(prefix + "/{path:path}", include_in_schema=False, response_model=None)
    async def serve(path: str) -> FileResponse | HTMLResponse:
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(_MISSING.format(name=name, folder=folder), status_code=503)
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = _IMMUTABLE if candidate.parent.name == "assets" else _REVALIDATE
            return FileResponse(candidate, headers={"Cache-Control": cache})
        if Path(path).suffix and not path.endswith(".html"):
            # A missing file with an extension is a real 404, not a client-side route.
            raise HTTPException(status_code=404, detail="Not found")
        return FileResponse(index, headers={"Cache-Control": _REVALIDATE})

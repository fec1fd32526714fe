"""The interactive API documentation at /docs (Swagger UI) under a strict CSP.

FastAPI's page loads Swagger UI's script and style from cdn.jsdelivr.net and its icon from
fastapi.tiangolo.com, and starts it with one inline script. That script is allowed by its hash,
not by ``'unsafe-inline'``: nothing else inline may run on the page that holds a bearer token.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from doorstep.core.security_headers import origin, policy

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_SCRIPT_FROM = re.compile(r'<script src="(https://[^"]+)"')
_LINK = re.compile(r"<link ([^>]*)>")
_HREF = re.compile(r'href="(https://[^"]+)"')


def _origins(urls: list[str]) -> list[str]:
    return sorted({o for url in urls if (o := origin(url))})


def docs_page(openapi_url: str, title: str) -> tuple[bytes, str]:
    """Swagger UI's page and the CSP that lets exactly it run."""
    page = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=title,
        # No badge image from validator.swagger.io, which would also be sent our document.
        swagger_ui_parameters={"validatorUrl": None},
    ).body
    text = bytes(page).decode()
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(text)
    ]
    scripts = _origins(_SCRIPT_FROM.findall(text))
    links = [(attributes, _HREF.search(attributes)) for attributes in _LINK.findall(text)]
    styles = _origins([h[1] for a, h in links if h and 'rel="stylesheet"' in a])
    icons = _origins([h[1] for a, h in links if h and 'rel="stylesheet"' not in a])
    csp = policy(
        {
            "default-src": ["'none'"],
            "script-src": [*scripts, *hashes],
            # Swagger UI sets inline styles on the elements it draws.
            "style-src": [*styles, "'unsafe-inline'"],
            "img-src": ["'self'", "data:", *icons],
            "connect-src": ["'self'"],  # the document and "Try it out"
            "base-uri": ["'none'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    )
    return bytes(page), csp


def mount_api_docs(app: FastAPI, path: str, openapi_url: str) -> None:
    page, csp = docs_page(openapi_url, f"{app.title} - Swagger UI")

    @app.get(path, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})

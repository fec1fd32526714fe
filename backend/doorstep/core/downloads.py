"""The ``Content-Disposition`` of every file the API hands out (RFC 6266).

The served name is the server's choice: a name a person gave (a tenant's upload) is only a
suggestion for the stem, the extension comes from what the file really is, and nothing in the
name can end the header's value or add a parameter to it. Browsers get two spellings: an
ASCII ``filename="…"`` every client reads, and the full name as RFC 5987 ``filename*=UTF-8''…``,
which current browsers prefer. Header values are latin-1 on the wire, so a name like
``证明.pdf`` never reaches the header raw.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

# Control characters, path separators and what quoting or a parameter list would read as
# syntax; the rest of Unicode is fine once percent-encoded.
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f/\\";:*?<>|]+')
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._ -]+")
_EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")
MAX_STEM_CHARACTERS = 120


def _stem(name: str) -> str:
    """The name without its last extension, path or unsafe characters, dots trimmed off its
    ends (no hidden files, no name made only of dots)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base else base
    cleaned = " ".join(_UNSAFE_IN_NAME.sub(" ", base).split())
    return cleaned.strip(". ")[:MAX_STEM_CHARACTERS].strip(". ")


def _ascii_stem(stem: str) -> str:
    # Accents fall back to their base letter (reçu → recu); other scripts have no ASCII
    # spelling and leave the default name.
    decomposed = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    underscored = _NOT_PLAIN_ASCII.sub("_", decomposed)
    return " ".join(underscored.split()).strip("._ ")


def attachment(name: str | None, *, extension: str, default_stem: str) -> str:
    """``attachment; filename="…"; filename*=UTF-8''…`` for a file offered as ``name``.

    ``extension`` is what the server knows the file to be (``pdf`` for a PDF, whatever the name
    says); ``default_stem`` names a file whose name leaves nothing usable (``transfer-proof``).
    """
    if not _EXTENSION.match(extension):
        raise ValueError(f"not a file extension: {extension!r}")
    if _ascii_stem(default_stem) != default_stem:
        raise ValueError(f"the default name must be plain ASCII: {default_stem!r}")
    stem = _stem(name or "") or default_stem
    ascii_stem = _ascii_stem(stem) or default_stem
    full_name = f"{stem}.{extension}"
    return (
        f'attachment; filename="{ascii_stem}.{extension}"; '
        f"filename*=UTF-8''{quote(full_name, safe='')}"
    )


def uploaded_file_headers(name: str | None, *, extension: str, default_stem: str) -> dict[str, str]:
    """The headers of a file someone uploaded: always an attachment, never sniffed, sandboxed,
    never cached, so that it cannot run in our origin."""
    return {
        "Content-Disposition": attachment(name, extension=extension, default_stem=default_stem),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }


def uploaded_file_openapi(content_types: Iterable[str], description: str) -> dict[int | str, Any]:
    """The documented 200 of a route answering with an uploaded file."""
    return {
        200: {
            "description": description,
            "content": {
                content_type: {"schema": {"type": "string", "format": "binary"}}
                for content_type in content_types
            },
            "headers": {
                "Content-Disposition": {
                    "description": "attachment, with the file's name as plain ASCII (`filename`) "
                    "and in full (`filename*`, RFC 5987)",
                    "schema": {"type": "string"},
                }
            },
        }
    }

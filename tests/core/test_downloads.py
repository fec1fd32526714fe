"""The Content-Disposition of downloads: the server's name, safe in both spellings."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from doorstep.core.downloads import attachment

_PARAMETERS = re.compile(
    r"^attachment; filename=\"([^\"\\\\]*)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)$"
)


def _parsed(disposition: str) -> tuple[str, str]:
    """The full name (RFC 5987, percent-encoded UTF-8) and the plain ASCII one; the pattern
    admits no other parameter, quote or escape."""
    match = _PARAMETERS.match(disposition)
    assert match is not None, disposition
    return unquote(match[2], errors="strict"), match[1]


@pytest.mark.parametrize(
    ("offered", "served", "ascii_fallback"),
    [
        ("confirmation.pdf", "confirmation.pdf", "confirmation.pdf"),
        ('bank-proof.bat"; x=".pdf', "bank-proof.bat x=.pdf", "bank-proof.bat x.pdf"),
        ("证明.pdf", "证明.pdf", "proof.pdf"),
        ("reçu.exe", "reçu.pdf", "recu.pdf"),
        ("../../etc/passwd", "passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\scan.pdf", "scan.pdf", "scan.pdf"),
        ("...", "proof.pdf", "proof.pdf"),
        (".bashrc", "proof.pdf", "proof.pdf"),
        ("line\r\nSet-Cookie: x=1.pdf", "line Set-Cookie x=1.pdf", "line Set-Cookie x_1.pdf"),
        (None, "proof.pdf", "proof.pdf"),
        ("x" * 500 + ".pdf", "x" * 120 + ".pdf", "x" * 120 + ".pdf"),
    ],
)
def test_the_served_name_keeps_the_servers_extension_and_cannot_break_the_header(
    offered: str | None, served: str, ascii_fallback: str
) -> None:
    disposition = attachment(offered, extension="pdf", default_stem="proof")

    disposition.encode("latin-1")  # a header value: never a 500 when it is sent
    assert disposition.startswith("attachment; ")
    assert _parsed(disposition) == (served, ascii_fallback)


def test_a_default_name_or_extension_that_is_not_plain_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="extension"):
        attachment("a.pdf", extension='pdf"', default_stem="proof")
    with pytest.raises(ValueError, match="ASCII"):
        attachment("a.pdf", extension="pdf", default_stem="reçu")

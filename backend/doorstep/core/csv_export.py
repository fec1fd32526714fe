"""Lists handed out as CSV files for spreadsheets.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and some
also after a tab or carriage return). Bank references, counterparties and names can be anything
a payer typed — imported bank lines are stored verbatim — so every text cell that begins with
one of those is prefixed with ``'``, which spreadsheets show as text (OWASP's "CSV injection").
Numbers the API writes itself (amounts as decimals, dates) are not text and stay as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi.responses import StreamingResponse

from doorstep.core.downloads import attachment
from doorstep.core.schemas import minor_unit_digits

CSV = "text/csv"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows per chunk written to the response.
_CHUNK_ROWS = 200

Cell = str | int | Decimal | date | None


def safe_text(value: str) -> str:
    """The text as a spreadsheet will show it, never run it."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def decimal_amount(amount: int, currency: str) -> Decimal:
    """Minor units as a decimal a spreadsheet sums (12345 EUR → 123.45)."""
    return Decimal(amount).scaleb(-minor_unit_digits(currency))


def _chunks(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # A byte-order mark: spreadsheets then read the file as UTF-8 (names with accents).
    buffer.write("\ufeff")
    writer.writerow([safe_text(name) for name in header])
    for count, row in enumerate(rows, start=1):
        writer.writerow([_cell(value) for value in row])
        if count % _CHUNK_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def csv_response(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], *, file_stem: str
) -> StreamingResponse:
    """The rows as a CSV attachment named ``<file_stem>.csv``, streamed a chunk at a time."""
    return StreamingResponse(
        _chunks(header, rows),
        media_type=f"{CSV}; charset=utf-8",
        headers={
            "Content-Disposition": attachment(file_stem, extension="csv", default_stem="export"),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The filtered rows as a CSV file (UTF-8 with a byte-order mark).",
        "content": {CSV: {"schema": {"type": "string"}}},
        "headers": {
            "Content-Disposition": {
                "description": "attachment, with a file name such as invoices-2026-11-23.csv",
                "schema": {"type": "string"},
            }
        },
    }
}

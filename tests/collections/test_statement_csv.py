"""Reading bank statements as banks export them, and refusing what cannot be read with the
line it is on."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from doorstep.collections.statement_csv import (
    ParsedLine,
    StatementUnreadable,
    parse_amount,
    parse_statement,
)


def parse(text: str | bytes, *, month_first: bool = False) -> list[ParsedLine]:
    data = text.encode() if isinstance(text, str) else text
    return parse_statement(data, currency_digits=2, month_first=month_first).lines


def test_a_european_export_with_bom_semicolons_and_decimal_commas() -> None:
    data = codecs.BOM_UTF8 + (
        b"Date;Amount;Reference;Counterparty\r\n"
        b"20/11/2026;1.234,56;Rent INV 12;Ann Archer\r\n"
        b'21.11.2026;"-45,00";Bank fees;"KBC; Brussels"\r\n'
        b"\r\n"
        b"22-11-2026;950;  Invoice   13  ;  Bob Baker \r\n"
    )

    assert parse(data) == [
        ParsedLine(2, date(2026, 11, 20), 123_456, "Rent INV 12", "Ann Archer"),
        ParsedLine(3, date(2026, 11, 21), -4_500, "Bank fees", "KBC; Brussels"),
        ParsedLine(5, date(2026, 11, 22), 95_000, "Invoice 13", "Bob Baker"),
    ]


def test_headers_in_any_case_order_and_with_synonyms_commas_and_iso_dates() -> None:
    lines = parse(
        "COUNTERPARTY,Booking Date,Description,AMOUNT\n"
        'Ann Archer,2026-11-20T10:15:00,"Rent, November","1,234.56"\n'
        "Bob Baker,2026-11-21,Deposit,(100.00)\n"
    )
    assert [(line.booked_on, line.amount, line.reference, line.counterparty) for line in lines] == [
        (date(2026, 11, 20), 123_456, "Rent, November", "Ann Archer"),
        (date(2026, 11, 21), -10_000, "Deposit", "Bob Baker"),
    ]


def test_windows_1252_tabs_month_first_and_optional_columns() -> None:
    data = (
        "date\tamount\treference\n11/20/2026\t€ 12,50\tLoyer novembre \N{EN DASH} appt 2\n".encode(
            "cp1252"
        )
    )
    (line,) = parse(data, month_first=True)
    assert (line.booked_on, line.amount, line.reference, line.counterparty) == (
        date(2026, 11, 20),
        1_250,
        "Loyer novembre \N{EN DASH} appt 2",
        "",
    )


def test_zero_amounts_and_blank_rows_are_skipped() -> None:
    parsed = parse_statement(
        b"date,amount,reference\n2026-11-20,0.00,nothing\n,,\n2026-11-21,1.00,x\n",
        currency_digits=2,
        month_first=False,
    )
    assert (len(parsed.lines), parsed.skipped) == (1, 1)


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("1.234,56", 123_456),
        ("1,234.56", 123_456),
        ("1 234,56", 123_456),
        ("1'234.56", 123_456),
        ("-12,5", -1_250),
        ("12.00-", -1_200),
        ("+950,00", 95_000),
        ("EUR 950.00", 95_000),
        ("950.00 DR", -95_000),
        ("1,234", 123_400),  # three digits after a lone separator: thousands, in EUR
        ("1.234.567", 123_456_700),
        ("0,50", 50),
    ],
)
def test_amounts(text: str, minor: int) -> None:
    assert parse_amount(text, 2) == minor


def test_amounts_in_a_currency_without_decimals() -> None:
    assert parse_amount("12.345", 0) == 12_345
    assert parse_amount("1,234", 3) == 1_234


@pytest.mark.parametrize(
    ("row", "field", "fragment"),
    [
        ("2026-11-20;12,3,4;x;y", "file.line 3.amount", "misplaced thousands"),
        ("2026-11-20;,50;x;y", "file.line 3.amount", "not an amount"),
        ("2026-11-20;1e5;x;y", "file.line 3.amount", "not an amount"),
        ("2026-11-20;12,555;x;y", None, None),
        ("31/02/2026;12,00;x;y", "file.line 3.date", "not a calendar date"),
        ("yesterday;12,00;x;y", "file.line 3.date", "not a date"),
        ("2026-11-20", "file.line 3.amount", "missing"),
        ("2026-11-20;12,0001;x;y", "file.line 3.amount", "more decimals"),
        ("2026-11-20;12,00;" + "x" * 501 + ";y", "file.line 3.reference", "longer than"),
    ],
)
def test_a_bad_row_is_refused_naming_its_line(
    row: str, field: str | None, fragment: str | None
) -> None:
    data = f"date;amount;reference;counterparty\n2026-11-19;1,00;ok;ok\n{row}\n".encode()
    if field is None:
        parse(data)  # readable after all
        return
    with pytest.raises(StatementUnreadable) as refused:
        parse(data)
    assert refused.value.errors[0].field == field
    assert refused.value.detail is not None
    assert refused.value.detail.startswith("Line 3, ")
    if fragment:
        assert fragment in refused.value.errors[0].message


def test_every_bad_row_is_listed() -> None:
    data = b"date,amount\n2026-11-20,abc\n2026-11-21,1.00\n2026-13-01,2.00\n"
    with pytest.raises(StatementUnreadable) as refused:
        parse(data)
    assert [e.field for e in refused.value.errors] == ["file.line 2.amount", "file.line 4.date"]
    assert "(2 lines have problems)" in (refused.value.detail or "")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"when,how much\n2026-11-20,1.00\n",
        b"date,amount\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        codecs.BOM_UTF16_LE + b"\x00\xd8",
    ],
)
def test_files_that_are_not_statements(data: bytes) -> None:
    with pytest.raises(StatementUnreadable):
        parse(data)

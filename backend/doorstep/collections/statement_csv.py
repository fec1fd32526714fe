"""Reading a bank statement exported as CSV, the way banks actually export it.

Columns are found by their header, in any case and order: ``date``, ``amount``, ``reference``
and ``counterparty`` (with a few common synonyms). Tolerated: a byte-order mark, UTF-8 or
Windows-1252 text, ``;``, ``,`` or tab delimiters, decimal comma or point, thousands
separators (``.``, ``,``, space, apostrophe), currency signs, a trailing minus or parentheses
for negative amounts, dates as ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD.MM.YYYY`` or ``DD-MM-YYYY``
(month first for agencies whose locale writes it so), with or without a time. Blank rows and
zero amounts are skipped. Anything else is refused with the line it is on, so the person
importing can fix the file; nothing of a refused file is kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from doorstep.core.errors import AppError, FieldProblem
from doorstep.core.schemas import EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT_MINOR

MAX_LINES = 20_000
MAX_REFERENCE = 500
MAX_COUNTERPARTY = 300
# A refusal lists at most this many problems: enough to see a pattern, short enough to read.
MAX_REPORTED = 20

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "booking date",
        "booked on",
        "transaction date",
        "value date",
        "datum",
        "boekingsdatum",
        "date comptable",
        "date operation",
        "date d'opération",
    ),
    "amount": ("amount", "montant", "bedrag", "betrag", "value", "amount (eur)"),
    "reference": (
        "reference",
        "description",
        "communication",
        "mededeling",
        "memo",
        "details",
        "remittance information",
        "libellé",
        "libelle",
        "verwendungszweck",
    ),
    "counterparty": (
        "counterparty",
        "counterparty name",
        "name",
        "payer",
        "payer name",
        "tegenpartij",
        "naam tegenpartij",
        "contrepartie",
        "beneficiary",
        "auftraggeber",
    ),
}
REQUIRED = ("date", "amount")


class StatementUnreadable(AppError):
    status_code = 422
    slug = "statement-unreadable"
    title = "The bank statement could not be read"


@dataclass(frozen=True)
class ParsedLine:
    line_number: int
    booked_on: date
    amount: int  # signed minor units
    reference: str
    counterparty: str


@dataclass(frozen=True)
class ParsedStatement:
    lines: list[ParsedLine]
    skipped: int


def decode(data: bytes) -> str:
    """Text of the file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _unreadable("file", "The file says it is UTF-16 but is not.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise _unreadable("file", "This is not a text (CSV) file.")
    return text


def _unreadable(field: str, message: str) -> StatementUnreadable:
    return StatementUnreadable(message, errors=[FieldProblem(field=field, message=message)])


def _normalise_header(name: str) -> str:
    return " ".join(name.strip().strip('"').lower().replace("_", " ").split())


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_statement(data: bytes, *, currency_digits: int, month_first: bool) -> ParsedStatement:
    text = decode(data)
    raw_lines = text.splitlines()
    header_index = next((i for i, line in enumerate(raw_lines) if line.strip()), None)
    if header_index is None:
        raise _unreadable("file", "The file is empty.")
    delimiter = _delimiter(raw_lines[header_index])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise _unreadable("file", f"Line {reader.line_num + 1}: {exc}.") from exc
    rows = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise _unreadable("file", "The file is empty.")
    header_line, header = rows[0]
    columns = _columns(header, header_line)
    if len(rows) - 1 > MAX_LINES:
        raise _unreadable("file", f"A statement holds at most {MAX_LINES} lines; split the file.")

    problems: list[FieldProblem] = []
    lines: list[ParsedLine] = []
    skipped = 0
    for number, row in rows[1:]:
        try:
            parsed = _line(number, row, columns, currency_digits, month_first)
        except _RowProblem as problem:
            problems.append(
                FieldProblem(field=f"file.line {number}.{problem.column}", message=problem.message)
            )
            if len(problems) >= MAX_REPORTED:
                break
            continue
        if parsed is None:
            skipped += 1
        else:
            lines.append(parsed)
    if problems:
        first = problems[0]
        more = f" ({len(problems)} lines have problems)" if len(problems) > 1 else ""
        raise StatementUnreadable(f"{_where(first.field)}: {first.message}{more}", errors=problems)
    if not lines:
        raise _unreadable("file", "The file has no transactions.")
    return ParsedStatement(lines=lines, skipped=skipped)


def _where(field: str) -> str:
    # "file.line 7.amount" -> "Line 7, amount"
    _, line, column = field.split(".", 2)
    return f"{line.capitalize()}, {column}"


def _columns(header: list[str], header_line: int) -> dict[str, int]:
    names = [_normalise_header(cell) for cell in header]
    found: dict[str, int] = {}
    for key, synonyms in COLUMN_NAMES.items():
        for index, name in enumerate(names):
            if name in synonyms:
                found.setdefault(key, index)
                break
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        wanted = ", ".join(missing)
        raise _unreadable(
            f"file.line {header_line}",
            f"Line {header_line} must be a header naming the columns date, amount, reference "
            f"and counterparty; {wanted} not found (columns: {', '.join(names)[:200]}).",
        )
    return found


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _cell(row: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None:
        return ""
    if index >= len(row):
        if key in REQUIRED:
            raise _RowProblem(key, f"The row has {len(row)} columns; {key} is missing.")
        return ""
    return row[index].strip()


def _line(
    number: int,
    row: list[str],
    columns: dict[str, int],
    currency_digits: int,
    month_first: bool,
) -> ParsedLine | None:
    booked_on = parse_date(_cell(row, columns, "date"), month_first)
    amount = parse_amount(_cell(row, columns, "amount"), currency_digits)
    reference = " ".join(_cell(row, columns, "reference").split())
    counterparty = " ".join(_cell(row, columns, "counterparty").split())
    if len(reference) > MAX_REFERENCE:
        raise _RowProblem("reference", f"The reference is longer than {MAX_REFERENCE} characters.")
    if len(counterparty) > MAX_COUNTERPARTY:
        raise _RowProblem(
            "counterparty", f"The counterparty is longer than {MAX_COUNTERPARTY} characters."
        )
    if amount == 0:
        return None
    return ParsedLine(number, booked_on, amount, reference, counterparty)


_DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("a", "b", "y")),
)


def parse_date(value: str, month_first: bool = False) -> date:
    """A booking date; a time after it (``T10:00`` or `` 10:00:00``) is ignored."""
    text = re.split(r"[T ]", value.strip(), maxsplit=1)[0]
    if not text:
        raise _RowProblem("date", "The date is empty.")
    for pattern, parts in _DATE_FORMATS:
        match = pattern.match(text)
        if match is None:
            continue
        values = dict(zip(parts, (int(group) for group in match.groups()), strict=True))
        if "a" in values:
            day, month = (values["b"], values["a"]) if month_first else (values["a"], values["b"])
        else:
            day, month = values["d"], values["m"]
        try:
            parsed = date(values["y"], month, day)
        except ValueError as exc:
            raise _RowProblem("date", f"'{value}' is not a calendar date.") from exc
        if not EARLIEST_DATE <= parsed <= LATEST_DATE:
            raise _RowProblem("date", f"'{value}' is outside the years Doorstep accepts.")
        return parsed
    raise _RowProblem("date", f"'{value[:40]}' is not a date (write YYYY-MM-DD or DD/MM/YYYY).")


_SIGNS = "+-\u2212"
_CURRENCY_SIGNS = re.compile(r"[€$£¥\s\u00a0\u202f']")
_CODE = re.compile(r"^([A-Z]{3})?([^A-Z]*?)([A-Z]{2,3})?$")


def parse_amount(value: str, digits: int) -> int:
    """Signed minor units from what a bank writes: ``1.234,56``, ``1,234.56``, ``-12,5``,
    ``12.00-``, ``(12.00)``, ``€ 1 234,56``, ``EUR 1'234.56``, ``12.00 DR``."""
    text = value.strip()
    if not text:
        raise _RowProblem("amount", "The amount is empty.")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    # Currency signs, and the spaces and apostrophes used between thousands.
    text = _CURRENCY_SIGNS.sub("", text).upper()
    # A currency code before or after the number, and CR/DR markers after it.
    code = _CODE.match(text)
    if code is None:
        raise _RowProblem("amount", f"'{value[:40]}' is not an amount.")
    text = code.group(2)
    negative = negative or code.group(3) == "DR"
    if text and text[-1] in _SIGNS:
        negative, text = negative or text[-1] != "+", text[:-1]
    if text and text[0] in _SIGNS:
        negative, text = negative or text[0] != "+", text[1:]
    if not text or not re.fullmatch(r"[0-9.,]+", text) or not text[0].isdigit():
        raise _RowProblem("amount", f"'{value[:40]}' is not an amount.")
    whole, fraction = _split_decimal(text, digits, value)
    if not whole.isdigit():
        raise _RowProblem("amount", f"'{value[:40]}' is not an amount.")
    if len(fraction.rstrip("0")) > digits:
        raise _RowProblem(
            "amount", f"'{value[:40]}' has more decimals than the currency's {digits}."
        )
    minor = int(Decimal(f"{whole}.{fraction or '0'}").scaleb(digits))
    if minor > MAX_AMOUNT_MINOR:
        raise _RowProblem("amount", f"'{value[:40]}' is larger than any rent payment.")
    return -minor if negative else minor


def _split_decimal(text: str, digits: int, original: str) -> tuple[str, str]:
    """Which of ``.`` and ``,`` is the decimal separator: the last one when both appear; a
    lone one followed by exactly three digits in a currency with fewer decimals groups
    thousands; a repeated one always does."""
    last_point, last_comma = text.rfind("."), text.rfind(",")
    if last_point >= 0 and last_comma >= 0:
        decimal_mark = "." if last_point > last_comma else ","
        thousands = "," if decimal_mark == "." else "."
    else:
        mark = "." if last_point >= 0 else "," if last_comma >= 0 else None
        if mark is None:
            return text, ""
        after = text.rsplit(mark, 1)[1]
        if text.count(mark) > 1 or (len(after) == 3 and digits < 3):
            return _grouped(text.replace(mark, " "), original), ""
        decimal_mark, thousands = mark, "," if mark == "." else "."
    whole, _, fraction = text.rpartition(decimal_mark)
    if decimal_mark in whole or not fraction.isdigit():
        raise _RowProblem("amount", f"'{original[:40]}' is not an amount.")
    return _grouped(whole.replace(thousands, " "), original), fraction


def _grouped(text: str, original: str) -> str:
    groups = text.split(" ")
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    ):
        raise _RowProblem("amount", f"'{original[:40]}' has misplaced thousands separators.")
    return "".join(groups)

"""Base pydantic models and the validated value types shared by every module's schemas."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import phonenumbers
from babel.numbers import get_currency_precision, list_currencies
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
)

# PostgreSQL text cannot hold NUL, and control characters have no place in names or addresses.
_NO_CONTROL_CHARS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"

# Calendar dates outside this range are typing mistakes, and keep date arithmetic in range.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

# Ten billion in major units: far above any rent, far below PostgreSQL's bigint.
MAX_AMOUNT_MINOR = 10**12


class RequestModel(BaseModel):
    """Request bodies refuse unknown fields, so `agency_id` or `role` can never be smuggled in.
    Booleans and amounts are strict (`Flag`, `AmountMinor`): `0` is not `false`, `"12"` not 12."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


Flag = Annotated[bool, Field(strict=True)]


def _strip_text(value: str) -> str:
    return value.strip()


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=_NO_CONTROL_CHARS),
    AfterValidator(_strip_text),
]
LongText = Annotated[str, StringConstraints(max_length=5000, pattern=_NO_CONTROL_CHARS)]
SearchText = Annotated[str, StringConstraints(max_length=100, pattern=_NO_CONTROL_CHARS)]


def _normalise_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


Email = Annotated[EmailStr, Field(max_length=254), AfterValidator(_normalise_email)]


def _to_e164(value: str) -> str:
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(
            "Enter the phone number in international form, starting with + and the country code."
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("This phone number does not exist.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[
    str,
    StringConstraints(max_length=32, pattern=_NO_CONTROL_CHARS),
    AfterValidator(_to_e164),
    Field(description="International form; stored and returned in E.164, e.g. `+32470123456`."),
]


def _check_currency(value: str) -> str:
    if value not in _KNOWN_CURRENCIES:
        raise ValueError(f"'{value}' is not an ISO 4217 currency code.")
    return value


_KNOWN_CURRENCIES = frozenset(list_currencies())

CurrencyCode = Annotated[
    str,
    StringConstraints(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$"),
    AfterValidator(_check_currency),
]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: object) -> object:
    # Pydantic would also read 0 or "1700000000" as a Unix time; a calendar date is YYYY-MM-DD.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("Dates are written YYYY-MM-DD.")
    return value


def _check_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"Dates must lie between {EARLIEST_DATE} and {LATEST_DATE}.")
    return value


CalendarDate = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_check_date)]


def minor_unit_digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def _check_country(value: str) -> str:
    if value not in _COUNTRIES:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code.")
    return value


_COUNTRIES = frozenset(
    code for code in phonenumbers.SUPPORTED_REGIONS if len(code) == 2 and code.isalpha()
)

CountryCode = Annotated[
    str,
    StringConstraints(min_length=2, max_length=2, pattern=r"^[A-Z]{2}$"),
    AfterValidator(_check_country),
]


def _check_locale(value: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"'{value}' is not a known locale, e.g. 'en-GB' or 'fr-BE'.") from exc
    return "-".join(part for part in (locale.language, locale.territory) if part)


LocaleTag = Annotated[
    str,
    StringConstraints(
        min_length=2, max_length=20, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
    ),
    AfterValidator(_check_locale),
]


def _check_timezone(value: str) -> str:
    from zoneinfo import available_timezones

    if value not in available_timezones():
        raise ValueError(f"'{value}' is not an IANA timezone, e.g. 'Europe/Brussels'.")
    return value


TimezoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$"),
    AfterValidator(_check_timezone),
]

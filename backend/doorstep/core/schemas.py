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
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

from doorstep.core.phones import PhoneNumberRefused, to_e164

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


_EMAIL_MAX_LENGTH = 254


def _email_error(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    # The e-mail validator's own text ("The part after the @-sign is not valid...") is for
    # developers; the answer names one code and one plain sentence.
    try:
        return handler(value)
    except ValidationError as exc:
        if isinstance(value, str) and len(value) > _EMAIL_MAX_LENGTH:
            raise PydanticCustomError("too_long", "This e-mail address is too long.") from exc
        raise PydanticCustomError(
            "email_invalid", "Enter an e-mail address such as name@example.com."
        ) from exc


Email = Annotated[
    EmailStr,
    Field(max_length=_EMAIL_MAX_LENGTH),
    WrapValidator(_email_error),
    AfterValidator(_normalise_email),
]


# Digits and the marks people write phone numbers with: `+32 470 12 34 56`, `(02) 555-12.34`.
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-/\u00a0]{4,32}$")


def _check_phone(value: str) -> str:
    """A number in international form becomes E.164 here; a local one (`0470 12 34 56`) is
    only checked for its characters and read with the agency's country by the service that
    stores it (core.phones.normalise_phone), the country being the agency's, not the request's."""
    if not _PHONE_CHARACTERS.match(value) or sum(char.isdigit() for char in value) < 4:
        raise PydanticCustomError("phone_invalid", "This is not a phone number.")
    if not value.startswith("+"):
        return value
    try:
        return to_e164(value, None)
    except PhoneNumberRefused as refused:
        raise PydanticCustomError(refused.code, refused.message) from refused


Phone = Annotated[
    str,
    StringConstraints(max_length=32, pattern=_NO_CONTROL_CHARS),
    AfterValidator(_check_phone),
    Field(
        description=(
            "As people write it: with its country code (`+32 470 12 34 56`) or, for a number of "
            "the agency's country, without (`0470 12 34 56`). Stored and returned in E.164, "
            "e.g. `+32470123456`."
        )
    ),
]


def _check_currency(value: str) -> str:
    if value not in _KNOWN_CURRENCIES:
        raise PydanticCustomError(
            "currency_unknown", "'{value}' is not an ISO 4217 currency code.", {"value": value}
        )
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
        raise PydanticCustomError("date_invalid", "Dates are written YYYY-MM-DD.")
    return value


def _check_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise PydanticCustomError(
            "date_out_of_range", f"Dates must lie between {EARLIEST_DATE} and {LATEST_DATE}."
        )
    return value


CalendarDate = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_check_date)]


def minor_unit_digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def _check_country(value: str) -> str:
    if value not in _COUNTRIES:
        raise PydanticCustomError(
            "country_unknown",
            "'{value}' is not an ISO 3166-1 alpha-2 country code.",
            {"value": value},
        )
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
        raise PydanticCustomError(
            "locale_unknown",
            "'{value}' is not a known locale, e.g. 'en-GB' or 'fr-BE'.",
            {"value": value},
        ) from exc
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
        raise PydanticCustomError(
            "timezone_unknown",
            "'{value}' is not an IANA timezone, e.g. 'Europe/Brussels'.",
            {"value": value},
        )
    return value


TimezoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$"),
    AfterValidator(_check_timezone),
]

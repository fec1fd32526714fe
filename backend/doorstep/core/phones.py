"""Phone numbers: typed as people write them, stored in E.164, shown the way the agency's
country writes them.

People type the number the way they say it (`0470 12 34 56` in Belgium); a number without a
country code is read as one of the agency's country. The stored form is always E.164
(`+32470123456`). Numbers stored before this rule keep working: a value that does not parse is
shown as it was stored.
"""

from __future__ import annotations

import functools
import re

import phonenumbers

from doorstep.core.errors import InvalidInput

# The codes a refused phone number carries in a 422 (see core.errors.FieldProblem.code).
PHONE_INVALID = "phone_invalid"
PHONE_NEEDS_COUNTRY_CODE = "phone_needs_country_code"


class PhoneNumberRefused(ValueError):
    """Why a typed number was refused, as one of the codes above."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def to_e164(typed: str, default_region: str | None) -> str:
    """The number in E.164; without a leading `+` it is read as a number of `default_region`
    (an ISO 3166-1 alpha-2 code), and refused when there is none."""
    try:
        number = phonenumbers.parse(typed, default_region)
    except phonenumbers.NumberParseException as exc:
        no_country_code = not typed.lstrip().startswith("+")
        if exc.error_type == exc.INVALID_COUNTRY_CODE and no_country_code:
            raise PhoneNumberRefused(
                PHONE_NEEDS_COUNTRY_CODE,
                "Enter the phone number with its country code, starting with +.",
            ) from exc
        raise PhoneNumberRefused(PHONE_INVALID, "This is not a phone number.") from exc
    if not phonenumbers.is_valid_number(number):
        raise PhoneNumberRefused(PHONE_INVALID, "This phone number does not exist.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(field: str, typed: str | None, default_region: str | None) -> str | None:
    """`to_e164` for a request field: a refused number is a 422 naming the field and its code."""
    if typed is None:
        return None
    try:
        return to_e164(typed, default_region)
    except PhoneNumberRefused as refused:
        raise InvalidInput(field, refused.message, code=refused.code) from refused


# Bounded: a process shows the numbers of the people it serves, over and over (the portal's
# profile on every visit); parsing one costs more than the rest of reading it.
@functools.lru_cache(maxsize=8192)
def display_phone(stored: str | None, region: str) -> str | None:
    """A stored number as people of `region` write it: national format for a number of that
    country (`0470 12 34 56`), international otherwise (`+33 6 12 34 56 78`). A stored value
    that does not parse is returned unchanged."""
    if stored is None:
        return None
    try:
        number = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    own_country = phonenumbers.region_code_for_number(number) == region
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if own_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


# What a search typed as a phone number may hold besides digits: a leading `+` and the
# separators people put between groups (`0470 12 34 56`, `0470/12.34.56`, `(02) 555-12-34`).
_TYPED_AS_PHONE = re.compile(r"\+?[\d\s()./-]+")
# Fewer digits than this find nearly every number: such a search is only a name or e-mail.
PHONE_SEARCH_MIN_DIGITS = 3


def phone_search_digits(typed: str, default_region: str | None) -> list[str]:
    """The runs of digits one of which a stored number's digits contain when it matches a
    search typed as a phone number, however it is written: the digits as typed (part of a
    number: `12 34 56`, `470 12 34`, or a number stored before E.164) and, read as a number of
    `default_region` when it has no `+`, the same digits in E.164 (`0470 12` is `+3247012`, so
    it finds `+32470123456`). Empty when the search does not look like a phone number."""
    text = typed.strip()
    if not _TYPED_AS_PHONE.fullmatch(text):
        return []
    digits = re.sub(r"\D", "", text)
    if len(digits) < PHONE_SEARCH_MIN_DIGITS:
        return []
    runs = {digits}
    try:
        number = phonenumbers.parse(text, default_region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return sorted(runs)
    local = number.country_code_source == phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY
    if phonenumbers.is_valid_number(number) or not local:
        runs.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:])
    else:
        # The library keeps the trunk prefix of a number too short to be valid (`0470 12`).
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(default_region or "")
        trunk = metadata.national_prefix if metadata is not None else None
        national = digits[len(trunk) :] if trunk and digits.startswith(trunk) else digits
        runs.add(f"{number.country_code}{national}")
    return sorted(runs)

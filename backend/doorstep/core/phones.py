"""Phone numbers: typed as people write them, stored in E.164, shown the way the agency's
country writes them.

People type the number the way they say it (`0470 12 34 56` in Belgium); a number without a
country code is read as one of the agency's country. The stored form is always E.164
(`+32470123456`). Numbers stored before this rule keep working: a value that does not parse is
shown as it was stored.
"""

from __future__ import annotations

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

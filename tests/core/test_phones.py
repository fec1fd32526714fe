"""Phone numbers are read as people write them and shown as the agency's country writes them."""

from __future__ import annotations

import pytest

from doorstep.core.phones import (
    PHONE_INVALID,
    PHONE_NEEDS_COUNTRY_CODE,
    PhoneNumberRefused,
    display_phone,
    phone_search_digits,
    to_e164,
)


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("0470 12 34 56", "BE", "+32470123456"),
        ("0470/12.34.56", "BE", "+32470123456"),
        ("+32 470 12 34 56", "BE", "+32470123456"),
        ("+32 470 12 34 56", None, "+32470123456"),
        ("0032 470 12 34 56", "BE", "+32470123456"),
        ("02 555 12 34", "BE", "+3225551234"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "BE", "+33612345678"),
    ],
)
def test_typed_numbers_become_e164(typed: str, region: str | None, e164: str) -> None:
    assert to_e164(typed, region) == e164


@pytest.mark.parametrize(
    ("typed", "region", "code"),
    [
        ("0470 12 34 56", None, PHONE_NEEDS_COUNTRY_CODE),
        ("0470 12", "BE", PHONE_INVALID),
        ("+32 1", "BE", PHONE_INVALID),
        ("hello", "BE", PHONE_INVALID),
    ],
)
def test_refused_numbers_say_why(typed: str, region: str | None, code: str) -> None:
    with pytest.raises(PhoneNumberRefused) as refused:
        to_e164(typed, region)
    assert refused.value.code == code


def test_display_is_national_for_the_agency_s_country_and_international_otherwise() -> None:
    assert display_phone("+32470123456", "BE") == "0470 12 34 56"
    assert display_phone("+32470123456", "FR") == "+32 470 12 34 56"
    assert display_phone("+33612345678", "FR") == "06 12 34 56 78"
    assert display_phone(None, "BE") is None


def test_stored_values_from_before_keep_working() -> None:
    # Kept as typed by an older version: a local number still shows, anything else unchanged.
    assert display_phone("0470123456", "BE") == "0470 12 34 56"
    assert display_phone("ask at the desk", "BE") == "ask at the desk"
    assert display_phone("+32 1", "BE") == "+32 1"


@pytest.mark.parametrize(
    ("typed", "region", "runs"),
    [
        # A whole number however it is typed reaches the stored digits 32470123456.
        ("0470 12 34 56", "BE", ["0470123456", "32470123456"]),
        ("0470123456", "BE", ["0470123456", "32470123456"]),
        ("+32 470 12 34 56", "BE", ["32470123456"]),
        ("0032 470 12 34 56", "BE", ["0032470123456", "32470123456"]),
        ("0470/12.34.56", "BE", ["0470123456", "32470123456"]),
        # Part of a number: the digits as typed, and read as the start of a local number.
        ("470 12 34", "BE", ["324701234", "4701234"]),
        ("0470 12", "BE", ["047012", "3247012"]),
        # Without a country to read it in, only the digits as typed.
        ("0470 12", None, ["047012"]),
    ],
)
def test_a_search_typed_as_a_phone_number_becomes_runs_of_digits(
    typed: str, region: str | None, runs: list[str]
) -> None:
    assert phone_search_digits(typed, region) == runs


@pytest.mark.parametrize("typed", ["ann", "ann@example.com", "flat 12", "12", "+3", "- -", ""])
def test_names_and_short_numbers_are_not_phone_searches(typed: str) -> None:
    assert phone_search_digits(typed, "BE") == []

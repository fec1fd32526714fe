"""One search over people (tenants) for every list that offers it: a name in either order,
an e-mail address, or a phone number however it is typed, each in part.

Phone numbers are stored in E.164 (`+32470123456`) while people type them the way they say
them (`0470 12 34 56`); a search that looks like a phone number is compared with the stored
number's digits, both as typed and read as a number of the agency's country
(`core.phones.phone_search_digits`). Both parts are bound parameters, so a list whose
statement is built once and cached can bind them per request (`search_params`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, SQLColumnExpression, String, any_, bindparam, func, or_

from doorstep.core.pagination import like_pattern
from doorstep.core.phones import phone_search_digits


@dataclass(frozen=True)
class PersonSearch:
    """A typed search as the values `person_matches` compares with."""

    # ILIKE pattern over names and e-mail, its own wildcards taken literally.
    pattern: str
    # LIKE patterns over a stored number's digits (none when the search is not a number).
    phone_patterns: list[str]


def person_search(typed: str, phone_region: str | None) -> PersonSearch:
    """``typed`` (already stripped) as a search; a phone number without its country code is
    one of ``phone_region`` (the agency's country)."""
    return PersonSearch(
        pattern=like_pattern(typed),
        phone_patterns=[f"%{digits}%" for digits in phone_search_digits(typed, phone_region)],
    )


def search_params(prefix: str, search: PersonSearch) -> dict[str, Any]:
    """The values of `person_matches(..., bound=prefix)`'s parameters."""
    return {f"{prefix}_pattern": search.pattern, f"{prefix}_phones": search.phone_patterns}


def person_matches(
    first_name: SQLColumnExpression[str],
    last_name: SQLColumnExpression[str],
    email: SQLColumnExpression[str],
    phone: SQLColumnExpression[str | None],
    search: PersonSearch | str,
) -> ColumnElement[bool]:
    """Whether the person's columns match ``search``: given a `PersonSearch`, its values;
    given a name, bind parameters of that name's prefix, filled by `search_params`."""
    if isinstance(search, PersonSearch):
        pattern: Any = search.pattern
        phones: Any = bindparam(None, search.phone_patterns, type_=ARRAY(String))
    else:
        pattern = bindparam(f"{search}_pattern", type_=String)
        phones = bindparam(f"{search}_phones", type_=ARRAY(String))
    phone_digits = func.regexp_replace(phone, "[^0-9]", "", "g")
    return or_(
        (first_name + " " + last_name).ilike(pattern, escape="\\"),
        (last_name + " " + first_name).ilike(pattern, escape="\\"),
        email.ilike(pattern, escape="\\"),
        phone_digits.like(any_(phones)),
    )

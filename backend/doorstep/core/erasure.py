"""Erasing a person from records that must stay (seed 001, deleting a customer).

The agency keeps its financial records, but free text in them (a bank line's counterparty, a
payment's reference, an e-mail's greeting) can name the person. ``Needles`` is what identifies
them; ``scrubbed`` is the SQL that rewrites a text column with every occurrence replaced, so
each module anonymises its own columns in one UPDATE without reading the rows back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, func, literal, or_

REDACTED = "[deleted]"
# What a deleted person is called where a record must still name someone.
DELETED_NAME = "Deleted customer"


@dataclass(frozen=True)
class Needles:
    """A person's name, e-mail address and phone number."""

    first_name: str
    last_name: str
    email: str
    phone: str | None

    def patterns(self, *, whole_name_only: bool = False) -> list[str]:
        """PostgreSQL regular expressions, longest first so a full name goes as one piece.
        Names match as whole words (``\\m`` … ``\\M``): erasing "Ann" leaves "Annual" alone.
        In records that are about the person, their first or last name alone is them too;
        elsewhere (``whole_name_only``) only their full name is, so another "Ann" keeps hers."""
        words = [f"{self.first_name} {self.last_name}", f"{self.last_name} {self.first_name}"]
        if not whole_name_only:
            words += [self.last_name, self.first_name]
        patterns = [
            rf"\m{re.escape(word)}\M" for word in dict.fromkeys(w for w in words if w.strip())
        ]
        patterns.insert(0, re.escape(self.email))
        if self.phone:
            patterns.insert(1, re.escape(self.phone))
            digits = self.phone.lstrip("+")
            if digits != self.phone:
                patterns.insert(2, re.escape(digits))
        return patterns


def scrubbed(
    column: SQLColumnExpression[Any], needles: Needles, *, whole_name_only: bool = False
) -> ColumnElement[Any]:
    """``column`` with every occurrence of the person replaced by ``[deleted]`` (any case)."""
    first, *rest = needles.patterns(whole_name_only=whole_name_only)  # the e-mail, at least
    expression: ColumnElement[Any] = func.regexp_replace(column, literal(first), REDACTED, "gi")
    for pattern in rest:
        expression = func.regexp_replace(expression, literal(pattern), REDACTED, "gi")
    return expression


def mentions(
    column: SQLColumnExpression[Any], needles: Needles, *, whole_name_only: bool = False
) -> ColumnElement[bool]:
    """Whether ``column`` names the person anywhere (used to touch only those rows)."""
    return or_(
        *(
            column.regexp_match(pattern, "i")
            for pattern in needles.patterns(whole_name_only=whole_name_only)
        )
    )

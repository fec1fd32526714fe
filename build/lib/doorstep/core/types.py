"""Column types shared by the models."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sqlalchemy import Enum as SAEnum


def enum_column(enum: type[Enum], name: str) -> SAEnum:
    """A text column restricted by a CHECK constraint to the enum's values (easy to migrate)."""
    return SAEnum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=_values,
    )


def _values(enum: type[Enum]) -> list[Any]:
    return [member.value for member in enum]

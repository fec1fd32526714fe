"""Partial updates (PATCH): only the fields a client sent change; null clears optional ones."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import BaseModel

from doorstep.core.errors import InvalidInput


def sent_changes(data: BaseModel, *, clearable: Collection[str] = ()) -> dict[str, Any]:
    """The fields the client sent. ``null`` is refused for fields that cannot be cleared."""
    changes = data.model_dump(exclude_unset=True)
    for field, value in changes.items():
        if value is None and field not in clearable:
            raise InvalidInput(field, "This field cannot be empty.")
    return changes


def apply_changes(entity: object, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        setattr(entity, field, value)

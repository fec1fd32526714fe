"""Identifiers: UUIDv7, so primary keys sort by creation time (cursor pagination relies on it)."""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> uuid.UUID:
    return uuid6.uuid7()

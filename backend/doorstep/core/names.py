"""How people (tenants, staff) are named where a document or a list shows them."""

from __future__ import annotations


def display_name(first_name: str, last_name: str) -> str:
    """A person's name as shown: first name, then last name."""
    return f"{first_name} {last_name}"

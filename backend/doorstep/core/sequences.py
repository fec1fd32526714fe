"""Gapless document numbers (invoices per agency, receipts per trust account).

A number is taken by incrementing a counter row inside the caller's transaction. The row stays
locked until that transaction ends, so concurrent takers queue behind it, and a rolled-back
transaction gives its numbers back: the issued numbers have no gaps and no repeats.

Because the lock lasts until the commit, a busy counter (receipts of one trust account) is
taken last: the row is written with a placeholder (``NumberLast``) and one statement at the
very end of the transaction, after everything else has been written, takes the number and puts
it in place.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, String, Table, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from doorstep.core.db import Base


class DocumentSequence(Base):
    __tablename__ = "document_sequences"

    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))


async def take_numbers(
    session: AsyncSession, owner_id: uuid.UUID, kind: str, count: int = 1
) -> range:
    """Reserve ``count`` consecutive numbers for ``owner_id``'s ``kind`` of document."""
    last = await session.scalar(
        text(
            "INSERT INTO document_sequences (owner_id, kind, last_number) "
            "VALUES (:owner, :kind, :count) "
            "ON CONFLICT (owner_id, kind) "
            "DO UPDATE SET last_number = document_sequences.last_number + EXCLUDED.last_number "
            "RETURNING last_number"
        ),
        {"owner": owner_id, "kind": kind, "count": count},
    )
    assert last is not None
    return range(int(last) - count + 1, int(last) + 1)


@dataclass(frozen=True)
class ShownIn:
    """Text columns of a row written earlier in the transaction that show a number before it
    is known (its placeholder, e.g. an e-mail's subject and attachment name)."""

    table: Table
    key_column: str
    key: Any
    columns: tuple[str, ...]


@dataclass
class NumberLast:
    """A row inserted with a placeholder number (``placeholder_number``) whose real number is
    taken as the transaction's last statement (``numbering_statement``): the counter row is
    then locked only for that statement and the commit, however long the rest took. Whatever
    showed the placeholder (``shown_in``) gets the number in the same statement."""

    owner_id: uuid.UUID
    kind: str
    table: Table
    row_id: uuid.UUID
    placeholder: int
    number_column: str = "number"
    shown_in: list[ShownIn] = field(default_factory=list)


def placeholder_number() -> int:
    """A number no document will ever have (negative, random), unique until it is replaced."""
    return -(2**62 + secrets.randbits(60))


def numbering_statement(pending: NumberLast) -> tuple[str, dict[str, Any]]:
    """The SQL that takes the number and puts it on the row and wherever it is shown, in one
    statement, as common table expressions (``numbered`` returns ``number``), and its
    parameters. A caller may add expressions reading ``numbered``; it must end the statement
    with a ``SELECT`` (``take_number_last`` ends it with ``SELECT number FROM numbered``)."""
    parameters: dict[str, Any] = {
        "number_owner": pending.owner_id,
        "number_kind": pending.kind,
        "numbered_row": pending.row_id,
        "placeholder": str(pending.placeholder),
    }
    if pending.number_column not in pending.table.c:
        raise ValueError(f"{pending.table.name} has no column {pending.number_column}")
    parts = [
        "WITH taken AS ("
        "INSERT INTO document_sequences (owner_id, kind, last_number) "
        "VALUES (:number_owner, :number_kind, 1) "
        "ON CONFLICT (owner_id, kind) "
        "DO UPDATE SET last_number = document_sequences.last_number + 1 "
        "RETURNING last_number)",
        _numbered_cte(pending.table.name, pending.number_column),
    ]
    for index, shown in enumerate(pending.shown_in):
        for name in (shown.key_column, *shown.columns):
            if name not in shown.table.c:
                raise ValueError(f"{shown.table.name} has no column {name}")
        assignments = ", ".join(
            f"{column} = replace({column}, :placeholder, CAST(numbered.number AS text))"
            for column in shown.columns
        )
        parts.append(_shown_cte(index, shown.table.name, assignments, shown.key_column))
        parameters[f"shown_{index}"] = shown.key
    return ", ".join(parts), parameters


# Names in these statements come from Table objects (checked to have the columns), never from
# input; every value is a bound parameter.


def _numbered_cte(table: str, column: str) -> str:
    return (
        f"numbered AS (UPDATE {table} SET {column} = taken.last_number "  # noqa: S608
        f"FROM taken WHERE {table}.id = :numbered_row RETURNING taken.last_number AS number)"
    )


def _shown_cte(index: int, table: str, assignments: str, key_column: str) -> str:
    return (
        f"shown_{index} AS (UPDATE {table} SET {assignments} FROM numbered "  # noqa: S608
        f"WHERE {table}.{key_column} = :shown_{index})"
    )


async def take_number_last(session: AsyncSession, pending: NumberLast) -> int:
    """Number the row now (call it after everything else the transaction writes)."""
    sql, parameters = numbering_statement(pending)
    statement = text(sql + " SELECT number FROM numbered")  # noqa: S608 - see numbering_statement
    number = await session.scalar(statement, parameters)
    if number is None:
        raise LookupError(f"no {pending.table.name} row {pending.row_id} to number")
    return int(number)

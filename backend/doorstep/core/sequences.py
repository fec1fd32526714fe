"""Gapless document numbers (invoices per agency, receipts per trust account).

A number is taken by incrementing a counter row inside the caller's transaction. The row stays
locked until that transaction ends, so concurrent takers queue behind it, and a rolled-back
transaction gives its numbers back: the issued numbers have no gaps and no repeats.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, String, text
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

"""Keyset (cursor) pagination.

A list is ordered by a few columns ending with the primary key, so the order is total; the
cursor is the opaque encoding of the last row's sort values, and the next page holds the rows
after it. Cursors stay valid while rows are inserted or deleted, unlike offsets.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Response
from pydantic import BaseModel, Field
from pydantic_core import to_json
from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from doorstep.core.errors import InvalidInput

T = TypeVar("T")
Row = TypeVar("Row")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page.")


def page_json_response(items: list[dict[str, Any]], next_cursor: str | None) -> Response:
    """A ``Page`` sent as ready JSON: its items given as plain values in their model's field
    order, serialised as the model would be, byte for byte. A route returning it declares
    ``response_model=Page[...]`` for the document; FastAPI sends a returned response as it is,
    without validating and serialising it again."""
    return Response(
        to_json({"items": items, "next_cursor": next_cursor}), media_type="application/json"
    )


@dataclass(frozen=True)
class PageRequest:
    cursor: str | None
    limit: int


async def page_request(
    cursor: Annotated[
        str | None,
        Query(max_length=512, description="The previous page's `next_cursor`."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = DEFAULT_LIMIT,
) -> PageRequest:
    # A coroutine, so FastAPI does not hand it to its thread pool (see core.deps).
    return PageRequest(cursor=cursor, limit=limit)


def encode_cursor(values: Sequence[Any]) -> str:
    """The cursor after a row whose sort values are ``values``."""
    raw = json.dumps([str(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_PARSERS: dict[type, Any] = {
    uuid.UUID: uuid.UUID,
    str: str,
    date: date.fromisoformat,
    datetime: datetime.fromisoformat,
}


def decode_values(cursor: str, parsers: Sequence[Callable[[str], Any]]) -> list[Any]:
    """The sort values a cursor carries, each read by its parser (a list ordered by expressions
    rather than columns); a 422 if it is not ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(parsers):
            raise ValueError("cursor shape")
        return [parse(value) for parse, value in zip(parsers, values, strict=True)]
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InvalidInput("cursor", "This cursor is not one we issued.") from exc


def decode_cursor(cursor: str, columns: Sequence[InstrumentedAttribute[Any]]) -> list[Any]:
    """The sort values a cursor carries, typed like ``columns``; a 422 if it is not ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValueError("cursor shape")
        return [
            _PARSERS[column.type.python_type](value)
            for column, value in zip(columns, values, strict=True)
        ]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise InvalidInput("cursor", "This cursor is not one we issued.") from exc


async def paginate(
    session: AsyncSession,
    statement: Select[Row],
    order_by: Sequence[InstrumentedAttribute[Any]],
    page: PageRequest,
    *,
    descending: bool = False,
) -> tuple[list[Row], str | None]:
    """Rows of ``statement`` after the cursor, ordered by ``order_by`` (last column: the key)."""
    if page.cursor:
        key, after = tuple_(*order_by), tuple_(*decode_cursor(page.cursor, order_by))
        statement = statement.where(key < after if descending else key > after)
    ordering = [column.desc() if descending else column for column in order_by]
    statement = statement.order_by(*ordering).limit(page.limit + 1)
    rows = list((await session.scalars(statement)).all())
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, column.key) for column in order_by])


def like_pattern(search: str) -> str:
    """An ILIKE pattern matching ``search`` anywhere, with its own wildcards taken literally."""
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"

"""Stored files encrypted at rest: AES-256-GCM in a versioned envelope.

Identity and income documents, leases, photos, transfer proofs and e-mail attachments are
kept in PostgreSQL; a dump or a backup must not hand them out. Their columns are
:class:`EncryptedBytes`, so every ORM and Core statement seals on the way in and opens on the
way out, and nothing else in the code sees an envelope.

An envelope is::

    0x01 | len(key id) (1 byte) | key id (ASCII) | nonce (12 random bytes) | ciphertext + tag

The associated data is ``doorstep:<table>.<column>``: an envelope moved to another column does
not open. It is not bound to its row (a Core ``insert`` built once, or a ``select`` of the
column alone, has no row to bind to), so someone able to write the database could swap two
files of one column; they could as well delete them. Reading, which is what a leaked dump
allows, is what this prevents.

Keys (``DOORSTEP_DATA_KEYS``) are ``id:base64`` pairs: the first seals, all open, so a key is
rotated by putting a new one first and running ``doorstep encrypt-files``, which re-seals the
rows sealed under any other key. Every stored file is an envelope: the migration that
introduced them sealed the rows written before, so a plaintext file is never guessed at.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import structlog
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import (
    Column,
    LargeBinary,
    MetaData,
    Table,
    and_,
    bindparam,
    func,
    select,
    tuple_,
)
from sqlalchemy import update as sa_update
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

log = structlog.get_logger(__name__)

FORMAT_V1 = 0x01
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class InvalidDataKeys(RuntimeError):
    """``DOORSTEP_DATA_KEYS`` cannot be used. Not a ValueError, so pydantic does not wrap it in
    a message quoting the input (the keys)."""


class UndecryptableData(RuntimeError):
    """A stored envelope did not open: an unknown key id, the wrong key, or altered bytes.
    A server fault (500); the message names the column and key id, never a key."""


@dataclass(frozen=True, repr=False)
class Keyring:
    """The data keys: ``ids[0]`` seals, all open."""

    ids: tuple[str, ...]
    _keys: dict[str, bytes]
    _ciphers: dict[str, AESGCM]

    def __repr__(self) -> str:  # never a key in a log or a traceback
        return f"Keyring(ids={self.ids!r})"

    @classmethod
    def from_pairs(cls, pairs: Sequence[tuple[str, bytes]]) -> Keyring:
        if not pairs:
            raise InvalidDataKeys("no data key given")
        keys: dict[str, bytes] = {}
        for key_id, key in pairs:
            if not _KEY_ID.match(key_id):
                raise InvalidDataKeys(
                    "a data key id is 1-32 letters, digits, '.', '_' or '-' "
                    f"(got one of {len(key_id)} characters)"
                )
            if key_id in keys:
                raise InvalidDataKeys(f"data key id {key_id!r} is given twice")
            if len(key) != KEY_BYTES:
                raise InvalidDataKeys(
                    f"data key {key_id!r} is {len(key)} bytes; AES-256 needs {KEY_BYTES} "
                    f"(base64 of 32 random bytes)"
                )
            keys[key_id] = key
        ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
        return cls(tuple(keys), keys, ciphers)

    @classmethod
    def parse(cls, text: str) -> Keyring:
        """``id:base64[,id:base64...]`` (commas or whitespace between pairs)."""
        pairs: list[tuple[str, bytes]] = []
        for item in re.split(r"[\s,]+", text.strip()):
            if not item:
                continue
            key_id, colon, encoded = item.partition(":")
            if not colon:
                raise InvalidDataKeys("each data key is written id:base64")
            try:
                key = base64.b64decode(
                    encoded + "=" * (-len(encoded) % 4), altchars=b"-_", validate=True
                )
            except (binascii.Error, ValueError):
                raise InvalidDataKeys(f"data key {key_id!r} is not base64") from None
            pairs.append((key_id, key))
        return cls.from_pairs(pairs)

    def holds_any_of(self, other: Keyring) -> bool:
        """Whether one of ``other``'s keys is among these (under any id)."""
        return bool(set(self._keys.values()) & set(other._keys.values()))

    @property
    def current_id(self) -> str:
        return self.ids[0]

    def header(self, key_id: str | None = None) -> bytes:
        """The first bytes of an envelope sealed under ``key_id`` (the current key)."""
        encoded = (key_id or self.current_id).encode("ascii")
        return bytes((FORMAT_V1, len(encoded))) + encoded

    def seal(self, plaintext: bytes, purpose: str) -> bytearray:
        header = self.header()
        nonce = os.urandom(NONCE_BYTES)
        # Sealed straight into the envelope: one buffer for a 10 MB file, not three.
        start = len(header) + NONCE_BYTES
        envelope = bytearray(start + len(plaintext) + TAG_BYTES)
        envelope[: len(header)] = header
        envelope[len(header) : start] = nonce
        cipher = self._ciphers[self.current_id]
        cipher.encrypt_into(nonce, plaintext, _aad(purpose), memoryview(envelope)[start:])
        return envelope  # bytes-like: the driver sends it as it is

    def key_id_of(self, envelope: bytes | bytearray) -> str:
        if len(envelope) < 2 or envelope[0] != FORMAT_V1:
            raise UndecryptableData(f"a value of {len(envelope)} bytes is not an envelope")
        length = envelope[1]
        if len(envelope) < 2 + length + NONCE_BYTES + TAG_BYTES:
            raise UndecryptableData("the envelope is cut short")
        return envelope[2 : 2 + length].decode("ascii", errors="replace")

    def open(self, envelope: bytes | bytearray, purpose: str) -> bytes:
        key_id = self.key_id_of(envelope)
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise UndecryptableData(f"{purpose} is sealed under key {key_id!r}, not configured")
        start = 2 + envelope[1]
        nonce = envelope[start : start + NONCE_BYTES]
        sealed = memoryview(envelope)[start + NONCE_BYTES :]  # a 10 MB file is not copied
        try:
            return cipher.decrypt(nonce, sealed, _aad(purpose))
        except InvalidTag:
            raise UndecryptableData(
                f"{purpose} does not open under key {key_id!r}: the key is wrong or the "
                "bytes were altered"
            ) from None


def _aad(purpose: str) -> bytes:
    return f"doorstep:{purpose}".encode()


# The process's keyring. Column types are process-wide (one engine, the models' metadata), so
# the keys are too: read from the settings on first use; tests may swap them (`using_keys`).
_override: Keyring | None = None


@lru_cache(maxsize=1)
def _configured() -> Keyring:
    from doorstep.core.settings import get_settings

    return get_settings().data_keyring


def keyring() -> Keyring:
    return _override if _override is not None else _configured()


@contextmanager
def using_keys(keys: Keyring) -> Iterator[Keyring]:
    global _override
    previous, _override = _override, keys
    try:
        yield keys
    finally:
        _override = previous


class EncryptedBytes(TypeDecorator[bytes]):
    """A ``bytea`` column whose values are stored sealed (see the module's docstring). Sizes
    are read from the plaintext size columns, never from ``length()`` of this one."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose  # "<table>.<column>", the associated data

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytearray | None:
        if value is None:
            return None
        return keyring().seal(bytes(value), self.purpose)

    def process_result_value(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        try:
            return keyring().open(bytes(value), self.purpose)
        except UndecryptableData as exc:
            log.error("stored_file_undecryptable", column=self.purpose, reason=str(exc))
            raise

    def copy(self, **kw: Any) -> EncryptedBytes:
        return EncryptedBytes(self.purpose)


# Re-sealing (`doorstep encrypt-files`, the migration that sealed the plaintext rows). Both
# read and write the raw column, outside the type, in batches small enough for 10 MB files.
BATCH_ROWS = 20


@dataclass(frozen=True)
class SealedColumn:
    table: str
    column: str
    key_columns: tuple[str, ...]

    @property
    def purpose(self) -> str:
        return f"{self.table}.{self.column}"

    def raw_table(self) -> Table:
        return Table(
            self.table,
            MetaData(),
            *(Column(name) for name in self.key_columns),
            Column(self.column, LargeBinary),
        )


def encrypted_columns(metadata: MetaData) -> list[SealedColumn]:
    """The sealed columns of ``metadata``'s tables, found by their type."""
    found = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, EncryptedBytes):
                keys = tuple(key.name for key in table.primary_key.columns)
                found.append(SealedColumn(table.name, column.name, keys))
    return found


def rewrite_column(
    connection: Connection,
    target: SealedColumn,
    keys: Keyring,
    *,
    source: str,
) -> int:
    """Rewrite ``target``'s values in batches; returns how many rows changed.

    ``source`` is what the rows hold now: ``"plaintext"`` (seal them all, once: the
    migration), ``"stale"`` (envelopes under a key other than the current one: re-seal them),
    or ``"sealed"`` (open them all back to plaintext: the migration's downgrade)."""
    table = target.raw_table()
    content = table.c[target.column]
    key_columns = [table.c[name] for name in target.key_columns]
    key = tuple_(*key_columns) if len(key_columns) > 1 else key_columns[0]
    current = keys.header()
    pending: ColumnElement[bool] = content.isnot(None)
    if source == "stale":
        pending = and_(pending, func.substring(content, 1, len(current)) != current)
    update = (
        sa_update(table)
        .where(and_(*(column == bindparam(f"k_{column.name}") for column in key_columns)))
        .values({target.column: bindparam("v_content")})
    )
    changed = 0
    after: tuple[Any, ...] | None = None
    while True:
        statement = select(*key_columns, content).where(pending).order_by(*key_columns)
        if after is not None:
            bound = tuple_(*after) if len(after) > 1 else after[0]
            statement = statement.where(key > bound)
        rows = connection.execute(statement.limit(BATCH_ROWS)).all()
        if not rows:
            return changed
        params = []
        for row in rows:
            value = bytes(row[-1])
            new: bytes | bytearray
            if source == "plaintext":
                new = keys.seal(value, target.purpose)
            elif source == "stale":
                new = keys.seal(keys.open(value, target.purpose), target.purpose)
            else:
                new = keys.open(value, target.purpose)
            params.append(
                {
                    **{f"k_{column.name}": row[i] for i, column in enumerate(key_columns)},
                    "v_content": new,
                }
            )
        connection.execute(update, params)
        changed += len(params)
        after = tuple(rows[-1][: len(key_columns)])


async def reseal_stale(
    engine: AsyncEngine, columns: Sequence[SealedColumn], keys: Keyring
) -> dict[str, int]:
    """Re-seal under the current key every value sealed under another (``doorstep
    encrypt-files``, after a new key was put first); one transaction per column, and a run cut
    short resumes where it stopped. Returns the rows re-sealed per column."""
    done: dict[str, int] = {}
    for column in columns:
        async with engine.begin() as connection:
            done[column.purpose] = await connection.run_sync(
                rewrite_column, column, keys, source="stale"
            )
    return done

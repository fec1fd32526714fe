"""Faults produced by the real parts themselves, for tests of what survives them."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

BROKEN_INVOICES = "the invoices of this agency are broken"


@asynccontextmanager
async def invoices_refused_for(engine: AsyncEngine, agency_id: uuid.UUID) -> AsyncIterator[None]:
    """PostgreSQL refuses every new invoice of one agency (a trigger raising), as a corrupt
    row or a bug that only one agency's data sets off would make its billing fail."""
    name = f"refuse_invoices_{agency_id.hex}"
    async with engine.begin() as connection:
        await connection.execute(
            text(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN RAISE EXCEPTION '{BROKEN_INVOICES}'; END $$"
            )
        )
        await connection.execute(
            text(
                f"CREATE TRIGGER {name} BEFORE INSERT ON invoices FOR EACH ROW "
                f"WHEN (NEW.agency_id = '{agency_id}') EXECUTE FUNCTION {name}()"
            )
        )
    try:
        yield
    finally:
        async with engine.begin() as connection:
            await connection.execute(text(f"DROP TRIGGER {name} ON invoices"))
            await connection.execute(text(f"DROP FUNCTION {name}()"))


async def backend_waiting_for_a_lock(engine: AsyncEngine) -> int:
    """The pid of the one backend of this database that waits for a lock (a request's)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        async with engine.connect() as connection:
            waiting = (
                await connection.scalars(
                    text(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                )
            ).all()
        if len(waiting) == 1:
            return int(waiting[0])
        await asyncio.sleep(0.05)
    raise AssertionError("no request came to wait for the lock")

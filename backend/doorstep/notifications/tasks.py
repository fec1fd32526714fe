"""Worker jobs of the outbox (registered in ``doorstep.worker``)."""

from __future__ import annotations

import uuid
from typing import Any

from doorstep.notifications.push import deliver_due_pushes, deliver_push_message
from doorstep.notifications.service import deliver_due, deliver_message


async def deliver_email(ctx: dict[str, Any], *, message_id: str) -> bool:
    """Send one queued message now (enqueued after the transaction that queued it commits).

    Idempotent: the message row is claimed under a lock and a sent one is left alone, so a
    repeated job, or the tick getting there first, sends nothing twice.
    """
    return await deliver_message(
        ctx["db"], ctx["mailer"], uuid.UUID(message_id), ctx["clock"].now()
    )


async def deliver_due_email(ctx: dict[str, Any]) -> int:
    """Send every message due now, oldest first: the run a failed attempt asked for at the
    moment its retry falls due. Returns how many were sent; one that fails again asks for the
    next run itself, so retries go on with their back-off until the server answers."""
    report = await deliver_due(ctx["db"], ctx["mailer"], ctx["clock"].now())
    return report.sent


async def deliver_push(ctx: dict[str, Any], *, message_id: str) -> bool:
    """Send one queued push notification now (enqueued after the transaction that queued it
    commits). Idempotent like ``deliver_email``: claimed under a lock, a sent one is left."""
    return await deliver_push_message(
        ctx["db"], ctx.get("pusher"), uuid.UUID(message_id), ctx["clock"].now()
    )


async def deliver_due_push(ctx: dict[str, Any]) -> int:
    """Send every push notification due now (the run a failed attempt asked for)."""
    report = await deliver_due_pushes(ctx["db"], ctx.get("pusher"), ctx["clock"].now())
    return report.sent

"""Reading account e-mails from the outbox, and signing in, for the account tests."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.notifications.models import OutboxMessage
from tests.factories import PASSWORD

RESET_LINK = re.compile(r"/(agency|portal)/reset-password/([A-Za-z0-9_\-]+)")
CONFIRM_LINK = re.compile(r"/(agency|portal)/confirm-email/([A-Za-z0-9_\-]+)")


async def messages_to(session: AsyncSession, email: str) -> list[OutboxMessage]:
    return list(
        (
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.to_address == email)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
            )
        ).all()
    )


def link_in(message: OutboxMessage, pattern: re.Pattern[str] = RESET_LINK) -> tuple[str, str]:
    """(the app the link opens, its token)."""
    found = pattern.search(message.text_body)
    assert found, message.text_body
    return found.group(1), found.group(2)


async def login(
    client: httpx.AsyncClient, audience: str, email: str, password: str = PASSWORD
) -> httpx.Response:
    return await client.post(
        f"/api/v1/auth/{audience}/login", json={"email": email, "password": password}
    )


async def signed_in(
    client: httpx.AsyncClient, audience: str, email: str, password: str = PASSWORD
) -> tuple[dict[str, str], str]:
    """Bearer headers and the refresh token of a fresh login."""
    response = await login(client, audience, email, password)
    assert response.status_code == 200, response.text
    body = response.json()
    client.cookies.clear()
    return {"Authorization": f"Bearer {body['access_token']}"}, body["refresh_token"]


async def refresh(client: httpx.AsyncClient, audience: str, token: str) -> httpx.Response:
    client.cookies.clear()
    return await client.post(f"/api/v1/auth/{audience}/refresh", json={"refresh_token": token})

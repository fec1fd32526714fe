"""Messages between a tenant and their agency: starting a conversation from either side,
replies both ways, the unread counts and read marks of each side, who may see and write what,
the inbox's filters and search, closing and reopening, idempotent sends, the e-mails, the
export and a deleted customer's conversations."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.clock import FixedClock
from doorstep.core.erasure import Needles
from doorstep.leases.models import Lease
from doorstep.messages import service as messages
from doorstep.notifications.models import OutboxMessage
from doorstep.tenants.models import Tenant
from tests.factories import Factory

PORTAL = "/api/v1/portal/conversations"
STAFF = "/api/v1/conversations"


@dataclass(frozen=True)
class Book:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    return Book(agency, manager, tenant, lease)


async def _emails(session: AsyncSession, kind: str) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
    )


async def _start(
    client: httpx.AsyncClient, headers: dict[str, str], **extra: object
) -> httpx.Response:
    body = {"subject": "Deposit", "body": "When will my deposit be paid back?"} | extra
    return await client.post(PORTAL, json=body, headers=headers)


async def _unread(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> int:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    count: int = response.json()["messages"]
    return count


async def test_a_tenant_writes_staff_answer_and_each_side_reads(
    client: httpx.AsyncClient,
    factory: Factory,
    book: Book,
    session: AsyncSession,
    clock: FixedClock,
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    owner = await factory.staff(book.agency, StaffRole.OWNER)
    await factory.staff(book.agency, StaffRole.ACCOUNTANT)  # not e-mailed of new messages

    started = await _start(client, tenant)

    assert started.status_code == 201, started.text
    conversation = started.json()
    assert (conversation["lease_id"], conversation["subject"], conversation["status"]) == (
        str(book.lease.id),
        "Deposit",
        "open",
    )
    assert [(m["author"], m["body"]) for m in conversation["messages"]] == [
        ("tenant", "When will my deposit be paid back?")
    ]
    staff_mails = await _emails(session, messages.STAFF_EMAIL)
    assert sorted(m.to_address for m in staff_mails) == sorted([book.manager.email, owner.email])
    assert "Deposit" in staff_mails[0].subject
    assert f"/agency/messages/{conversation['id']}" in staff_mails[0].text_body
    assert "paid back" not in staff_mails[0].text_body  # the message stays in the portal
    assert await _unread(client, f"{STAFF}/unread", manager) == 1

    inbox = (await client.get(STAFF, params={"unread": True}, headers=manager)).json()["items"]
    assert [(c["id"], c["unread"], c["started_by"]) for c in inbox] == [
        (conversation["id"], 1, "tenant")
    ]
    assert inbox[0]["last_message"]["preview"] == "When will my deposit be paid back?"

    clock.advance_to(clock.now() + timedelta(minutes=10))
    opened = await client.get(f"{STAFF}/{conversation['id']}", headers=manager)
    assert opened.status_code == 200
    (first,) = opened.json()["messages"]
    assert first["read_at"] == "2026-11-23T09:10:00Z"
    assert first["read_by_name"] == f"{book.manager.first_name} {book.manager.last_name}"
    assert await _unread(client, f"{STAFF}/unread", manager) == 0
    assert (await client.get(STAFF, params={"unread": True}, headers=manager)).json()["items"] == []

    replied = await client.post(
        f"{STAFF}/{conversation['id']}/messages",
        json={"body": "  Within 15 days of the check-out.\nRegards  "},
        headers=manager,
    )
    assert replied.status_code == 201, replied.text
    assert replied.json()["messages"][-1]["body"] == "Within 15 days of the check-out.\nRegards"
    (tenant_mail,) = await _emails(session, messages.TENANT_EMAIL)
    assert tenant_mail.to_address == book.tenant.email
    assert f"/portal/messages/{conversation['id']}" in tenant_mail.text_body
    assert "15 days" not in tenant_mail.text_body
    assert await _unread(client, f"{PORTAL}/unread", tenant) == 1
    listed = (await client.get(PORTAL, headers=tenant)).json()["items"]
    assert [(c["unread"], c["last_message"]["author"]) for c in listed] == [(1, "staff")]

    # A second staff message while the first is unread: counted, not e-mailed again.
    await client.post(
        f"{STAFF}/{conversation['id']}/messages",
        json={"body": "And the inventory."},
        headers=manager,
    )
    assert len(await _emails(session, messages.TENANT_EMAIL)) == 1
    assert await _unread(client, f"{PORTAL}/unread", tenant) == 2

    clock.advance_to(clock.now() + timedelta(minutes=3))
    read = await client.get(f"{PORTAL}/{conversation['id']}", headers=tenant)
    assert [(m["author"], m["read_at"]) for m in read.json()["messages"]] == [
        ("tenant", "2026-11-23T09:10:00Z"),
        ("staff", "2026-11-23T09:13:00Z"),
        ("staff", "2026-11-23T09:13:00Z"),
    ]
    assert "read_by_name" not in read.json()["messages"][0]
    assert await _unread(client, f"{PORTAL}/unread", tenant) == 0

    answered = await client.post(
        f"{PORTAL}/{conversation['id']}/messages", json={"body": "Thanks!"}, headers=tenant
    )
    assert answered.status_code == 201
    assert [m["body"] for m in answered.json()["messages"]][-1] == "Thanks!"
    assert await _unread(client, f"{STAFF}/unread", manager) == 1
    # The agency had read everything: this one is e-mailed again.
    assert len(await _emails(session, messages.STAFF_EMAIL)) == 4


async def test_staff_start_a_conversation_with_a_tenant_of_a_lease(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    manager = await factory.headers(book.manager)
    other = await factory.tenant(book.agency, first_name="Other")

    refused = await client.post(
        STAFF,
        json={
            "lease_id": str(book.lease.id),
            "tenant_id": str(other.id),
            "subject": "Meter reading",
            "body": "Could you send us the meter reading?",
        },
        headers=manager,
    )
    assert refused.status_code == 422
    started = await client.post(
        STAFF,
        json={
            "lease_id": str(book.lease.id),
            "tenant_id": str(book.tenant.id),
            "subject": "Meter reading",
            "body": "Could you send us the meter reading?",
        },
        headers=manager,
    )

    assert started.status_code == 201, started.text
    assert (started.json()["started_by"], started.json()["unread"]) == ("staff", 0)
    assert [m.to_address for m in await _emails(session, messages.TENANT_EMAIL)] == [
        book.tenant.email
    ]
    tenant = await factory.headers(book.tenant)
    assert await _unread(client, f"{PORTAL}/unread", tenant) == 1
    by_lease = await client.get(STAFF, params={"lease_id": str(book.lease.id)}, headers=manager)
    assert [c["id"] for c in by_lease.json()["items"]] == [started.json()["id"]]


async def test_a_tenant_with_two_leases_picks_one(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    second = await factory.lease(
        book.agency, [book.tenant], unit=await factory.unit(book.agency, name="2B")
    )
    headers = await factory.headers(book.tenant)

    assert (await _start(client, headers)).status_code == 422
    foreign = await factory.lease(book.agency, [await factory.tenant(book.agency)])
    assert (await _start(client, headers, lease_id=str(foreign.id))).status_code == 422
    picked = await _start(client, headers, lease_id=str(second.id))
    assert picked.status_code == 201
    assert picked.json()["lease_id"] == str(second.id)


async def test_another_tenant_or_agency_cannot_read_or_reply(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    conversation_id = (await _start(client, await factory.headers(book.tenant))).json()["id"]
    # A co-tenant of the same lease: the conversation is the first tenant's own.
    cotenant = await factory.tenant(book.agency, first_name="Cora")
    await factory.lease(book.agency, [cotenant], unit=await factory.unit(book.agency, name="3C"))
    other_agency = await factory.agency("Other Lettings")
    outsider = await factory.headers(await factory.staff(other_agency, StaffRole.OWNER))
    stranger = await factory.headers(await factory.tenant(other_agency, first_name="Stranger"))

    for headers in (await factory.headers(cotenant), stranger):
        assert (await client.get(f"{PORTAL}/{conversation_id}", headers=headers)).status_code == 404
        reply = await client.post(
            f"{PORTAL}/{conversation_id}/messages", json={"body": "Hi"}, headers=headers
        )
        assert reply.status_code == 404
        assert (await client.get(PORTAL, headers=headers)).json()["items"] == []
        assert await _unread(client, f"{PORTAL}/unread", headers) == 0
    assert (await client.get(f"{STAFF}/{conversation_id}", headers=outsider)).status_code == 404
    assert (
        await client.post(
            f"{STAFF}/{conversation_id}/messages", json={"body": "Hi"}, headers=outsider
        )
    ).status_code == 404
    assert (await client.get(STAFF, headers=outsider)).json()["items"] == []
    assert await _unread(client, f"{STAFF}/unread", outsider) == 0


async def test_a_viewer_reads_without_marking_read_or_writing(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    conversation_id = (await _start(client, await factory.headers(book.tenant))).json()["id"]
    viewer = await factory.headers(await factory.staff(book.agency, StaffRole.VIEWER))
    accountant = await factory.headers(await factory.staff(book.agency, StaffRole.ACCOUNTANT))

    seen = await client.get(f"{STAFF}/{conversation_id}", headers=viewer)
    assert seen.status_code == 200
    assert seen.json()["messages"][0]["read_at"] is None
    assert await _unread(client, f"{STAFF}/unread", viewer) == 1
    reply = await client.post(
        f"{STAFF}/{conversation_id}/messages", json={"body": "Hi"}, headers=viewer
    )
    assert reply.status_code == 403
    answered = await client.post(
        f"{STAFF}/{conversation_id}/messages",
        json={"body": "We pay it back on Monday."},
        headers=accountant,
    )
    assert answered.status_code == 201
    assert await _unread(client, f"{STAFF}/unread", viewer) == 0


async def test_staff_search_and_filter_the_inbox(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    deposit = (await _start(client, tenant)).json()["id"]
    heating = (
        await _start(client, tenant, subject="Heating", body="The radiator in the 100% cold room")
    ).json()["id"]

    async def found(**params: str | int) -> list[str]:
        response = await client.get(STAFF, params=params, headers=manager)
        assert response.status_code == 200, response.text
        return [c["id"] for c in response.json()["items"]]

    assert await found() == [heating, deposit]
    assert await found(q="RADIATOR") == [heating]
    assert await found(q="deposit") == [deposit]
    assert await found(q="100%") == [heating]
    assert await found(q="%") == [heating]  # the wildcard is taken literally
    assert await found(q="nothing like it") == []
    assert await found(tenant_id=str(book.tenant.id), limit=1) == [heating]
    await client.post(f"{STAFF}/{heating}/close", headers=manager)
    assert await found(status="closed") == [heating]
    assert await found(status="open") == [deposit]
    first_page = (await client.get(STAFF, params={"limit": 1}, headers=manager)).json()
    second_page = await client.get(
        STAFF, params={"limit": 1, "cursor": first_page["next_cursor"]}, headers=manager
    )
    assert [c["id"] for c in second_page.json()["items"]] == [deposit]
    assert (await client.get(STAFF, params={"cursor": "nope"}, headers=manager)).status_code == 422


async def test_a_closed_conversation_takes_no_reply_until_reopened(
    client: httpx.AsyncClient, factory: Factory, book: Book, clock: FixedClock
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    conversation_id = (await _start(client, tenant)).json()["id"]

    closed = await client.post(f"{STAFF}/{conversation_id}/close", headers=manager)
    assert (closed.json()["status"], closed.json()["closed_at"]) == (
        "closed",
        "2026-11-23T09:00:00Z",
    )
    for url, headers in ((PORTAL, tenant), (STAFF, manager)):
        refused = await client.post(
            f"{url}/{conversation_id}/messages", json={"body": "Hello?"}, headers=headers
        )
        assert refused.status_code == 409
        assert refused.json()["type"].endswith("conversation-closed")
    reopened = await client.post(f"{STAFF}/{conversation_id}/reopen", headers=manager)
    assert (reopened.json()["status"], reopened.json()["closed_at"]) == ("open", None)
    again = await client.post(
        f"{PORTAL}/{conversation_id}/messages", json={"body": "Hello?"}, headers=tenant
    )
    assert again.status_code == 201
    assert len(again.json()["messages"]) == 2  # nothing was removed


async def test_a_retried_send_posts_once(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    body = {"subject": "Keys", "body": "I lost a key."}
    first = await client.post(PORTAL, json=body, headers=tenant | {"Idempotency-Key": "send-key-1"})
    retried = await client.post(
        PORTAL, json=body, headers=tenant | {"Idempotency-Key": "send-key-1"}
    )
    assert (first.status_code, retried.status_code) == (201, 201)
    assert first.json()["id"] == retried.json()["id"]
    assert len((await client.get(PORTAL, headers=tenant)).json()["items"]) == 1
    conversation_id = first.json()["id"]

    for _ in range(2):
        sent = await client.post(
            f"{STAFF}/{conversation_id}/messages",
            json={"body": "We will cut a new one."},
            headers=manager | {"Idempotency-Key": "send-key-2"},
        )
        assert sent.status_code == 201
    detail = (await client.get(f"{STAFF}/{conversation_id}", headers=manager)).json()
    assert [m["author"] for m in detail["messages"]] == ["tenant", "staff"]
    assert len(await _emails(session, messages.TENANT_EMAIL)) == 1
    reused = await client.post(
        f"{STAFF}/{conversation_id}/messages",
        json={"body": "Something else"},
        headers=manager | {"Idempotency-Key": "send-key-2"},
    )
    assert reused.status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "", "body": "x"},
        {"subject": "Hi", "body": "   "},
        {"subject": "Hi", "body": "x" * 5001},
        {"subject": "Two\nlines", "body": "x"},
        {"subject": "Hi", "body": "bell \x07"},
        {"subject": "Hi", "body": "x", "lease_id": "not-a-uuid"},
    ],
)
async def test_bad_messages_are_refused(
    client: httpx.AsyncClient, factory: Factory, book: Book, body: dict[str, str]
) -> None:
    response = await client.post(PORTAL, json=body, headers=await factory.headers(book.tenant))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_emails_are_in_the_agencys_language(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    book.agency.locale = "fr-BE"
    await session.flush()
    await _start(client, await factory.headers(book.tenant))
    (mail,) = await _emails(session, messages.STAFF_EMAIL)
    assert mail.subject.startswith("Nouveau message de")


async def test_a_conversation_is_exported_as_text(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    conversation_id = (await _start(client, tenant)).json()["id"]
    await client.post(
        f"{STAFF}/{conversation_id}/messages", json={"body": "Within 15 days."}, headers=manager
    )

    for url, headers in ((PORTAL, tenant), (STAFF, manager)):
        exported = await client.get(f"{url}/{conversation_id}/export", headers=headers)
        assert exported.status_code == 200
        assert exported.headers["content-type"] == "text/plain; charset=utf-8"
        assert "attachment" in exported.headers["content-disposition"]
        text = exported.text
        assert "Conversation: Deposit" in text
        assert text.index("When will my deposit") < text.index("Within 15 days.")
        assert f"{book.manager.first_name} {book.manager.last_name} (agency)" in text


async def test_forgetting_a_tenant_scrubs_them_from_their_conversations(
    client: httpx.AsyncClient, factory: Factory, book: Book, session: AsyncSession
) -> None:
    tenant = await factory.headers(book.tenant)
    manager = await factory.headers(book.manager)
    conversation_id = (
        await _start(
            client,
            tenant,
            subject=f"From {book.tenant.first_name} {book.tenant.last_name}",
            body=f"Call me on {book.tenant.phone} or {book.tenant.email}. The boiler is old.",
        )
    ).json()["id"]

    await messages.forget_tenant_conversations(
        session,
        book.agency.id,
        book.tenant.id,
        Needles(
            book.tenant.first_name, book.tenant.last_name, book.tenant.email, book.tenant.phone
        ),
    )
    session.expire_all()

    kept = (await client.get(f"{STAFF}/{conversation_id}", headers=manager)).json()
    assert kept["subject"] == "From [deleted]"
    assert kept["messages"][0]["body"] == "Call me on [deleted] or [deleted]. The boiler is old."


def test_the_api_process_registers_the_message_emails() -> None:
    kinds = subprocess.run(
        [
            sys.executable,
            "-c",
            "import doorstep.app\n"
            "from doorstep.notifications.service import composer_kinds\n"
            "print(' '.join(sorted(composer_kinds())))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {messages.STAFF_EMAIL, messages.TENANT_EMAIL} <= set(kinds)

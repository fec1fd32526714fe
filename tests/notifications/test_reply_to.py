"""Replies to an agency's e-mails reach the agency, not the shared no-reply sender: the
Reply-To is its contact e-mail, else its active owner's (through the real SMTP sink)."""

from __future__ import annotations

from sqlalchemy import update

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.notifications.service import QueuedEmail, deliver_due, queue_email, queue_emails
from doorstep.notifications.smtp import Mailer
from tests.conftest import NOW
from tests.factories import Factory
from tests.notifications.conftest import Sink


async def _add_staff(database: Database, agency: Agency, role: StaffRole) -> StaffUser:
    async with database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        return await factory.staff(agency, role)


async def _send_one(database: Database, agency: Agency, mailer: Mailer, sink: Sink) -> str | None:
    async with database.transaction() as session:
        await queue_email(
            session,
            agency_id=agency.id,
            to="tara@example.com",
            subject="Your invoice",
            text="Questions? Reply to this e-mail.\n",
            kind="test",
            from_name=agency.name,
        )
    await deliver_due(database, mailer, NOW)
    reply_to: str | None = sink.messages()[-1].message["Reply-To"]
    return reply_to


async def test_replies_go_to_the_active_owner_when_the_agency_lists_no_contact_email(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    await _add_staff(committed_database, agency, StaffRole.MANAGER)
    owner = await _add_staff(committed_database, agency, StaffRole.OWNER)

    reply_to = await _send_one(committed_database, agency, mailer, smtp_sink)

    assert reply_to == owner.email
    assert smtp_sink.messages()[-1].message["From"] == f"{agency.name} <no-reply@doorstep.test>"


async def test_the_agency_contact_email_wins_over_the_owner(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    await _add_staff(committed_database, agency, StaffRole.OWNER)
    async with committed_database.transaction() as session:
        await session.execute(
            update(Agency)
            .where(Agency.id == agency.id)
            .values(settings={"contact_email": "hello@acme.example"})
        )

    assert await _send_one(committed_database, agency, mailer, smtp_sink) == "hello@acme.example"


async def test_a_deactivated_owner_gets_no_replies_and_without_anyone_there_is_no_reply_to(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    owner = await _add_staff(committed_database, agency, StaffRole.OWNER)
    async with committed_database.transaction() as session:
        await session.execute(
            update(StaffUser).where(StaffUser.id == owner.id).values(is_active=False)
        )

    assert await _send_one(committed_database, agency, mailer, smtp_sink) is None


async def test_a_batch_carries_the_reply_address_too(
    committed_database: Database, agency: Agency, smtp_sink: Sink, mailer: Mailer
) -> None:
    owner = await _add_staff(committed_database, agency, StaffRole.OWNER)
    async with committed_database.transaction() as session:
        await queue_emails(
            session,
            agency.id,
            [
                QueuedEmail(
                    to=f"tenant{n}@example.com",
                    subject="Rent due soon",
                    text="Reply to this e-mail.\n",
                    html=None,
                    dedupe_key=f"reply-to-batch-{agency.id}-{n}",
                    kind="test",
                )
                for n in range(2)
            ],
        )

    await deliver_due(committed_database, mailer, NOW)

    assert [m.message["Reply-To"] for m in smtp_sink.messages()] == [owner.email] * 2

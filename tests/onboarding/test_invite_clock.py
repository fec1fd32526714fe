"""Acceptance 1 of issue 13, walked with the clock through the real tick: reminders reach
the SMTP sink on days 3, 4, 5 and 6 and never after, the invite expires on day 7; resend,
cancel, and a used invite (seed 001)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from doorstep.agencies.models import Agency, StaffRole
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.onboarding import service
from doorstep.onboarding.models import InviteStatus, OnboardingInvite
from doorstep.scheduler import concerns
from doorstep.scheduler.service import tick
from tests.conftest import NOW, settings_for_tests
from tests.factories import Factory
from tests.notifications.conftest import MAIL_FROM, Sink
from tests.onboarding.helpers import BASE_URL, invite, link_token, simple_flow

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def tick_settings(monkeypatch: pytest.MonkeyPatch, smtp_sink: Sink) -> None:
    settings = settings_for_tests(
        smtp_url=smtp_sink.url, mail_from=MAIL_FROM, public_base_url=BASE_URL
    )
    monkeypatch.setattr(concerns, "get_settings", lambda: settings)


def _to(sink: Sink, email: str) -> list[str]:
    return [m.subject for m in sink.messages() if email in m.to]


async def _tick(database: Database, day: int) -> None:
    report = await tick(database, concerns.registry, NOW + day * DAY)
    assert not report.failures, report.failures


async def _status(database: Database, invite_id: uuid.UUID) -> InviteStatus:
    async with database.transaction() as session:
        return (await session.get_one(OnboardingInvite, invite_id)).status


async def _redeem(database: Database, token: str, day: int) -> None:
    async with database.transaction() as session:
        found = await service.find_invite_by_token(session, token, NOW + day * DAY, for_update=True)
        assert found is not None
        await service.redeem_invite(session, found, "a long enough password", NOW + day * DAY)


async def test_reminders_expiry_resend_cancel_and_use(
    committed_database: Database, agency: Agency, smtp_sink: Sink
) -> None:
    database = committed_database
    waiting, used, cancelled = (f"{who}-{uuid.uuid4().hex[:6]}@example.com" for who in "wuc")
    async with database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        staff = await factory.staff(agency, StaffRole.MANAGER)
        flow = await simple_flow(session, agency)
        first = await invite(session, agency, staff, flow, email=waiting, now=NOW)
        await invite(session, agency, staff, flow, email=used, now=NOW)
        third = await invite(session, agency, staff, flow, email=cancelled, now=NOW)

    await _tick(database, 0)
    invitations = [m for m in smtp_sink.messages() if waiting in m.to]
    assert len(invitations) == 1
    first_link = link_token(invitations[0].message)
    used_link = link_token(next(m for m in smtp_sink.messages() if used in m.to).message)
    cancelled_link = link_token(next(m for m in smtp_sink.messages() if cancelled in m.to).message)

    await _redeem(database, used_link, 1)
    async with database.transaction() as session:
        await service.cancel_invite(session, agency.id, third.invite.id, now=NOW + DAY)
    async with database.transaction() as session:
        with pytest.raises(service.InviteLinkCancelled, match="cancelled"):
            await service.find_invite_by_token(session, cancelled_link, NOW + DAY)

    reminders_by_day = {}
    for day in range(1, 11):
        await _tick(database, day)
        await _tick(database, day)  # a second tick at the same instant changes nothing
        reminders_by_day[day] = sum(s.startswith("Reminder") for s in _to(smtp_sink, waiting))
    assert reminders_by_day == {1: 0, 2: 0, 3: 1, 4: 2, 5: 3, 6: 4, 7: 4, 8: 4, 9: 4, 10: 4}
    # The reminders repeat the invitation's own link.
    reminder = next(m for m in smtp_sink.messages() if waiting in m.to and "Reminder" in m.subject)
    assert link_token(reminder.message) == first_link
    assert await _status(database, first.invite.id) is InviteStatus.EXPIRED
    assert _to(smtp_sink, used) == [_to(smtp_sink, used)[0]], "a used invite gets no reminder"
    assert len(_to(smtp_sink, cancelled)) == 1, "a cancelled invite gets no reminder"
    async with database.transaction() as session:
        with pytest.raises(service.InviteLinkExpired, match="expired"):
            await service.find_invite_by_token(session, first_link, NOW + 10 * DAY)

    # Resend on day 10: a fresh link, the old one refused, 7 days and reminders again.
    async with database.transaction() as session:
        agency_row = await session.get_one(Agency, agency.id)
        await service.resend_invite(
            session,
            agency_row,
            first.invite.id,
            now=NOW + 10 * DAY,
            base_url=BASE_URL,
            secret=settings_for_tests().secret_key.get_secret_value(),
        )
    await _tick(database, 10)
    fresh = [m for m in smtp_sink.messages() if waiting in m.to and "Reminder" not in m.subject]
    links = {link_token(m.message) for m in fresh}
    assert len(fresh) == 2
    assert len(links) == 2, "the resent invitation carries a fresh link"
    new_link = (links - {first_link}).pop()
    async with database.transaction() as session:
        assert await service.find_invite_by_token(session, first_link, NOW + 10 * DAY) is None
    for day in range(11, 14):
        await _tick(database, day)
    assert sum(s.startswith("Reminder") for s in _to(smtp_sink, waiting)) == 5
    await _redeem(database, new_link, 13)
    assert await _status(database, first.invite.id) is InviteStatus.USED
    for day in range(14, 18):
        await _tick(database, day)
    assert sum(s.startswith("Reminder") for s in _to(smtp_sink, waiting)) == 5
    async with database.transaction() as session:
        with pytest.raises(service.InviteLinkUsed, match="already been used"):
            await service.find_invite_by_token(session, new_link, NOW + 14 * DAY)


async def test_no_reminder_once_the_invitee_made_their_account_through_another_invite(
    committed_database: Database, agency: Agency, smtp_sink: Sink
) -> None:
    """Staff sent a second invite instead of resending the first; the invitee used the second.
    The first stays pending until it expires, but reminding them to create an account they
    have (with a link that would be refused) is what seed 001's reminders are not for."""
    database = committed_database
    email = f"twice-{uuid.uuid4().hex[:6]}@example.com"
    other = f"other-{uuid.uuid4().hex[:6]}@example.com"
    async with database.transaction() as session:
        factory = Factory(session, None, FixedClock(NOW))  # type: ignore[arg-type]
        staff = await factory.staff(agency, StaffRole.MANAGER)
        flow = await simple_flow(session, agency)
        first = await invite(session, agency, staff, flow, email=email, now=NOW)
        second = await invite(session, agency, staff, flow, email=email.upper(), now=NOW + DAY)
        await invite(session, agency, staff, flow, email=other, now=NOW)
    await _redeem(database, second.token, 1)

    for day in range(2, 8):
        await _tick(database, day)
    reminders = [
        m.subject
        for m in smtp_sink.messages()
        if email in m.to.lower() and m.subject.startswith("Reminder")
    ]
    assert reminders == []
    assert await _status(database, first.invite.id) is InviteStatus.EXPIRED
    # An invitee without an account is still reminded on days 3 to 6.
    assert sum(s.startswith("Reminder") for s in _to(smtp_sink, other)) == 4

"""Payment reminders for everyone: the agency's number of days, once per invoice, in the
agency's language."""

from __future__ import annotations

from datetime import date

from doorstep.agencies.models import Agency
from doorstep.recurring.messages import CATALOGUE
from doorstep.tenants.models import Tenant
from tests.recurring.conftest import SETUP_DAY, Scenario, text_of

DEC_DUE = date(2026, 12, 1)


def test_every_message_exists_in_every_language() -> None:
    keys = set(CATALOGUE["en"])
    for language, texts in CATALOGUE.items():
        assert set(texts) == keys, language


async def test_reminders_go_the_agencys_number_of_days_ahead_once(scenario: Scenario) -> None:
    await scenario.change_settings(reminder_days_before_due=5)
    await scenario.walk_to(date(2026, 11, 25))
    assert scenario.emails("due on") == []
    await scenario.walk_to(date(2026, 11, 26))
    [reminder] = scenario.emails("due on")
    assert "1 December 2026" in reminder.subject
    assert "help@recurring.example" in text_of(reminder)
    # Ticking again, on that day or later, sends nothing more.
    await scenario.tick(date(2026, 11, 26))
    await scenario.walk_to(DEC_DUE)
    assert len(scenario.emails("due on")) == 1


async def test_reminders_speak_the_agencys_language(scenario: Scenario) -> None:
    async with scenario.database.transaction() as session:
        agency = await session.get_one(Agency, scenario.agency.id)
        agency.locale = "fr-BE"
    await scenario.walk_to(SETUP_DAY)
    await scenario.walk_to(date(2026, 11, 28))
    [reminder] = scenario.emails("à payer le")
    assert "1 décembre 2026" in reminder.subject
    # Under the agency's name, the greeting is French.
    assert "Bonjour Tara Tenant," in text_of(reminder).splitlines()


async def test_a_tenant_who_chose_dutch_gets_the_reminders_in_dutch(scenario: Scenario) -> None:
    async with scenario.database.transaction() as session:
        agency = await session.get_one(Agency, scenario.agency.id)
        agency.locale = "fr-BE"
        tenant = await session.get_one(Tenant, scenario.tenant.id)
        tenant.language = "nl"
    await scenario.walk_to(SETUP_DAY)
    await scenario.walk_to(date(2026, 11, 28))
    [reminder] = scenario.emails("te betalen op")
    assert "1 december 2026" in reminder.subject  # Dutch words, Belgium's formats (nl-BE)
    assert "Beste Tara Tenant," in text_of(reminder).splitlines()
    assert not scenario.emails("à payer le")

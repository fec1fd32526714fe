"""Issue 11, "one time and date format": e-mails write dates, periods and instants as the two
front ends do (web-shared/src/lib/format/date.ts and its tests hold the same strings) — one
date style per locale, a period as one range, an instant on the agency's clock naming its zone —
in the agency's language and time zone, whatever the server's own zone."""

# The expected strings are typeset as CLDR writes them: en dashes and typographic apostrophes.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from doorstep.agencies.models import StaffRole
from doorstep.collections.emails import render_payment_link_email
from doorstep.documents.i18n import Texts
from doorstep.onboarding.messages import invite_email
from tests.collections.builders import named_tenant, ready_for_follow_ups
from tests.factories import Factory

LINK_EXPIRES = datetime(2026, 12, 6, 3, 45, tzinfo=UTC)
PAY_URL = "https://doorstep.example/portal/pay/tok_abcdefghijklmnop0123"


def _plain(value: str) -> str:
    return value.replace("\xa0", " ").replace("\u202f", " ").replace("\u2009", " ")


@pytest.mark.parametrize(
    ("locale", "day", "period", "across_years", "instant"),
    [
        (
            "en-BE",
            "6 December 2026",
            "1–31 January 2027",
            "6 December 2026 – 5 January 2027",
            "6 December 2026, 04:45 (Central European Time)",
        ),
        (
            "fr-BE",
            "6 décembre 2026",
            "1–31 janvier 2027",
            "6 décembre 2026 – 5 janvier 2027",
            "6 décembre 2026, 04:45 (heure d’Europe centrale)",
        ),
        (
            "nl-BE",
            "6 december 2026",
            "1–31 januari 2027",
            "6 december 2026 – 5 januari 2027",
            "6 december 2026, 04:45 (Midden-Europese tijd)",
        ),
    ],
)
def test_the_one_style_in_each_language(
    locale: str, day: str, period: str, across_years: str, instant: str
) -> None:
    texts = Texts.for_agency(locale, "Europe/Brussels")
    assert texts.date(date(2026, 12, 6)) == day
    assert _plain(texts.period(date(2027, 1, 1), date(2027, 1, 31))) == period
    assert _plain(texts.period(date(2026, 12, 6), date(2027, 1, 5))) == across_years
    assert _plain(texts.instant(LINK_EXPIRES)) == instant
    # An instant's date is the day on the agency's calendar.
    assert texts.date(datetime(2026, 12, 5, 23, 30, tzinfo=UTC)) == day


def test_instants_follow_the_agencys_zone_not_the_servers() -> None:
    new_york = Texts.for_agency("en-US", "America/New_York")
    assert _plain(new_york.instant(LINK_EXPIRES)) == "December 5, 2026, 10:45 PM (Eastern Time)"
    assert new_york.date(LINK_EXPIRES) == "December 5, 2026"
    assert _plain(new_york.period(date(2027, 1, 1), date(2027, 1, 31))) == "January 1 – 31, 2027"
    assert new_york.period(date(2027, 1, 1), date(2027, 1, 1)) == "January 1, 2027"


def test_an_instant_names_its_zone_by_key_where_the_locale_has_no_zone_names() -> None:
    # CLDR names no zones for Hmong Njua (Nyiakeng Puachue script): the e-mail still goes.
    sparse = Texts.for_agency("hnj-Hmnp", "Europe/Brussels")
    assert sparse.instant(LINK_EXPIRES).endswith("(Europe/Brussels)")


@pytest.mark.parametrize(
    ("locale", "period", "expires"),
    [
        ("en-BE", "1–31 January 2027", "6 December 2026, 04:45 (Central European Time)"),
        ("fr-BE", "1–31 janvier 2027", "6 décembre 2026, 04:45 (heure d’Europe centrale)"),
        ("nl-BE", "1–31 januari 2027", "6 december 2026, 04:45 (Midden-Europese tijd)"),
    ],
)
async def test_the_payment_link_email_says_the_period_and_the_exact_expiry(
    factory: Factory, locale: str, period: str, expires: str
) -> None:
    agency = await factory.agency()
    agency.locale = locale
    await ready_for_follow_ups(factory, agency)
    staff = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await named_tenant(factory, agency, "Bob", "Baker")
    lease = await factory.lease(agency, [tenant])
    invoice = await factory.invoice(agency, lease, staff, amount=95_000)
    invoice.period_start, invoice.period_end = date(2027, 1, 1), date(2027, 1, 31)
    await factory.session.flush()

    mail = await render_payment_link_email(
        factory.session, invoice, tenant.id, url=PAY_URL, expires_at=LINK_EXPIRES
    )

    assert mail.html is not None
    for part in (_plain(mail.text), _plain(mail.html)):
        assert period in part, part
        assert expires in part, part


def test_the_invite_says_when_its_link_stops_working() -> None:
    mail = invite_email(
        locale="fr-BE",
        timezone="Europe/Brussels",
        agency_name="Acme Lettings",
        first_name="Ines",
        link="https://doorstep.example/portal/invite/tok",
        expires_at=LINK_EXPIRES,
        reminder=True,
    )
    assert "expire le 6 décembre 2026" in _plain(mail.subject)
    assert "6 décembre 2026, 04:45 (heure d’Europe centrale)" in _plain(mail.text)

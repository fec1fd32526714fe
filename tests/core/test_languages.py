"""A tenant's language: the one rule choosing a message's locale, the languages every e-mail
catalogue has, and the language on the tenant record (staff) and the profile (the tenant)."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from babel import Locale
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.accounts import messages as account_messages
from doorstep.agencies.models import StaffRole
from doorstep.collections import email_texts
from doorstep.core.languages import LANGUAGES, Language, message_locale, tenant_locale
from doorstep.documents import i18n
from doorstep.documents.i18n import Texts
from doorstep.incidents import emails as incident_emails
from doorstep.onboarding import assignment_messages
from doorstep.onboarding import messages as onboarding_messages
from doorstep.recurring import messages as recurring_messages
from tests.factories import Factory


@pytest.mark.parametrize(
    "catalogue",
    [
        i18n.CATALOGUE,
        incident_emails.CATALOGUE,
        recurring_messages.CATALOGUE,
        onboarding_messages.CATALOGUE,
        assignment_messages.CATALOGUE,
        account_messages.CATALOGUE,
        email_texts.CATALOGUE,
    ],
)
def test_every_language_a_tenant_may_choose_has_every_e_mail_catalogue(
    catalogue: dict[str, dict[str, str]],
) -> None:
    assert set(LANGUAGES) <= set(catalogue)
    for code in LANGUAGES:
        assert Locale.parse(code).language == code  # a language babel (CLDR) knows


@pytest.mark.parametrize(
    ("agency", "language", "expected"),
    [
        ("fr-BE", "nl", "nl-BE"),  # the tenant's words, Belgium's formats
        ("nl-BE", "fr", "fr-BE"),
        ("en-GB", "fr", "fr"),  # CLDR has no fr-GB: the language alone
        ("fr-BE", "fr", "fr-BE"),  # the agency's own language: its locale as it is
        ("fr-BE", None, "fr-BE"),  # no choice: the agency's
        ("en", "nl", "nl"),
    ],
)
def test_the_tenants_language_with_the_agencys_region(
    agency: str, language: str | None, expected: str
) -> None:
    assert message_locale(agency, language) == expected


def test_a_tenant_reads_their_language_and_staff_the_agencys() -> None:
    agency = SimpleNamespace(locale="fr-BE", timezone="Europe/Brussels")
    dutch = SimpleNamespace(language="nl")
    undecided = SimpleNamespace(language=None)

    assert tenant_locale(agency, dutch) == "nl-BE"
    assert tenant_locale(agency, undecided) == "fr-BE"
    assert tenant_locale(agency, None) == "fr-BE"
    texts = Texts.for_tenant(agency, dutch)
    assert texts.language == "nl"
    assert texts("email.signoff") == "Met vriendelijke groeten,"
    assert texts.money(123456, "EUR") == "€\xa01.234,56"  # nl-BE
    assert Texts.for_tenant(agency, undecided).language == "fr"


async def test_staff_set_change_and_clear_a_tenants_language(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))

    created = await client.post(
        "/api/v1/tenants",
        json={
            "first_name": "Noor",
            "last_name": "Peeters",
            "email": "noor@example.com",
            "language": "nl",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    assert created.json()["language"] == "nl"
    url = f"/api/v1/tenants/{created.json()['id']}"

    changed = await client.patch(url, json={"language": "fr"}, headers=headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["language"] == "fr"
    untouched = await client.patch(url, json={"first_name": "Nora"}, headers=headers)
    assert untouched.json()["language"] == "fr"
    cleared = await client.patch(url, json={"language": None}, headers=headers)
    assert cleared.json()["language"] is None
    assert (await client.get(url, headers=headers)).json()["language"] is None


@pytest.mark.parametrize("language", ["de", "NL", "nl-BE", "", "klingon", 3])
async def test_an_unknown_language_is_a_422_on_the_field(
    client: httpx.AsyncClient, factory: Factory, language: object
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    staff_headers = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))

    for refused in (
        await client.patch(
            f"/api/v1/tenants/{tenant.id}", json={"language": language}, headers=staff_headers
        ),
        await client.patch(
            "/api/v1/portal/me", json={"language": language}, headers=await factory.headers(tenant)
        ),
    ):
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert [error["field"] for error in refused.json()["errors"]] == ["language"]


async def test_the_tenant_chooses_their_language_in_the_portal(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    headers = await factory.headers(tenant)

    before = await client.get("/api/v1/portal/me", headers=headers)
    assert before.json()["language"] is None

    chosen = await client.patch("/api/v1/portal/me", json={"language": "nl"}, headers=headers)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["language"] == "nl"
    assert chosen.json()["phone"] == "+32470123456"  # not sent: unchanged
    assert (await client.get("/api/v1/portal/me", headers=headers)).json()["language"] == "nl"
    await session.refresh(tenant)
    assert tenant.language == Language.NL

    # The phone alone leaves the language; a tenant cannot unset it (they pick another one).
    phone = await client.patch("/api/v1/portal/me", json={"phone": None}, headers=headers)
    assert phone.json()["phone"] is None
    assert phone.json()["language"] == "nl"
    unset = await client.patch("/api/v1/portal/me", json={"language": None}, headers=headers)
    assert unset.status_code == 422
    assert unset.json()["errors"][0]["field"] == "language"

"""Follow-ups: the message a tenant gets about overdue rent, its recording, outcome, escalation
and review (seed 000: open record → review → act → document outcome → escalate)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx
import pytest
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.collections.references import display_reference, lease_payment_reference
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxMessage
from doorstep.tenants.models import Tenant
from tests.collections.builders import (
    BIC,
    CONTACT_EMAIL,
    IBAN,
    credit,
    invoice,
    named_tenant,
    pay,
    ready_for_follow_ups,
)
from tests.factories import Factory


@dataclass
class Scene:
    agency: Agency
    manager: StaffUser
    accountant: StaffUser
    bob: Tenant
    cara: Tenant
    lease: Lease
    numbers: tuple[int, int]


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    """Bob and Cara Baker rent A2 at Alpha House. Today is 23 November 2026. Overdue: 950.00
    due 1 September (200.00 paid), 950.00 due 1 October (50.00 credited). Not overdue: 950.00
    due 1 December, and one due 1 August that is paid."""
    agency = await factory.agency()
    await ready_for_follow_ups(factory, agency)
    manager = await factory.staff(agency, StaffRole.MANAGER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    bob = await named_tenant(factory, agency, "Bob", "Baker")
    cara = await named_tenant(factory, agency, "Cara", "Baker")
    alpha = await factory.property(agency, "Alpha House")
    lease = await factory.lease(agency, [bob, cara], unit=await factory.unit(agency, alpha, "A2"))
    september = await invoice(factory, agency, lease, manager, due=date(2026, 9, 1), amount=95_000)
    october = await invoice(factory, agency, lease, manager, due=date(2026, 10, 1), amount=95_000)
    await invoice(factory, agency, lease, manager, due=date(2026, 12, 1), amount=95_000)
    august = await invoice(factory, agency, lease, manager, due=date(2026, 8, 1), amount=95_000)
    await pay(
        factory,
        agency,
        manager,
        lease,
        bob,
        amount=95_000 + 20_000,
        allocations=[(august, 95_000), (september, 20_000)],
    )
    await credit(factory, agency, manager, october, 5_000)
    assert september.number is not None
    assert october.number is not None
    return Scene(agency, manager, accountant, bob, cara, lease, (september.number, october.number))


async def _messages(factory: Factory, agency: Agency) -> list[OutboxMessage]:
    return list(
        (
            await factory.session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.agency_id == agency.id,
                    OutboxMessage.kind == "collections_follow_up",
                )
                .order_by(OutboxMessage.to_address)
            )
        ).all()
    )


async def test_the_message_says_what_is_owed_by_when_how_to_pay_and_whom_to_ask(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    headers = await factory.headers(scene.manager)

    response = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(scene.lease.id), "note": "Second reminder; called Bob on Monday."},
        headers=headers,
    )

    assert response.status_code == 201, response.text
    follow_up = response.json()
    september, october = scene.numbers
    assert follow_up["overdue_total"] == 75_000 + 90_000
    assert follow_up["invoices"] == [
        {
            "invoice_id": follow_up["invoices"][0]["invoice_id"],
            "number": september,
            "due_date": "2026-09-01",
            "outstanding": 75_000,
            "days_overdue": 83,
        },
        {
            "invoice_id": follow_up["invoices"][1]["invoice_id"],
            "number": october,
            "due_date": "2026-10-01",
            "outstanding": 90_000,
            "days_overdue": 53,
        },
    ]
    assert [r["name"] for r in follow_up["recipients"]] == ["Bob Baker", "Cara Baker"]
    assert (follow_up["sent_by_name"], follow_up["channel"]) == ("Manager Tester", "email")
    assert follow_up["note"] == "Second reminder; called Bob on Monday."
    assert follow_up["outcome"] is None
    assert follow_up["awaiting_review"] is False

    messages = await _messages(factory, scene.agency)
    assert sorted(m.to_address for m in messages) == sorted([scene.bob.email, scene.cara.email])
    assert {m.kind for m in messages} == {"collections_follow_up"}
    assert {str(m.id) for m in messages} == {r["message_id"] for r in follow_up["recipients"]}
    bob = next(m for m in messages if m.to_address == scene.bob.email)
    text = bob.text_body.replace("\xa0", " ")
    reference = display_reference(lease_payment_reference(scene.lease.id))
    assert bob.subject.replace("\xa0", " ") == (
        "Acme Lettings: 1.650,00 € overdue for Alpha House, unit A2"
    )
    for expected in (
        "Dear Bob Baker,",
        f"Invoice {september}: 750,00 € still due, due on 1 September 2026 (83 days overdue)",
        f"Invoice {october}: 900,00 € still due, due on 1 October 2026 (53 days overdue)",
        "Total overdue: 1.650,00 €. Please pay it as soon as possible.",
        f"By bank transfer to Acme Lettings client account, IBAN {display_reference(IBAN)} "
        f"(BIC {BIC}), "
        f"with the reference {reference}.",
        "http://127.0.0.1:8000/portal/",
        f"contact us before the balance grows: {CONTACT_EMAIL} or +32 2 555 12 34.",
    ):
        assert expected in text, f"{expected!r} not in:\n{text}"
    assert "called Bob" not in text  # the note is for the team
    # The not-yet-due and the paid invoices are not mentioned.
    assert "December" not in text
    assert "August" not in text
    assert bob.html_body is not None
    assert f'<a href="mailto:{CONTACT_EMAIL}">' in bob.html_body
    assert "<td>1 October 2026</td>" in bob.html_body
    assert (
        follow_up["body"] == next(m for m in messages if m.to_address == scene.cara.email).text_body
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "fr-BE",
            [
                "Acme Lettings : 1 650,00 € en retard pour Alpha House, logement A2",
                "Bonjour Bob Baker,",
                "Selon nos données, ces 2 factures pour Alpha House, logement A2 sont échues",
                "Facture {september} : 750,00 € restant dû, échéance le 1 septembre 2026 "
                "(en retard de 83 jours)",
                "Total en retard : 1 650,00 €.",
                "Comment payer",
                "Par virement bancaire à Acme Lettings client account",
                "Besoin d'aide ?",
                "contactez-nous avant que le solde n'augmente : {contact} ou +32 2 555 12 34.",
                "Cordialement,",
            ],
        ),
        (
            "nl-BE",
            [
                "Acme Lettings: € 1.650,00 achterstallig voor Alpha House, wooneenheid A2",
                "Beste Bob Baker,",
                "Volgens onze gegevens zijn deze 2 facturen voor Alpha House, wooneenheid A2",
                "Factuur {september}: nog € 750,00 te betalen, vervallen op 1 september 2026 "
                "(83 dagen te laat)",
                "Totaal achterstallig: € 1.650,00.",
                "Hoe betalen",
                "Per overschrijving naar Acme Lettings client account",
                "Hulp nodig?",
                "voordat het saldo oploopt: {contact} of +32 2 555 12 34.",
                "Met vriendelijke groeten,",
            ],
        ),
    ],
)
async def test_the_message_is_in_the_agency_language(
    client: httpx.AsyncClient,
    factory: Factory,
    scene: Scene,
    locale: str,
    expected: list[str],
) -> None:
    scene.agency.locale = locale
    await factory.session.flush()

    response = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(scene.lease.id), "tenant_id": str(scene.bob.id)},
        headers=await factory.headers(scene.manager),
    )

    assert response.status_code == 201, response.text
    (message,) = await _messages(factory, scene.agency)
    september, _ = scene.numbers
    text = f"{message.subject}\n{message.text_body}".replace("\xa0", " ").replace("\u202f", " ")
    for phrase in expected:
        wanted = phrase.format(september=september, contact=CONTACT_EMAIL)
        assert wanted in text, f"{wanted!r} not in:\n{text}"
    for english in ("Dear", "Invoice", "How to pay", "Need help", "Kind regards", " unit "):
        assert english not in text, f"{english!r} left in the {locale} message:\n{text}"
    assert message.html_body is not None
    html_body = message.html_body.replace("\xa0", " ").replace("\u202f", " ")
    september_first = {"fr-BE": "1 septembre 2026", "nl-BE": "1 september 2026"}[locale]
    assert f"<td>{september_first}</td>" in html_body
    assert "Invoice" not in html_body


async def test_one_tenant_and_a_personal_message(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    response = await client.post(
        "/api/v1/collections/follow-ups",
        json={
            "lease_id": str(scene.lease.id),
            "tenant_id": str(scene.cara.id),
            "message": "As agreed on the phone, half now and half on the 15th is fine.",
        },
        headers=await factory.headers(scene.manager),
    )

    assert response.status_code == 201, response.text
    assert [r["tenant_id"] for r in response.json()["recipients"]] == [str(scene.cara.id)]
    (message,) = await _messages(factory, scene.agency)
    assert message.to_address == scene.cara.email
    assert "half now and half on the 15th" in message.text_body


async def test_the_team_sees_the_record_documents_the_outcome_and_escalates(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    manager = await factory.headers(scene.manager)
    accountant = await factory.headers(scene.accountant)
    viewer = await factory.headers(await factory.staff(scene.agency, StaffRole.VIEWER))
    sent = await client.post(
        "/api/v1/collections/follow-ups", json={"lease_id": str(scene.lease.id)}, headers=manager
    )
    follow_up_id = sent.json()["id"]

    listed = await client.get(
        "/api/v1/collections/follow-ups", params={"lease_id": str(scene.lease.id)}, headers=viewer
    )
    assert [f["id"] for f in listed.json()["items"]] == [follow_up_id]
    by_tenant = await client.get(
        "/api/v1/collections/follow-ups", params={"tenant_id": str(scene.cara.id)}, headers=viewer
    )
    assert [f["id"] for f in by_tenant.json()["items"]] == [follow_up_id]

    refused = await client.patch(
        f"/api/v1/collections/follow-ups/{follow_up_id}",
        json={"outcome": "promised_to_pay"},
        headers=viewer,
    )
    assert refused.status_code == 403
    documented = await client.patch(
        f"/api/v1/collections/follow-ups/{follow_up_id}",
        json={
            "outcome": "payment_plan",
            "outcome_note": "Bob asks to pay 300 a month on top of the rent.",
            "escalate": True,
        },
        headers=manager,
    )
    assert documented.status_code == 200, documented.text
    body = documented.json()
    assert (body["outcome"], body["outcome_by_name"], body["escalated_by_name"]) == (
        "payment_plan",
        "Manager Tester",
        "Manager Tester",
    )
    assert body["awaiting_review"] is True
    twice = await client.patch(
        f"/api/v1/collections/follow-ups/{follow_up_id}", json={"escalate": True}, headers=manager
    )
    assert twice.status_code == 409

    queue = await client.get(
        "/api/v1/collections/follow-ups", params={"awaiting_review": "true"}, headers=accountant
    )
    assert [f["id"] for f in queue.json()["items"]] == [follow_up_id]

    not_a_reviewer = await client.post(
        f"/api/v1/collections/follow-ups/{follow_up_id}/review",
        json={"note": "Fine by me"},
        headers=manager,
    )
    assert not_a_reviewer.status_code == 403
    reviewed = await client.post(
        f"/api/v1/collections/follow-ups/{follow_up_id}/review",
        json={"note": "Agreed for 6 months; put it in writing."},
        headers=accountant,
    )
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["reviewed_by_name"] == "Accountant Tester"
    assert reviewed.json()["awaiting_review"] is False
    again = await client.post(
        f"/api/v1/collections/follow-ups/{follow_up_id}/review",
        json={"note": "Again"},
        headers=accountant,
    )
    assert again.status_code == 409
    empty_queue = await client.get(
        "/api/v1/collections/follow-ups", params={"awaiting_review": "true"}, headers=accountant
    )
    assert empty_queue.json()["items"] == []


async def test_the_person_who_escalated_does_not_review_it(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    accountant = await factory.headers(scene.accountant)
    sent = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(scene.lease.id)},
        headers=accountant,
    )
    follow_up_id = sent.json()["id"]
    await client.patch(
        f"/api/v1/collections/follow-ups/{follow_up_id}",
        json={"outcome": "disputed", "escalate": True},
        headers=accountant,
    )
    own = await client.post(
        f"/api/v1/collections/follow-ups/{follow_up_id}/review",
        json={"note": "I agree with myself"},
        headers=accountant,
    )
    assert own.status_code == 403
    owner = await factory.headers(await factory.staff(scene.agency, StaffRole.OWNER))
    assert (
        await client.post(
            f"/api/v1/collections/follow-ups/{follow_up_id}/review",
            json={"note": "Send it to the lawyer."},
            headers=owner,
        )
    ).status_code == 200


async def test_no_follow_up_without_something_overdue_or_the_means_to_pay_and_ask(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    headers = await factory.headers(manager)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    await invoice(factory, agency, lease, manager, due=date(2026, 11, 30), amount=10_000)

    nothing = await client.post(
        "/api/v1/collections/follow-ups", json={"lease_id": str(lease.id)}, headers=headers
    )
    assert nothing.status_code == 409
    assert nothing.json()["type"] == "urn:doorstep:problem:nothing-overdue"

    await invoice(factory, agency, lease, manager, due=date(2026, 11, 1), amount=10_000)
    not_ready = await client.post(
        "/api/v1/collections/follow-ups", json={"lease_id": str(lease.id)}, headers=headers
    )
    assert not_ready.status_code == 409
    assert not_ready.json()["type"] == "urn:doorstep:problem:follow-up-not-ready"
    assert [e["field"] for e in not_ready.json()["errors"]] == [
        "trust_account.iban",
        "agency.settings.contact_email",
    ]
    assert await _messages(factory, agency) == []

    owner = await factory.headers(await factory.staff(agency, StaffRole.OWNER))
    bank = await client.patch(
        "/api/v1/trust-account", json={"iban": "BE68 5390 0754 7035"}, headers=owner
    )
    assert bank.status_code == 422  # a typing mistake in the IBAN
    bank = await client.patch(
        "/api/v1/trust-account",
        json={"iban": "be68 5390 0754 7034", "bic": "gkccbebb"},
        headers=owner,
    )
    assert (bank.json()["iban"], bank.json()["bic"]) == ("BE68539007547034", "GKCCBEBB")
    contact = await client.patch(
        "/api/v1/agency",
        json={
            "settings": {"contact_email": "help@acme.example", "contact_phone": "+32 2 555 12 34"}
        },
        headers=owner,
    )
    assert contact.status_code == 200, contact.text
    assert contact.json()["settings"]["contact_phone"] == "+3225551234"

    ready = await client.post(
        "/api/v1/collections/follow-ups", json={"lease_id": str(lease.id)}, headers=headers
    )
    assert ready.status_code == 201, ready.text


async def test_follow_ups_name_a_lease_and_tenant_of_the_agency(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    headers = await factory.headers(scene.manager)
    stranger = await factory.tenant(scene.agency)
    wrong_tenant = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(scene.lease.id), "tenant_id": str(stranger.id)},
        headers=headers,
    )
    assert wrong_tenant.status_code == 422
    assert wrong_tenant.json()["errors"][0]["field"] == "tenant_id"
    other_agency = await factory.agency("Other")
    elsewhere = await factory.lease(other_agency, [await factory.tenant(other_agency)])
    wrong_lease = await client.post(
        "/api/v1/collections/follow-ups", json={"lease_id": str(elsewhere.id)}, headers=headers
    )
    assert wrong_lease.status_code == 422
    assert wrong_lease.json()["errors"][0]["field"] == "lease_id"


async def test_the_preview_shows_exactly_what_would_be_sent_and_records_nothing(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    """Seed 000: staff review the data before they act — the message the tenant would get,
    word for word, before it is sent."""
    headers = await factory.headers(scene.manager)
    body = {
        "lease_id": str(scene.lease.id),
        "tenant_id": str(scene.cara.id),
        "message": "As agreed on the phone, half now and half on the 15th is fine.",
    }

    preview = await client.post(
        "/api/v1/collections/follow-ups/preview", json=body, headers=headers
    )

    assert preview.status_code == 200, preview.text
    shown = preview.json()
    september, october = scene.numbers
    assert shown["overdue_total"] == 75_000 + 90_000
    assert shown["currency"] == "EUR"
    assert [(i["number"], i["due_date"], i["outstanding"]) for i in shown["invoices"]] == [
        (september, "2026-09-01", 75_000),
        (october, "2026-10-01", 90_000),
    ]
    (message,) = shown["messages"]
    assert (message["tenant_id"], message["name"], message["email"]) == (
        str(scene.cara.id),
        "Cara Baker",
        scene.cara.email,
    )
    assert "half now and half on the 15th" in message["body"]
    assert await _messages(factory, scene.agency) == []
    listed = await client.get(
        "/api/v1/collections/follow-ups",
        params={"lease_id": str(scene.lease.id)},
        headers=headers,
    )
    assert listed.json()["items"] == []

    sent = await client.post("/api/v1/collections/follow-ups", json=body, headers=headers)
    assert sent.status_code == 201, sent.text
    assert (sent.json()["subject"], sent.json()["body"]) == (message["subject"], message["body"])


async def test_the_preview_refuses_what_sending_would_refuse(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    await invoice(factory, agency, lease, manager, due=date(2026, 11, 30), amount=10_000)
    url = "/api/v1/collections/follow-ups/preview"
    body = {"lease_id": str(lease.id)}

    nothing = await client.post(url, json=body, headers=await factory.headers(manager))
    assert nothing.status_code == 409
    assert nothing.json()["type"] == "urn:doorstep:problem:nothing-overdue"

    await invoice(factory, agency, lease, manager, due=date(2026, 11, 1), amount=10_000)
    not_ready = await client.post(url, json=body, headers=await factory.headers(manager))
    assert not_ready.status_code == 409
    assert not_ready.json()["type"] == "urn:doorstep:problem:follow-up-not-ready"

    viewer = await factory.headers(await factory.staff(agency, StaffRole.VIEWER))
    assert (await client.post(url, json=body, headers=viewer)).status_code == 403


async def test_each_tenant_of_the_lease_reads_the_follow_up_in_their_language(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    scene.agency.locale = "fr-BE"
    scene.bob.language = "nl"  # Cara chose none: the agency's French
    await factory.session.flush()

    response = await client.post(
        "/api/v1/collections/follow-ups",
        json={"lease_id": str(scene.lease.id)},
        headers=await factory.headers(scene.manager),
    )

    assert response.status_code == 201, response.text
    by_address = {m.to_address: m for m in await _messages(factory, scene.agency)}
    bob, cara = by_address[scene.bob.email], by_address[scene.cara.email]
    assert "Beste Bob Baker," in bob.text_body
    assert "Met vriendelijke groeten," in bob.text_body
    assert "1 september 2026" in bob.text_body.replace("\xa0", " ")
    assert "Bonjour" not in bob.text_body
    assert "Bonjour Cara Baker," in cara.text_body
    assert "1 septembre 2026" in cara.text_body.replace("\xa0", " ")
    assert "Beste" not in cara.text_body

"""Issue 11: staff send a payment link by e-mail from the app — the tenants get it through the
one template, the link in it works, the send is recorded (who, when, to whom), a retried request
sends nothing again and a second send of the same invoice waits a few minutes."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole
from doorstep.notifications.models import OutboxMessage
from doorstep.tenants.models import Tenant
from tests.collections.builders import named_tenant, ready_for_follow_ups
from tests.conftest import settings_for_tests
from tests.factories import Factory


async def _world(
    factory: Factory, app: FastAPI, *, links: bool = True
) -> tuple[Agency, dict[str, str], str]:
    # The readiness review (seed 000) passes: a link needs the card gateway configured.
    app.state.settings = settings_for_tests(stripe_secret_key="sk_test_link_emails")
    agency = await factory.agency()
    await ready_for_follow_ups(factory, agency)
    agency.settings = {
        **agency.settings,
        "features": {**agency.settings.get("features", {}), "payment_links": links},
    }
    manager = await factory.staff(agency, StaffRole.MANAGER)
    manager.first_name, manager.last_name = "Mia", "Manager"
    bob = await named_tenant(factory, agency, "Bob", "Baker")
    cara = await named_tenant(factory, agency, "Cara", "Baker")
    lease = await factory.lease(agency, [bob, cara])
    invoice = await factory.invoice(agency, lease, manager, amount=45_000)
    await factory.session.flush()
    return agency, await factory.headers(manager), str(invoice.id)


async def _messages(factory: Factory, agency: Agency) -> list[OutboxMessage]:
    return list(
        (
            await factory.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.agency_id == agency.id, OutboxMessage.kind == "payment_link")
                .order_by(OutboxMessage.to_address)
            )
        ).all()
    )


async def test_staff_email_the_link_and_the_send_is_recorded(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    agency, headers, invoice_id = await _world(factory, app)
    path = f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails"

    sent = await client.post(path, headers=headers | {"Idempotency-Key": "send-once-0001"})

    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["sent_by_name"] == "Mia Manager"
    assert body["sent_at"] == factory.clock.now().isoformat().replace("+00:00", "Z")
    assert [r["name"] for r in body["recipients"]] == ["Bob Baker", "Cara Baker"]
    messages = await _messages(factory, agency)
    assert len(messages) == 2
    assert {str(m.id) for m in messages} == {r["message_id"] for r in body["recipients"]}
    # The link in the e-mail opens the invoice's payment page, which names the home.
    [url] = set(re.findall(r"https?://\S+/portal/pay/[A-Za-z0-9_-]+", messages[0].text_body))
    assert messages[0].html_body is not None
    assert f'href="{url}"' in messages[0].html_body
    shown = await client.get("/api/v1/pay/" + url.rsplit("/", 1)[1])
    assert shown.status_code == 200, shown.text
    assert shown.json()["amount_due"] == 45_000
    assert shown.json()["property_name"] == "Residence Louise"

    # The same request again (a retry): the same send, nothing mailed twice.
    again = await client.post(path, headers=headers | {"Idempotency-Key": "send-once-0001"})
    assert again.status_code == 201, again.text
    assert again.json()["id"] == body["id"]
    assert len(await _messages(factory, agency)) == 2

    # Another send right away is refused; ten minutes later it goes.
    soon = await client.post(path, headers=headers)
    assert soon.status_code == 409, soon.text
    assert soon.json()["type"].endswith("payment-link-just-sent")
    factory.clock.advance_to(factory.clock.now() + timedelta(minutes=11))
    later = await client.post(path, headers=headers)
    assert later.status_code == 201, later.text
    assert len(await _messages(factory, agency)) == 4

    listed = await client.get(path, headers=headers)
    assert listed.status_code == 200, listed.text
    assert [item["id"] for item in listed.json()] == [later.json()["id"], body["id"]]


async def test_nothing_is_sent_when_payment_links_are_off(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    agency, headers, invoice_id = await _world(factory, app, links=False)

    response = await client.post(
        f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails", headers=headers
    )

    assert response.status_code == 409, response.text
    assert await _messages(factory, agency) == []
    listed = await client.get(
        f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails", headers=headers
    )
    assert listed.json() == []


async def test_each_tenant_gets_the_link_in_their_language(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    agency, headers, invoice_id = await _world(factory, app)
    agency.locale = "en-BE"
    bob = await factory.session.scalar(
        select(Tenant).where(Tenant.agency_id == agency.id, Tenant.first_name == "Bob")
    )
    assert bob is not None
    bob.language = "nl"
    await factory.session.flush()

    sent = await client.post(
        f"/api/v1/collections/invoices/{invoice_id}/payment-link-emails", headers=headers
    )

    assert sent.status_code == 201, sent.text
    by_address = {m.to_address: m for m in await _messages(factory, agency)}
    dutch = by_address[bob.email]
    (english,) = (m for address, m in by_address.items() if address != bob.email)
    assert "Beste Bob Baker," in dutch.text_body
    assert "Dear" not in dutch.text_body
    assert dutch.html_body is not None
    assert 'lang="nl"' in dutch.html_body
    assert "Dear Cara Baker," in english.text_body

"""The onboarding step that sets up recurring rent (issue 13): offered only while the agency has
recurring payments on, sent only with a lease, completed by a real card set-up at localstripe
(or by one the lease already had), shown to staff, and no longer blocking once the feature is
switched off."""

from __future__ import annotations

import re
import uuid

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease
from doorstep.notifications.models import OutboxMessage
from tests.factories import Factory
from tests.payments_online import conftest as online
from tests.payments_online.conftest import LocalStripe, World, save_card

pay_app = online.pay_app
api = online.api
world = online.world
localstripe = online.localstripe
gateway = online.gateway
_fresh_localstripe = online._fresh_localstripe

VISA = "4242424242424242"
_TOKEN = re.compile(r"/portal/invite/([A-Za-z0-9_\-]+)")
FEATURES_ON = {"online_payments": True, "payment_links": True}


async def _recurring_task(
    client: httpx.AsyncClient, staff: dict[str, str], name: str = "Pay rent automatically"
) -> httpx.Response:
    return await client.post(
        "/api/v1/onboarding/tasks",
        json={"name": name, "kind": "recurring_setup"},
        headers=staff,
    )


async def _switch(database: Database, agency_id: uuid.UUID, *, on: bool) -> None:
    async with database.transaction() as session:
        agency = await session.get_one(Agency, agency_id)
        agency.settings = {
            **agency.settings,
            "features": FEATURES_ON if on else {"online_payments": False},
        }


async def _flow(api: httpx.AsyncClient, staff: dict[str, str]) -> dict[str, object]:
    rules = await api.post(
        "/api/v1/onboarding/tasks",
        json={"name": "House rules", "kind": "read_and_accept", "text": "Quiet after 22:00."},
        headers=staff,
    )
    assert rules.status_code == 201, rules.text
    recurring = await _recurring_task(api, staff)
    assert recurring.status_code == 201, recurring.text
    assert recurring.json()["kind"] == "recurring_setup"
    flow = await api.post(
        "/api/v1/onboarding/flows",
        json={
            "name": "With recurring rent",
            "task_ids": [rules.json()["id"], recurring.json()["id"]],
        },
        headers=staff,
    )
    assert flow.status_code == 201, flow.text
    body: dict[str, object] = flow.json()
    assert body["has_recurring_steps"] is True
    assert body["has_payment_steps"] is False
    return body


async def _invite_and_accept(
    api: httpx.AsyncClient,
    database: Database,
    staff: dict[str, str],
    flow_id: object,
    lease_id: uuid.UUID,
) -> tuple[str, dict[str, str]]:
    email = f"rita-{uuid.uuid4().hex[:8]}@example.com"
    created = await api.post(
        "/api/v1/onboarding/invites",
        json={
            "first_name": "Rita",
            "last_name": "Recurring",
            "email": email,
            "flow_id": flow_id,
            "lease_id": str(lease_id),
        },
        headers=staff,
    )
    assert created.status_code == 201, created.text
    async with database.transaction() as session:
        text = await session.scalar(
            select(OutboxMessage.text_body).where(OutboxMessage.to_address == email)
        )
    assert text is not None
    found = _TOKEN.search(text)
    assert found
    accepted = await api.post(
        f"/api/v1/invites/{found.group(1)}/accept", json={"password": "a long enough password"}
    )
    assert accepted.status_code == 200, accepted.text
    invite_id: str = created.json()["id"]
    return invite_id, {"Authorization": f"Bearer {accepted.json()['access_token']}"}


async def _set_up_by_card(
    api: httpx.AsyncClient, localstripe: LocalStripe, headers: dict[str, str], lease_id: object
) -> dict[str, object]:
    authorisation = await api.get(
        "/api/v1/portal/recurring-payments/authorisation", headers=headers
    )
    assert authorisation.status_code == 200, authorisation.text
    card = await save_card(api, localstripe, headers, VISA)
    created = await api.post(
        "/api/v1/portal/recurring-payments",
        json={
            "lease_id": str(lease_id),
            "method": "card",
            "payment_method_id": card,
            "authorisation_version": authorisation.json()["version"],
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    body: dict[str, object] = created.json()
    return body


# ------------------------------------------------------------------ staff side, feature off


async def test_no_recurring_task_or_flow_while_the_feature_is_off(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    agency.settings = {**agency.settings, "features": {"online_payments": False}}
    await factory.session.flush()

    refused = await _recurring_task(client, staff)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith(":recurring-step-not-offered")
    assert "Switch the feature on" in refused.json()["detail"]

    # Made while the feature was on, the task cannot go into a flow once it is off.
    agency.settings = {**agency.settings, "features": FEATURES_ON}
    await factory.session.flush()
    task = await _recurring_task(client, staff)
    assert task.status_code == 201, task.text
    agency.settings = {**agency.settings, "features": {"online_payments": False}}
    await factory.session.flush()
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Recurring", "task_ids": [task.json()["id"]]},
        headers=staff,
    )
    assert flow.status_code == 409, flow.text
    assert flow.json()["type"].endswith(":recurring-step-not-offered")


async def test_an_invite_with_a_recurring_step_needs_an_active_lease(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    staff = await factory.headers(manager)
    agency.settings = {**agency.settings, "features": FEATURES_ON}
    await factory.session.flush()
    task = await _recurring_task(client, staff)
    flow = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Recurring", "task_ids": [task.json()["id"]]},
        headers=staff,
    )
    assert flow.status_code == 201, flow.text
    invite = {
        "first_name": "Rita",
        "last_name": "Recurring",
        "email": f"rita-{uuid.uuid4().hex[:8]}@example.com",
        "flow_id": flow.json()["id"],
    }
    no_lease = await client.post("/api/v1/onboarding/invites", json=invite, headers=staff)
    assert no_lease.status_code == 422, no_lease.text
    assert no_lease.json()["errors"][0]["field"] == "lease_id"

    other_agency = await factory.agency()
    foreign = await factory.lease(other_agency, [await factory.tenant(other_agency)])
    elsewhere = await client.post(
        "/api/v1/onboarding/invites", json=invite | {"lease_id": str(foreign.id)}, headers=staff
    )
    assert elsewhere.status_code == 422, elsewhere.text
    assert elsewhere.json()["errors"][0]["field"] == "lease_id"

    # Switched off after the flow was built: no new invite asks for it.
    lease = await factory.lease(agency, [await factory.tenant(agency)])
    agency.settings = {**agency.settings, "features": {"online_payments": False}}
    await factory.session.flush()
    off = await client.post(
        "/api/v1/onboarding/invites", json=invite | {"lease_id": str(lease.id)}, headers=staff
    )
    assert off.status_code == 409, off.text
    assert off.json()["type"].endswith(":recurring-step-not-offered")


# ------------------------------------------------------------- the tenant's walk, localstripe


async def test_the_step_completes_with_a_card_set_up_and_staff_see_it(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
) -> None:
    flow = await _flow(api, world.staff_headers)
    invite_id, headers = await _invite_and_accept(
        api, committed_database, world.staff_headers, flow["id"], world.lease.id
    )

    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    step = onboarding["steps"][1]
    assert step["kind"] == "recurring_setup"
    assert step["done"] is False
    assert step["recurring"]["lease_id"] == str(world.lease.id)
    assert step["recurring"]["offered"] is True
    assert step["recurring"]["set_up"] is False
    accepted = await api.post(
        f"/api/v1/portal/onboarding/{invite_id}/steps/1/accept",
        json={"text_version": 1},
        headers=headers,
    )
    assert accepted.status_code == 204, accepted.text
    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    assert onboarding["complete"] is False
    assert onboarding["next_position"] == 2

    # The invitee joined the lease when using the link: the recurring set-up is theirs to make.
    setup = await _set_up_by_card(api, localstripe, headers, world.lease.id)

    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    assert onboarding["complete"] is True
    assert onboarding["steps"][1]["done"] is True
    assert onboarding["steps"][1]["recurring"]["method"] == "card"

    detail = await api.get(f"/api/v1/onboarding/invites/{invite_id}", headers=world.staff_headers)
    assert detail.status_code == 200, detail.text
    assert detail.json()["steps_done"] == 2
    staff_step = detail.json()["steps"][1]
    assert staff_step["done"] is True
    assert staff_step["recurring"]["setup_id"] == setup["id"]
    assert staff_step["recurring"]["method"] == "card"
    assert staff_step["recurring"]["payment_method_label"] == "visa •••• 4242"
    assert staff_step["recurring"]["set_up_at"] == setup["authorised_at"]
    assert staff_step["recurring"]["setup_active"] is True

    # Stopping it later does not take the onboarding back, and staff see it stopped.
    cancelled = await api.post(
        f"/api/v1/portal/recurring-payments/{setup['id']}/cancel", headers=headers
    )
    assert cancelled.status_code == 200, cancelled.text
    after = (
        await api.get(f"/api/v1/onboarding/invites/{invite_id}", headers=world.staff_headers)
    ).json()
    assert after["steps"][1]["done"] is True
    assert after["steps"][1]["recurring"]["setup_active"] is False


async def test_a_set_up_the_lease_already_had_completes_the_step(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
) -> None:
    # The tenant already on the lease set up recurring rent before the co-tenant was invited.
    existing = await _set_up_by_card(api, localstripe, world.tenant_headers, world.lease.id)
    flow = await _flow(api, world.staff_headers)
    invite_id, headers = await _invite_and_accept(
        api, committed_database, world.staff_headers, flow["id"], world.lease.id
    )
    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    assert onboarding["steps"][1]["done"] is True
    assert onboarding["steps"][1]["recurring"]["set_up"] is True
    # It is the co-tenant's: the invitee sees it set up, not which card it takes from.
    assert onboarding["steps"][1]["recurring"]["setup_id"] is None
    assert onboarding["steps"][1]["recurring"]["payment_method_label"] is None
    assert onboarding["next_position"] == 1
    detail = await api.get(f"/api/v1/onboarding/invites/{invite_id}", headers=world.staff_headers)
    assert detail.json()["steps"][1]["done"] is True
    assert detail.json()["steps"][1]["recurring"]["setup_id"] == existing["id"]
    assert detail.json()["steps"][1]["recurring"]["payment_method_label"] == "visa •••• 4242"
    assert detail.json()["steps"][1]["recurring"]["setup_active"] is True


async def test_another_leases_set_up_does_not_count_and_stays_unseen(
    api: httpx.AsyncClient,
    localstripe: LocalStripe,
    world: World,
    committed_database: Database,
    pay_app: FastAPI,
    clock: FixedClock,
) -> None:
    flow = await _flow(api, world.staff_headers)
    invite_id, headers = await _invite_and_accept(
        api, committed_database, world.staff_headers, flow["id"], world.lease.id
    )
    # Otto, on another lease of the same agency, sets up his own recurring rent.
    async with committed_database.transaction() as session:
        other_lease = await session.scalar(
            select(Lease.id).where(Lease.agency_id == world.agency.id, Lease.id != world.lease.id)
        )
    await _set_up_by_card(api, localstripe, world.other_headers, other_lease)

    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    step = onboarding["steps"][1]
    assert step["done"] is False
    assert step["recurring"]["setup_id"] is None
    # Otto cannot read or answer the invitee's onboarding.
    stranger = await api.post(
        f"/api/v1/portal/onboarding/{invite_id}/steps/1/accept",
        json={"text_version": 1},
        headers=world.other_headers,
    )
    assert stranger.status_code == 404
    # Staff of another agency do not see the invite.
    async with committed_database.transaction() as session:
        factory = Factory(session, pay_app.state.access_tokens, clock)
        outsider = await factory.headers(
            await factory.staff(await factory.agency("Elsewhere"), StaffRole.MANAGER)
        )
    hidden = await api.get(f"/api/v1/onboarding/invites/{invite_id}", headers=outsider)
    assert hidden.status_code == 404


async def test_switched_off_after_sending_the_step_says_so_and_does_not_block(
    api: httpx.AsyncClient, world: World, committed_database: Database
) -> None:
    flow = await _flow(api, world.staff_headers)
    invite_id, headers = await _invite_and_accept(
        api, committed_database, world.staff_headers, flow["id"], world.lease.id
    )
    await api.post(
        f"/api/v1/portal/onboarding/{invite_id}/steps/1/accept",
        json={"text_version": 1},
        headers=headers,
    )
    await _switch(committed_database, world.agency.id, on=False)

    onboarding = (await api.get("/api/v1/portal/onboarding", headers=headers)).json()
    step = onboarding["steps"][1]
    assert step["recurring"]["offered"] is False
    assert step["recurring"]["set_up"] is False
    assert step["done"] is True
    assert onboarding["complete"] is True
    detail = (
        await api.get(f"/api/v1/onboarding/invites/{invite_id}", headers=world.staff_headers)
    ).json()
    assert detail["steps"][1]["recurring"]["offered"] is False

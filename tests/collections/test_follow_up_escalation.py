"""An escalated follow-up reaches the people who review it (seed 000: "ask the responsible
role to review it before final approval"): each active owner and accountant but the one who
escalated is e-mailed; the dashboard counts what waits for review; an outcome rewritten after
the review asks for a new one."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select

from doorstep.agencies.models import StaffRole
from doorstep.collections.escalation_emails import ESCALATION_EMAIL
from doorstep.core.clock import FixedClock
from doorstep.notifications.models import OutboxMessage
from tests.collections.test_follow_ups import Scene, scene  # noqa: F401 - the fixture
from tests.factories import Factory

FOLLOW_UPS = "/api/v1/collections/follow-ups"


async def _requests(factory: Factory) -> list[OutboxMessage]:
    return list(
        await factory.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == ESCALATION_EMAIL)
            .order_by(OutboxMessage.to_address, OutboxMessage.id)
        )
    )


async def _waiting(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    body = (await client.get("/api/v1/dashboard", headers=headers)).json()
    count: int = body["actions"]["follow_ups_awaiting_review"]
    return count


async def test_escalating_e_mails_the_reviewers_and_the_dashboard_counts_it(
    client: httpx.AsyncClient,
    factory: Factory,
    scene: Scene,  # noqa: F811
    clock: FixedClock,
) -> None:
    manager = await factory.headers(scene.manager)
    accountant = await factory.headers(scene.accountant)
    owner = await factory.staff(scene.agency, StaffRole.OWNER)
    retired = await factory.staff(scene.agency, StaffRole.OWNER)
    retired.is_active = False
    await factory.staff(scene.agency, StaffRole.VIEWER)
    other_agency = await factory.agency("Other Lettings")
    await factory.staff(other_agency, StaffRole.OWNER)
    follow_up_id = (
        await client.post(FOLLOW_UPS, json={"lease_id": str(scene.lease.id)}, headers=manager)
    ).json()["id"]
    assert await _waiting(client, manager) == 0

    escalated = await client.patch(
        f"{FOLLOW_UPS}/{follow_up_id}",
        json={
            "outcome": "payment_plan",
            "outcome_note": "Bob asks to pay 300 a month on top of the rent.",
            "escalate": True,
        },
        headers=manager,
    )

    assert escalated.status_code == 200, escalated.text
    requests = await _requests(factory)
    assert sorted(m.to_address for m in requests) == sorted([owner.email, scene.accountant.email])
    assert "Manager Tester asks you to review a follow-up" in requests[0].text_body
    assert "Bob asks to pay 300 a month" in requests[0].text_body
    assert f"/agency/collections/follow-ups/{follow_up_id}" in requests[0].text_body
    assert await _waiting(client, manager) == 1
    queue = await client.get(FOLLOW_UPS, params={"awaiting_review": "true"}, headers=accountant)
    assert len(queue.json()["items"]) == 1

    reviewed = await client.post(
        f"{FOLLOW_UPS}/{follow_up_id}/review",
        json={"note": "Agreed for 6 months."},
        headers=accountant,
    )
    assert reviewed.status_code == 200, reviewed.text
    assert await _waiting(client, manager) == 0


async def test_an_outcome_rewritten_after_the_review_asks_for_a_new_one(
    client: httpx.AsyncClient,
    factory: Factory,
    scene: Scene,  # noqa: F811
    clock: FixedClock,
) -> None:
    manager = await factory.headers(scene.manager)
    accountant = await factory.headers(scene.accountant)
    owner = await factory.staff(scene.agency, StaffRole.OWNER)
    follow_up_id = (
        await client.post(FOLLOW_UPS, json={"lease_id": str(scene.lease.id)}, headers=manager)
    ).json()["id"]
    await client.patch(
        f"{FOLLOW_UPS}/{follow_up_id}",
        json={"outcome": "payment_plan", "outcome_note": "300 a month", "escalate": True},
        headers=manager,
    )
    await client.post(
        f"{FOLLOW_UPS}/{follow_up_id}/review", json={"note": "Fine."}, headers=accountant
    )
    same = await client.patch(
        f"{FOLLOW_UPS}/{follow_up_id}",
        json={"outcome": "payment_plan", "outcome_note": "300 a month"},
        headers=manager,
    )
    assert same.json()["awaiting_review"] is False  # nothing changed: the review stands

    clock.advance_to(clock.now() + timedelta(hours=2))
    manager = await factory.headers(scene.manager)  # access tokens live minutes
    rewritten = await client.patch(
        f"{FOLLOW_UPS}/{follow_up_id}",
        json={"outcome_note": "30 a month, for three years"},
        headers=manager,
    )

    assert rewritten.status_code == 200, rewritten.text
    body = rewritten.json()
    assert body["awaiting_review"] is True
    assert body["reviewed_by_name"] is None
    assert body["escalated_by_name"] == "Manager Tester"
    assert await _waiting(client, manager) == 1
    # Asked again: once per reviewer for the escalation, once more for the rewrite.
    assert sorted(m.to_address for m in await _requests(factory)) == sorted(
        [owner.email, owner.email, scene.accountant.email, scene.accountant.email]
    )
    assert "30 a month, for three years" in (await _requests(factory))[-1].text_body

"""Staff edit what onboarding is built from: a task's name and texts (a changed text to accept
gets a new version), a flow's name and steps (added, reordered, removed), and archive a flow
so new invites no longer use it. Invites already sent keep the steps they were sent with."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import StaffRole
from tests.factories import Factory
from tests.onboarding.test_invite_existing_tenant import _links_to
from tests.onboarding.test_onboarding_api import _last_link

PASSWORD = "a long enough password"


async def _task(client: httpx.AsyncClient, staff: dict[str, str], **body: object) -> str:
    created = await client.post("/api/v1/onboarding/tasks", json=body, headers=staff)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def test_a_task_is_edited_and_its_new_text_is_a_new_version(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    rules = await _task(client, staff, name="Rules", kind="read_and_accept", text="Be kind.")

    renamed = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"name": "House rules"}, headers=staff
    )
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["text_version"]) == ("House rules", 1)
    reworded = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"text": "Be kinder."}, headers=staff
    )
    assert (reworded.json()["text"], reworded.json()["text_version"]) == ("Be kinder.", 2)

    # What only another kind of task has is refused, naming the field.
    wrong = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"document_label": "ID"}, headers=staff
    )
    assert wrong.status_code == 422, wrong.text
    assert [e["field"] for e in wrong.json()["errors"]] == ["document_label"]
    # The kind itself is not part of an edit.
    kind = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"kind": "form"}, headers=staff
    )
    assert kind.status_code == 422, kind.text

    elsewhere = await factory.headers(
        await factory.staff(await factory.agency("Elsewhere"), StaffRole.MANAGER)
    )
    foreign = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"name": "Mine"}, headers=elsewhere
    )
    assert foreign.status_code == 404


async def test_a_flow_is_edited_and_invites_sent_keep_their_steps(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    about = await _task(
        client, staff, name="About you", kind="form", fields=[{"key": "job", "label": "Job"}]
    )
    rules = await _task(client, staff, name="Rules", kind="read_and_accept", text="Be kind.")
    upload = await _task(
        client, staff, name="ID", kind="document_upload", document_label="Identity card"
    )
    created = await client.post(
        "/api/v1/onboarding/flows",
        json={"name": "Standard", "task_ids": [about, rules]},
        headers=staff,
    )
    flow_id = created.json()["id"]
    invited = await client.post(
        "/api/v1/onboarding/invites",
        json={
            "flow_id": flow_id,
            "first_name": "Ines",
            "last_name": "Vitée",
            "email": "ines@example.com",
        },
        headers=staff,
    )
    assert invited.status_code == 201, invited.text
    invite_id = invited.json()["id"]

    # Renamed, reordered and given a step more; each change alone leaves the rest as it was.
    patched = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}",
        json={"task_ids": [rules, about, upload]},
        headers=staff,
    )
    assert patched.status_code == 200, patched.text
    renamed = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}", json={"name": "Move-in"}, headers=staff
    )
    body = renamed.json()
    assert body["name"] == "Move-in"
    assert [step["task"]["id"] for step in body["steps"]] == [rules, about, upload]
    assert [step["position"] for step in body["steps"]] == [1, 2, 3]
    assert body["archived"] is False

    detail = (await client.get(f"/api/v1/onboarding/invites/{invite_id}", headers=staff)).json()
    assert [(s["position"], s["task_id"]) for s in detail["steps"]] == [(1, about), (2, rules)]

    # The steps are checked as on creation.
    not_onboarding = await _task(
        client,
        staff,
        name="Later",
        kind="document_upload",
        document_label="Payslip",
        is_onboarding=False,
    )
    refused = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}",
        json={"task_ids": [about, not_onboarding]},
        headers=staff,
    )
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["task_ids.1"]
    empty = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}", json={"task_ids": []}, headers=staff
    )
    assert empty.status_code == 422, empty.text

    # The invitee walks the steps they were sent, and accepts the text as it is then.
    token = await _last_link(session, "ines@example.com")
    accepted = await client.post(f"/api/v1/invites/{token}/accept", json={"password": PASSWORD})
    assert accepted.status_code == 200, accepted.text
    tenant = {"Authorization": f"Bearer {accepted.json()['access_token']}"}
    onboarding = (await client.get("/api/v1/portal/onboarding", headers=tenant)).json()
    assert [step["name"] for step in onboarding["steps"]] == ["About you", "Rules"]
    agreed = await client.post(
        f"/api/v1/portal/onboarding/{invite_id}/steps/2/accept",
        json={"text_version": 1},
        headers=tenant,
    )
    assert agreed.status_code == 204, agreed.text
    # A new text later does not undo the acceptance: staff still see the version read.
    await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"text": "Be kinder."}, headers=staff
    )
    detail = (await client.get(f"/api/v1/onboarding/invites/{invite_id}", headers=staff)).json()
    assert detail["steps"][1]["accepted_text_version"] == 1
    assert detail["steps"][1]["done"] is True


async def test_an_archived_flow_is_not_offered_for_new_invites(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    rules = await _task(client, staff, name="Rules", kind="read_and_accept", text="Be kind.")
    flow = await client.post(
        "/api/v1/onboarding/flows", json={"name": "Old", "task_ids": [rules]}, headers=staff
    )
    flow_id = flow.json()["id"]
    person = {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com"}
    sent = await client.post(
        "/api/v1/onboarding/invites", json={"flow_id": flow_id, **person}, headers=staff
    )
    assert sent.status_code == 201, sent.text

    archived = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}", json={"archived": True}, headers=staff
    )
    assert archived.status_code == 200, archived.text
    assert archived.json()["archived"] is True
    listed = await client.get("/api/v1/onboarding/flows", headers=staff)
    assert listed.json()["items"] == []
    everything = await client.get(
        "/api/v1/onboarding/flows", params={"include_archived": "true"}, headers=staff
    )
    assert [f["id"] for f in everything.json()["items"]] == [flow_id]

    refused = await client.post(
        "/api/v1/onboarding/invites",
        json={"flow_id": flow_id, **person, "email": "bob@example.com"},
        headers=staff,
    )
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["flow_id"]
    # The invite sent before still works: it can be resent and used.
    first_link = await _links_to(session, "ann@example.com")
    resent = await client.post(
        f"/api/v1/onboarding/invites/{sent.json()['id']}/resend", headers=staff
    )
    assert resent.status_code == 200, resent.text
    [token] = await _links_to(session, "ann@example.com") - first_link
    used = await client.post(f"/api/v1/invites/{token}/accept", json={"password": PASSWORD})
    assert used.status_code == 200, used.text

    restored = await client.patch(
        f"/api/v1/onboarding/flows/{flow_id}", json={"archived": False}, headers=staff
    )
    assert restored.json()["archived"] is False
    listed = await client.get("/api/v1/onboarding/flows", headers=staff)
    assert [f["id"] for f in listed.json()["items"]] == [flow_id]


async def test_an_archived_task_is_not_added_to_a_flow_that_does_not_hold_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    rules = await _task(client, staff, name="Rules", kind="read_and_accept", text="Be kind.")
    form = await _task(
        client, staff, name="About you", kind="form", fields=[{"key": "job", "label": "Job"}]
    )
    holding = await client.post(
        "/api/v1/onboarding/flows", json={"name": "Holds it", "task_ids": [rules]}, headers=staff
    )
    assert holding.status_code == 201, holding.text
    archived = await client.patch(
        f"/api/v1/onboarding/tasks/{rules}", json={"archived": True}, headers=staff
    )
    assert archived.status_code == 200, archived.text

    refused = await client.post(
        "/api/v1/onboarding/flows", json={"name": "New", "task_ids": [form, rules]}, headers=staff
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {
            "field": "task_ids.1",
            "message": "This task is archived: restore it before adding it to a flow.",
            "code": "task_archived",
        }
    ]
    # A flow that held it before keeps it when its steps are reordered or others added.
    kept = await client.patch(
        f"/api/v1/onboarding/flows/{holding.json()['id']}",
        json={"task_ids": [form, rules]},
        headers=staff,
    )
    assert kept.status_code == 200, kept.text
    assert [step["task"]["id"] for step in kept.json()["steps"]] == [form, rules]

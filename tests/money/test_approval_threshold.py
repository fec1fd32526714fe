"""The approval threshold: a change needs a second owner where there is one, and every change
is recorded (who, when, old, new)."""

from __future__ import annotations

import httpx

from doorstep.agencies.models import Agency, StaffRole
from doorstep.agencies.settings import read_settings
from tests.factories import Factory

URL = "/api/v1/approval-threshold-changes"


async def _threshold(factory: Factory, agency: Agency) -> int:
    await factory.session.refresh(agency)
    return read_settings(agency.settings).approval_threshold


async def test_a_sole_owner_changes_the_threshold_at_once_and_it_is_recorded(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # approval threshold: 500.00
    owner = await factory.staff(agency, StaffRole.OWNER)
    await factory.staff(agency, StaffRole.ACCOUNTANT)  # not an owner: no second owner
    headers = await factory.headers(owner)

    changed = await client.post(URL, json={"approval_threshold": 80_000}, headers=headers)

    assert changed.status_code == 201, changed.text
    body = changed.json()
    assert (body["status"], body["old_threshold"], body["new_threshold"]) == (
        "applied",
        50_000,
        80_000,
    )
    assert (body["requested_by_id"], body["approval_id"], body["currency"]) == (
        str(owner.id),
        None,
        "EUR",
    )
    assert body["requested_at"] == body["decided_at"] == "2026-11-23T09:00:00Z"  # the clock
    assert await _threshold(factory, agency) == 80_000
    me = await client.get("/api/v1/agency", headers=headers)
    assert me.json()["settings"]["approval_threshold"] == 80_000
    listed = await client.get(URL, headers=headers)
    assert [c["id"] for c in listed.json()["items"]] == [body["id"]]


async def test_with_another_owner_the_change_waits_for_them(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    other_owner = await factory.staff(agency, StaffRole.OWNER)
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    headers = await factory.headers(owner)

    asked = await client.post(URL, json={"approval_threshold": 1_000_000}, headers=headers)

    assert asked.status_code == 201, asked.text
    assert asked.json()["status"] == "pending"
    assert await _threshold(factory, agency) == 50_000  # not yet
    approval_id = asked.json()["approval_id"]
    inbox = await client.get("/api/v1/approvals", params={"status": "pending"}, headers=headers)
    (waiting,) = inbox.json()["items"]
    assert (waiting["id"], waiting["kind"], waiting["amount"]) == (
        approval_id,
        "threshold_change",
        1_000_000,
    )
    # One change waits at a time.
    again = await client.post(URL, json={"approval_threshold": 900_000}, headers=headers)
    assert again.status_code == 409
    assert again.json()["type"] == "urn:doorstep:problem:threshold-change-pending"
    # Neither the owner who asked nor an accountant decides it.
    approve = f"/api/v1/approvals/{approval_id}/approve"
    assert (await client.post(approve, headers=headers)).status_code == 403
    by_accountant = await client.post(approve, headers=await factory.headers(accountant))
    assert by_accountant.status_code == 403
    assert await _threshold(factory, agency) == 50_000

    approved = await client.post(approve, headers=await factory.headers(other_owner))

    assert approved.status_code == 200, approved.text
    assert await _threshold(factory, agency) == 1_000_000
    (change,) = (await client.get(URL, headers=headers)).json()["items"]
    assert (change["status"], change["old_threshold"], change["new_threshold"]) == (
        "applied",
        50_000,
        1_000_000,
    )
    assert (change["requested_by_id"], change["decided_by_id"], change["approval_id"]) == (
        str(owner.id),
        str(other_owner.id),
        approval_id,
    )


async def test_a_rejected_change_leaves_the_threshold_and_stays_on_record(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    other_owner = await factory.staff(agency, StaffRole.OWNER)
    headers = await factory.headers(owner)
    asked = await client.post(URL, json={"approval_threshold": 0}, headers=headers)

    rejected = await client.post(
        f"/api/v1/approvals/{asked.json()['approval_id']}/reject",
        headers=await factory.headers(other_owner),
    )

    assert rejected.status_code == 200, rejected.text
    assert await _threshold(factory, agency) == 50_000
    (change,) = (await client.get(URL, headers=headers)).json()["items"]
    assert (change["status"], change["decided_by_id"]) == ("rejected", str(other_owner.id))
    # Decided: the next change may be asked for.
    nxt = await client.post(URL, json={"approval_threshold": 40_000}, headers=headers)
    assert nxt.json()["status"] == "pending"


async def test_the_threshold_no_longer_changes_through_the_agency_settings(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    owner = await factory.staff(agency, StaffRole.OWNER)
    headers = await factory.headers(owner)

    patched = await client.patch(
        "/api/v1/agency",
        json={"settings": {"approval_threshold": 10_000_000}},
        headers=headers,
    )

    assert patched.status_code == 422
    assert patched.json()["errors"][0]["field"] == "settings.approval_threshold"
    assert await _threshold(factory, agency) == 50_000


async def test_only_owners_change_the_threshold(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    accountant = await factory.staff(agency, StaffRole.ACCOUNTANT)
    headers = await factory.headers(accountant)

    refused = await client.post(URL, json={"approval_threshold": 1}, headers=headers)

    assert refused.status_code == 403
    same = await client.post(
        URL,
        json={"approval_threshold": 50_000},
        headers=await factory.headers(await factory.staff(agency, StaffRole.OWNER)),
    )
    assert same.status_code == 422

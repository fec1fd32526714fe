"""Tasks assigned to a tenant who already has a portal account (issue 13: tasks are reusable):
staff assign, the tenant is e-mailed and does the task in the portal with the rules of an
invite's step, staff see the progress and answers, and may cancel an open task."""

from __future__ import annotations

import base64
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.notifications.models import OutboxMessage
from doorstep.onboarding.models import TaskKind
from doorstep.onboarding.schemas import FormField, TaskCreate
from doorstep.onboarding.service import create_task
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.tenants.models import Tenant
from doorstep.tenants.service import anonymise_tenant
from tests.conftest import NOW
from tests.factories import Factory

PDF = base64.b64encode(b"%PDF-1.4 payslip").decode()


async def _tasks(session: AsyncSession, agency: Agency) -> dict[TaskKind, str]:
    made = {
        TaskKind.FORM: TaskCreate(
            name="Car parking",
            kind=TaskKind.FORM,
            fields=[
                FormField(key="plate", label="Number plate"),
                FormField(key="colour", label="Colour", required=False),
            ],
        ),
        TaskKind.READ_AND_ACCEPT: TaskCreate(
            name="New house rules",
            kind=TaskKind.READ_AND_ACCEPT,
            text="Bins out on Tuesdays.",
            is_onboarding=False,
        ),
        TaskKind.DOCUMENT_UPLOAD: TaskCreate(
            name="Insurance", kind=TaskKind.DOCUMENT_UPLOAD, document_label="Insurance policy"
        ),
        TaskKind.PAYMENT: TaskCreate(
            name="Key fob", kind=TaskKind.PAYMENT, description="Replacement key fob"
        ),
    }
    return {
        kind: str((await create_task(session, agency.id, data)).id) for kind, data in made.items()
    }


def _path(tenant: Tenant, suffix: str = "") -> str:
    return f"/api/v1/onboarding/tenants/{tenant.id}/assignments{suffix}"


async def test_assign_each_kind_complete_it_and_see_the_answers(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    staff = await factory.headers(manager)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    mine = await factory.headers(tenant)
    tasks = await _tasks(session, agency)

    assigned: dict[TaskKind, dict[str, object]] = {}
    for kind, task_id in tasks.items():
        body: dict[str, object] = {"task_id": task_id}
        if kind is TaskKind.PAYMENT:
            body["amount"] = 2_500  # the tenant's one active lease is taken without asking
        response = await client.post(_path(tenant), json=body, headers=staff)
        assert response.status_code == 201, response.text
        assigned[kind] = response.json()
        assert response.json()["status"] == "open"
    payment = assigned[TaskKind.PAYMENT]
    assert payment["amount"] == {"amount": 2_500, "currency": "EUR"}
    assert payment["lease_id"] == str(lease.id)
    invoice = await session.get_one(Invoice, uuid.UUID(str(payment["invoice_id"])))
    assert invoice.status is InvoiceStatus.OPEN
    assert invoice.lease_id == lease.id

    # The tenant is e-mailed, in the agency's language, a link to each task's page.
    mails = (
        await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.agency_id == agency.id,
                OutboxMessage.kind == "onboarding.task_assigned",
            )
        )
    ).all()
    assert len(mails) == 4
    assert {m.to_address for m in mails} == {tenant.email}
    form_mail = next(m for m in mails if "Car parking" in m.subject)
    assert f"/portal/tasks/{assigned[TaskKind.FORM]['id']}" in form_mail.text_body

    todo = (await client.get("/api/v1/portal/tasks", headers=mine)).json()
    assert {t["id"] for t in todo} == {str(a["id"]) for a in assigned.values()}
    assert all(t["status"] == "open" for t in todo)

    form_id = assigned[TaskKind.FORM]["id"]
    missing = await client.put(
        f"/api/v1/portal/tasks/{form_id}/form", json={"answers": {"colour": "red"}}, headers=mine
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "answers.plate"
    unknown = await client.put(
        f"/api/v1/portal/tasks/{form_id}/form",
        json={"answers": {"plate": "1-ABC-123", "wheels": "4"}},
        headers=mine,
    )
    assert unknown.status_code == 422
    saved = await client.put(
        f"/api/v1/portal/tasks/{form_id}/form",
        json={"answers": {"plate": "1-ABC-123"}},
        headers=mine,
    )
    assert saved.status_code == 204, saved.text
    wrong_kind = await client.post(
        f"/api/v1/portal/tasks/{form_id}/accept", json={"text_version": 1}, headers=mine
    )
    assert wrong_kind.status_code == 409

    accept_id = assigned[TaskKind.READ_AND_ACCEPT]["id"]
    stale = await client.post(
        f"/api/v1/portal/tasks/{accept_id}/accept", json={"text_version": 2}, headers=mine
    )
    assert stale.status_code == 422
    factory.clock.advance_to(factory.clock.now() + timedelta(minutes=3))
    accepted = await client.post(
        f"/api/v1/portal/tasks/{accept_id}/accept", json={"text_version": 1}, headers=mine
    )
    assert accepted.status_code == 204, accepted.text

    upload_id = assigned[TaskKind.DOCUMENT_UPLOAD]["id"]
    not_base64 = await client.put(
        f"/api/v1/portal/tasks/{upload_id}/document",
        json={"file_name": "policy.pdf", "content_type": "application/pdf", "content_base64": "%%"},
        headers=mine,
    )
    assert not_base64.status_code == 422
    # A scanned document of several megabytes, as phones make them, is taken; the next replaces it.
    scan = b"%PDF-1.7 " + bytes(range(256)) * (4 * 1024 * 1024 // 256)
    replaced = await client.put(
        f"/api/v1/portal/tasks/{upload_id}/document",
        json={
            "file_name": "scan.pdf",
            "content_type": "application/pdf",
            "content_base64": base64.b64encode(scan).decode(),
        },
        headers=mine,
    )
    assert replaced.status_code == 204, replaced.text
    uploaded = await client.put(
        f"/api/v1/portal/tasks/{upload_id}/document",
        json={"file_name": "policy.pdf", "content_type": "application/pdf", "content_base64": PDF},
        headers=mine,
    )
    assert uploaded.status_code == 204, uploaded.text

    # Resumed on another device: the server has the answers.
    page = (await client.get(f"/api/v1/portal/tasks/{form_id}", headers=mine)).json()
    assert page["done"] is True
    assert page["answers"] == {"plate": "1-ABC-123"}
    fob = (await client.get(f"/api/v1/portal/tasks/{payment['id']}", headers=mine)).json()
    assert fob["done"] is False
    assert fob["invoice_id"] == payment["invoice_id"]

    # The payment task is done once its invoice is paid (derived from the ledger).
    await record_offline_payment(
        session,
        agency,
        manager,
        lease_id=lease.id,
        tenant_id=tenant.id,
        amount=2_500,
        currency="EUR",
        method=PaymentMethod.BANK_TRANSFER,
        received_on=NOW.date(),
        reference="KEY FOB",
        allocations=[AllocationRequest(invoice.id, 2_500)],
        now=factory.clock.now(),
    )

    listed = await client.get(_path(tenant), headers=staff)
    assert listed.status_code == 200
    by_kind = {item["kind"]: item for item in listed.json()["items"]}
    assert {item["status"] for item in by_kind.values()} == {"done"}
    assert by_kind["form"]["answers"] == {"plate": "1-ABC-123"}
    assert by_kind["read_and_accept"]["accepted_text_version"] == 1
    assert by_kind["read_and_accept"]["completed_at"].startswith(
        factory.clock.now().isoformat()[:16]
    )
    assert by_kind["document_upload"]["uploaded_file_name"] == "policy.pdf"
    download = await client.get(_path(tenant, f"/{upload_id}/document"), headers=staff)
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 payslip"
    assert download.headers["content-disposition"].startswith('attachment; filename="policy.pdf"')
    assert download.headers["x-content-type-options"] == "nosniff"
    no_file = await client.get(_path(tenant, f"/{form_id}/document"), headers=staff)
    assert no_file.status_code == 404

    # A completed task cannot be cancelled.
    done = await client.post(_path(tenant, f"/{form_id}/cancel"), headers=staff)
    assert done.status_code == 409
    assert done.json()["code"] == "already_done"


async def test_cancel_an_open_task(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.OWNER))
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant])
    mine = await factory.headers(tenant)
    tasks = await _tasks(session, agency)
    form = (
        await client.post(_path(tenant), json={"task_id": tasks[TaskKind.FORM]}, headers=staff)
    ).json()
    fob = (
        await client.post(
            _path(tenant), json={"task_id": tasks[TaskKind.PAYMENT], "amount": 900}, headers=staff
        )
    ).json()

    for assignment in (form, fob):
        cancelled = await client.post(_path(tenant, f"/{assignment['id']}/cancel"), headers=staff)
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["cancelled_at"] is not None
    # The payment's invoice asks for nothing any more.
    invoice = await session.get_one(Invoice, uuid.UUID(fob["invoice_id"]))
    assert invoice.status is InvoiceStatus.VOID
    twice = await client.post(_path(tenant, f"/{form['id']}/cancel"), headers=staff)
    assert twice.status_code == 409
    assert twice.json()["code"] == "already_cancelled"
    # Off the tenant's list; a late answer is refused saying why.
    assert (await client.get("/api/v1/portal/tasks", headers=mine)).json() == []
    late = await client.put(
        f"/api/v1/portal/tasks/{form['id']}/form", json={"answers": {"plate": "X"}}, headers=mine
    )
    assert late.status_code == 409
    assert late.json()["code"] == "cancelled"


async def test_refusals(client: httpx.AsyncClient, factory: Factory, session: AsyncSession) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    staff = await factory.headers(manager)
    tasks = await _tasks(session, agency)
    form = {"task_id": tasks[TaskKind.FORM]}

    no_account = await factory.tenant(agency, portal=False)
    refused = await client.post(_path(no_account), json=form, headers=staff)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "no_portal_account"

    disabled = await factory.tenant(agency)
    disabled.portal_disabled_at = NOW
    refused = await client.post(_path(disabled), json=form, headers=staff)
    assert refused.status_code == 409
    assert refused.json()["code"] == "portal_access_off"

    deleted = await factory.tenant(agency)
    await anonymise_tenant(session, deleted, deleted_by_id=manager.id, now=NOW)
    refused = await client.post(_path(deleted), json=form, headers=staff)
    assert refused.status_code == 409
    assert refused.json().get("code") == "tenant_deleted", refused.text

    tenant = await factory.tenant(agency)
    unknown = await client.post(_path(tenant), json={"task_id": str(uuid.uuid4())}, headers=staff)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0] == {
        "field": "task_id",
        "message": "No such task in this agency.",
        "code": "task_unknown",
    }
    archived = await client.patch(
        f"/api/v1/onboarding/tasks/{tasks[TaskKind.FORM]}", json={"archived": True}, headers=staff
    )
    assert archived.status_code == 200, archived.text
    assert archived.json()["archived"] is True
    refused_archived = await client.post(_path(tenant), json=form, headers=staff)
    assert refused_archived.status_code == 422
    assert refused_archived.json()["errors"][0]["code"] == "task_archived"
    offered = await client.get(
        "/api/v1/onboarding/tasks", params={"include_archived": "false"}, headers=staff
    )
    assert tasks[TaskKind.FORM] not in {task["id"] for task in offered.json()["items"]}
    await client.patch(
        f"/api/v1/onboarding/tasks/{tasks[TaskKind.FORM]}", json={"archived": False}, headers=staff
    )
    assert (await client.post(_path(tenant), json=form, headers=staff)).status_code == 201
    other_agency = await factory.agency("Other Lettings")
    theirs = (await _tasks(session, other_agency))[TaskKind.FORM]
    foreign = await client.post(_path(tenant), json={"task_id": theirs}, headers=staff)
    assert foreign.status_code == 422

    # Payment tasks: an amount, an active lease of the tenant's, chosen among several.
    payment = tasks[TaskKind.PAYMENT]
    no_lease = await client.post(
        _path(tenant), json={"task_id": payment, "amount": 500}, headers=staff
    )
    assert no_lease.json()["errors"][0]["code"] == "lease_none_active"
    first = await factory.lease(agency, [tenant])
    await factory.lease(agency, [tenant])
    no_amount = await client.post(_path(tenant), json={"task_id": payment}, headers=staff)
    assert no_amount.status_code == 422
    assert no_amount.json()["errors"][0]["field"] == "amount"
    several = await client.post(
        _path(tenant), json={"task_id": payment, "amount": 500}, headers=staff
    )
    assert several.status_code == 422
    assert several.json()["errors"][0]["code"] == "lease_required"
    someone_elses = await factory.lease(agency, [await factory.tenant(agency)])
    wrong = await client.post(
        _path(tenant),
        json={"task_id": payment, "amount": 500, "lease_id": str(someone_elses.id)},
        headers=staff,
    )
    assert wrong.json()["errors"][0]["code"] == "lease_not_tenants"
    chosen = await client.post(
        _path(tenant),
        json={"task_id": payment, "amount": 500, "lease_id": str(first.id)},
        headers=staff,
    )
    assert chosen.status_code == 201, chosen.text
    assert chosen.json()["lease_id"] == str(first.id)
    for bad in ({"amount": 0}, {"amount": 12.5}, {"amount": "500"}):
        invalid = await client.post(_path(tenant), json={"task_id": payment, **bad}, headers=staff)
        assert invalid.status_code == 422, bad
    not_payment = await client.post(_path(tenant), json={**form, "amount": 500}, headers=staff)
    assert not_payment.status_code == 422
    assert not_payment.json()["errors"][0]["field"] == "amount"

    # Accountants and viewers read; only owners and managers assign and cancel.
    viewer = await factory.headers(await factory.staff(agency, StaffRole.ACCOUNTANT))
    assert (await client.post(_path(tenant), json=form, headers=viewer)).status_code == 403
    assert (await client.get(_path(tenant), headers=viewer)).status_code == 200


async def test_a_recurring_rent_set_up_is_not_assigned_to_an_account_holder(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    """The recurring set-up step belongs to onboarding; a tenant with an account sets recurring
    rent up from the portal's own page, so assigning it is refused with a reason."""
    agency = await factory.agency()
    agency.settings = {**agency.settings, "features": {"online_payments": True}}
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency)
    await factory.lease(agency, [tenant])
    task = await create_task(
        session, agency.id, TaskCreate(name="Pay rent by card", kind=TaskKind.RECURRING_SETUP)
    )

    refused = await client.post(_path(tenant), json={"task_id": str(task.id)}, headers=staff)

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "task_id"
    assert refused.json()["errors"][0]["code"] == "task_kind_not_assignable"
    listed = await client.get(_path(tenant), headers=staff)
    assert listed.json()["items"] == []


async def test_isolation_between_agencies_and_tenants(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    staff = await factory.headers(await factory.staff(agency, StaffRole.MANAGER))
    tenant = await factory.tenant(agency)
    neighbour = await factory.tenant(agency, first_name="Nina")
    tasks = await _tasks(session, agency)
    assigned = (
        await client.post(_path(tenant), json={"task_id": tasks[TaskKind.FORM]}, headers=staff)
    ).json()
    task_path = f"/api/v1/portal/tasks/{assigned['id']}"

    other = await factory.agency("Other Lettings")
    intruder = await factory.headers(await factory.staff(other, StaffRole.OWNER))
    assert (await client.get(_path(tenant), headers=intruder)).status_code == 404
    assert (
        await client.post(_path(tenant, f"/{assigned['id']}/cancel"), headers=intruder)
    ).status_code == 404
    assert (
        await client.post(_path(tenant), json={"task_id": tasks[TaskKind.FORM]}, headers=intruder)
    ).status_code == 404
    # Through another tenant's path, staff of the agency do not reach it either.
    assert (
        await client.post(_path(neighbour, f"/{assigned['id']}/cancel"), headers=staff)
    ).status_code == 404
    assert (await client.get(_path(neighbour), headers=staff)).json()["items"] == []

    nosy = await factory.headers(neighbour)
    assert (await client.get("/api/v1/portal/tasks", headers=nosy)).json() == []
    assert (await client.get(task_path, headers=nosy)).status_code == 404
    write = await client.put(f"{task_path}/form", json={"answers": {"plate": "X"}}, headers=nosy)
    assert write.status_code == 404
    assert (await client.get(task_path, headers=await factory.headers(tenant))).status_code == 200

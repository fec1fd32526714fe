"""Issue 11: staff move an allocation by hand — money a payment settled on one invoice goes to
another open invoice of the lease, or back to the tenant's credit; never more than the payment
settled there nor more than the target asks for; recorded with who, when and why; the receipt
keeps its number."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole
from doorstep.audit.models import AuditEvent
from doorstep.billing.models import Invoice
from doorstep.leases.models import Lease
from doorstep.payments.ledger.models import Payment, Receipt
from doorstep.payments.ledger.service import ALLOCATION_MOVED
from doorstep.tenants.models import Tenant
from tests.factories import Factory


def _move(source: Invoice, target: Invoice | None, amount: int, **extra: Any) -> dict[str, Any]:
    return {
        "from_invoice_id": str(source.id),
        "to_invoice_id": str(target.id) if target else None,
        "amount": amount,
        "reason": "Paid the deposit, not the key fee",
    } | extra


async def _state(client: httpx.AsyncClient, invoice: Invoice, headers: dict[str, str]) -> Any:
    body = (await client.get(f"/api/v1/invoices/{invoice.id}", headers=headers)).json()
    return body["state"], body["outstanding"]


async def _book(
    factory: Factory,
) -> tuple[Agency, Lease, Tenant, Invoice, Invoice, Payment, dict[str, str]]:
    """A lease with two open invoices (300.00 and 200.00) and a 300.00 transfer that settled
    the first one."""
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    first = await factory.invoice(agency, lease, manager, amount=30_000)
    payment = await factory.payment(agency, lease, tenant, manager, amount=30_000)
    second = await factory.invoice(agency, lease, manager, amount=20_000)
    return agency, lease, tenant, first, second, payment, await factory.headers(manager)


async def test_money_moves_to_another_invoice_and_back_to_credit_with_its_history(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    _, lease, _, first, second, payment, headers = await _book(factory)
    receipt_before = await factory.session.scalar(
        select(Receipt.number).where(Receipt.payment_id == payment.id)
    )
    assert await _state(client, first, headers) == ("paid", 0)
    assert await _state(client, second, headers) == ("open", 20_000)

    moved = await client.post(
        f"/api/v1/payments/{payment.id}/allocation-moves",
        json=_move(first, second, 20_000),
        headers=headers,
    )

    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert (body["allocated"], body["unallocated"]) == (30_000, 0)
    assert body["receipt_number"] == receipt_before
    move_rows = [a for a in body["allocations"] if a["move_id"]]
    assert [(a["invoice_id"], a["amount"]) for a in move_rows] == [
        (str(first.id), -20_000),
        (str(second.id), 20_000),
    ]
    assert {a["move_id"] for a in move_rows} == {move_rows[0]["move_id"]}
    assert {(a["moved_by_name"], a["move_reason"]) for a in move_rows} == {
        ("Manager Tester", "Paid the deposit, not the key fee")
    }
    assert await _state(client, first, headers) == ("partially_paid", 20_000)
    assert await _state(client, second, headers) == ("paid", 0)

    back = await client.post(
        f"/api/v1/payments/{payment.id}/allocation-moves",
        json=_move(second, None, 5_000),
        headers=headers,
    )

    assert back.status_code == 200, back.text
    assert (back.json()["allocated"], back.json()["unallocated"]) == (25_000, 5_000)
    assert await _state(client, second, headers) == ("partially_paid", 5_000)
    # The credit stays credit: what staff took off an invoice is not put back behind them.
    balance = (await client.get(f"/api/v1/leases/{lease.id}/balance", headers=headers)).json()
    assert (balance["outstanding"], balance["credit"]) == (25_000, 5_000)
    # The invoice's history (its payments) shows both moves; the audit log has them too.
    history = await client.get(
        "/api/v1/payments", params={"invoice_id": str(second.id)}, headers=headers
    )
    (listed,) = history.json()["items"]
    assert [a["amount"] for a in listed["allocations"] if a["invoice_id"] == str(second.id)] == [
        20_000,
        -5_000,
    ]
    events = (
        await factory.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == payment.id)
        )
    ).all()
    assert list(events) == [ALLOCATION_MOVED, ALLOCATION_MOVED]
    assert (
        await factory.session.scalar(select(Receipt.number).where(Receipt.payment_id == payment.id))
        == receipt_before
    )


async def test_a_move_never_over_allocates_and_each_refusal_is_a_problem(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, lease, tenant, first, second, payment, headers = await _book(factory)
    url = f"/api/v1/payments/{payment.id}/allocation-moves"
    manager = await factory.staff(agency, StaffRole.MANAGER)
    other_payment = await factory.payment(agency, lease, tenant, manager, amount=1_000)
    other_lease = await factory.lease(agency, [tenant], unit=await factory.unit(agency))
    elsewhere = await factory.invoice(agency, other_lease, manager, amount=5_000)
    # The small payment is credit the lease uses at once: 10.00 of the second invoice.
    voided = await factory.invoice(agency, lease, manager, amount=5_000)
    await client.post(
        f"/api/v1/invoices/{voided.id}/void", json={"reason": "typo"}, headers=headers
    )

    refusals = {
        "more than the target asks for": (url, _move(first, second, 20_001), 409),
        "more than settled on the source": (url, _move(first, None, 30_001), 409),
        "nothing settled on the source": (url, _move(second, first, 1), 422),
        "the same invoice": (url, _move(first, first, 1), 422),
        "another lease's invoice": (url, _move(first, elsewhere, 1), 422),
        "a void invoice": (url, _move(first, voided, 1), 422),
        "zero": (url, _move(first, second, 0), 422),
        "no reason": (url, _move(first, second, 1, reason=""), 422),
        "a payment with nothing on the source": (
            f"/api/v1/payments/{other_payment.id}/allocation-moves",
            _move(first, second, 1),
            422,
        ),
    }
    for name, (target_url, body, status) in refusals.items():
        response = await client.post(target_url, json=body, headers=headers)
        assert response.status_code == status, f"{name}: {response.text}"
        assert response.headers["content-type"] == "application/problem+json", name
        assert response.json()["detail"], name
    assert await _state(client, first, headers) == ("paid", 0)
    assert await _state(client, second, headers) == ("partially_paid", 19_000)


async def test_another_agency_and_viewers_cannot_move(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency, _, _, first, second, payment, _ = await _book(factory)
    stranger = await factory.staff(await factory.agency("Other agency"), StaffRole.OWNER)
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    url = f"/api/v1/payments/{payment.id}/allocation-moves"

    hidden = await client.post(
        url, json=_move(first, second, 1), headers=await factory.headers(stranger)
    )
    refused = await client.post(
        url, json=_move(first, second, 1), headers=await factory.headers(viewer)
    )

    assert hidden.status_code == 404
    assert refused.status_code == 403

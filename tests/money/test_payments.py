"""Payments recorded by staff: allocation rules, credit, refunds, receipts, idempotency."""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from collections import Counter
from datetime import date

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from doorstep.agencies.models import StaffRole
from doorstep.agencies.service import get_trust_account
from doorstep.core.db import Database
from doorstep.core.idempotency import write_turns
from doorstep.notifications.models import OutboxAttachment, OutboxMessage
from doorstep.payments.ledger.models import Payment, Receipt
from tests.factories import Factory
from tests.money.conftest import LiveBook, transfer_body


async def test_oldest_invoice_first_when_the_trust_account_says_so(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    newer = await factory.invoice(agency, lease, manager, amount=30_000)
    older = await factory.invoice(agency, lease, manager, amount=50_000)
    older.due_date = date(2026, 10, 1)
    (await get_trust_account(factory.session, agency.id)).receipt_oldest_invoice_first = True
    headers = await factory.headers(manager)

    chosen = await client.post(
        "/api/v1/payments",
        json=transfer_body(
            lease, tenant, 10_000, allocations=[{"invoice_id": str(newer.id), "amount": 10_000}]
        ),
        headers=headers,
    )
    assert chosen.status_code == 422
    response = await client.post(
        "/api/v1/payments", json=transfer_body(lease, tenant, 90_000), headers=headers
    )

    assert response.status_code == 201
    payment = response.json()
    assert [(a["invoice_id"], a["amount"]) for a in payment["allocations"]] == [
        (str(older.id), 50_000),
        (str(newer.id), 30_000),
    ]
    assert (payment["unallocated"], payment["receipt_number"]) == (10_000, 1)
    assert payment["recorded_by_name"] == "Manager Tester"
    assert (payment["property_name"], payment["unit_name"]) == ("Residence Louise", "1A")
    balance = await client.get(f"/api/v1/leases/{lease.id}/balance", headers=headers)
    assert balance.json() | {"lease_id": None} == {
        "lease_id": None,
        "currency": "EUR",
        "outstanding": 0,
        "credit": 10_000,
        "balance": -10_000,
    }


async def test_staff_choose_allocations_and_the_rest_is_credit_used_oldest_first(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    first = await factory.invoice(agency, lease, manager, amount=30_000)
    second = await factory.invoice(agency, lease, manager, amount=30_000)
    headers = await factory.headers(manager)

    response = await client.post(
        "/api/v1/payments",
        json=transfer_body(
            lease, tenant, 40_000, allocations=[{"invoice_id": str(second.id), "amount": 30_000}]
        ),
        headers=headers,
    )
    payment = response.json()
    # Staff's choice first; what they left is credit, used at once on the other open invoice.
    assert payment["unallocated"] == 0
    assert sorted((a["invoice_id"], a["amount"]) for a in payment["allocations"]) == sorted(
        [(str(second.id), 30_000), (str(first.id), 10_000)]
    )
    invoice = (await client.get(f"/api/v1/invoices/{first.id}", headers=headers)).json()
    assert (invoice["state"], invoice["outstanding"]) == ("partially_paid", 20_000)
    over = await client.post(
        f"/api/v1/payments/{payment['id']}/allocations",
        json={"allocations": [{"invoice_id": str(first.id), "amount": 1}]},
        headers=headers,
    )
    assert over.status_code == 409


async def test_a_recorded_payment_is_shown_as_a_read_of_it_shows_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """``POST /payments`` shows the payment and the allocations it has just written without
    reading them back: the answer is the one a read of the payment gives (payer, unit,
    recorder, receipt number, amounts), however the money was settled."""
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    headers = await factory.headers(manager)
    # Credit of an older payment, used on the oldest invoice by the next payment recorded.
    credit = await client.post(
        "/api/v1/payments", json=transfer_body(lease, tenant, 5_000), headers=headers
    )
    assert credit.json()["unallocated"] == 5_000
    read = await client.get(f"/api/v1/payments/{credit.json()['id']}", headers=headers)
    assert read.json() == credit.json()  # settled nothing: its credit waits for an invoice
    invoices = [await factory.invoice(agency, lease, manager, amount=20_000) for _ in range(3)]
    bodies = [
        transfer_body(
            lease,
            tenant,
            30_000,
            allocations=[
                {"invoice_id": str(invoices[1].id), "amount": 10_000},
                {"invoice_id": str(invoices[2].id), "amount": 5_000},
            ],
        ),
        transfer_body(lease, tenant, 1_000),
        transfer_body(lease, tenant, 70_000),
    ]
    shown = [credit.json()]
    for body in bodies:
        response = await client.post("/api/v1/payments", json=body, headers=headers)
        assert response.status_code == 201, response.text
        shown.append(response.json())
    assert [len(payment["allocations"]) for payment in shown[1:]] == [3, 1, 2]
    for payment in shown[1:]:  # the first has settled invoices since
        read = await client.get(f"/api/v1/payments/{payment['id']}", headers=headers)
        assert read.json() == payment


async def test_payments_must_name_the_right_lease_and_tenant(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    headers = await factory.headers(await factory.staff(agency, StaffRole.ACCOUNTANT))
    tenant = await factory.tenant(agency)
    stranger = await factory.tenant(agency, first_name="Stranger")
    lease = await factory.lease(agency, [tenant])

    wrong_tenant = await client.post(
        "/api/v1/payments", json=transfer_body(lease, stranger, 1_000), headers=headers
    )
    assert wrong_tenant.json()["errors"][0]["field"] == "tenant_id"
    future = await client.post(
        "/api/v1/payments",
        json=transfer_body(lease, tenant, 1_000, received_on="2026-12-25"),
        headers=headers,
    )
    assert future.json()["errors"][0]["field"] == "received_on"
    card = await client.post(
        "/api/v1/payments", json=transfer_body(lease, tenant, 1_000, method="card"), headers=headers
    )
    assert card.json()["errors"][0]["field"] == "method"


async def test_refunds_take_back_allocations_newest_first(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    owner = await factory.staff(agency, StaffRole.OWNER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    invoice = await factory.invoice(agency, lease, manager, amount=30_000)
    headers = await factory.headers(manager)
    payment = (
        await client.post(
            "/api/v1/payments",
            json=transfer_body(
                lease,
                tenant,
                40_000,
                allocations=[{"invoice_id": str(invoice.id), "amount": 30_000}],
            ),
            headers=headers,
        )
    ).json()

    small = await client.post(
        f"/api/v1/payments/{payment['id']}/refunds",
        json={"amount": 15_000, "reason": "Paid twice"},
        headers=headers,
    )
    assert small.json()["status"] == "succeeded"
    after = (await client.get(f"/api/v1/invoices/{invoice.id}", headers=headers)).json()
    assert after["outstanding"] == 5_000  # 10,000 of credit went first, then 5,000 back
    too_much = await client.post(
        f"/api/v1/payments/{payment['id']}/refunds",
        json={"amount": 25_001, "reason": "Everything"},
        headers=headers,
    )
    assert too_much.status_code == 409

    agency.settings = agency.settings | {"approval_threshold": 10_000}
    big = await client.post(
        f"/api/v1/payments/{payment['id']}/refunds",
        json={"amount": 20_000, "reason": "Moved out"},
        headers=headers,
    )
    assert big.json()["status"] == "pending_approval"
    (waiting,) = (
        await client.get("/api/v1/approvals", params={"status": "pending"}, headers=headers)
    ).json()["items"]
    assert (waiting["invoice_id"], waiting["payment_id"]) == (None, payment["id"])
    decided = await client.post(
        f"/api/v1/approvals/{big.json()['approval_id']}/approve",
        headers=await factory.headers(owner),
    )
    assert decided.status_code == 200
    final = (await client.get(f"/api/v1/payments/{payment['id']}", headers=headers)).json()
    assert (final["refunded"], final["allocated"], final["unallocated"]) == (35_000, 5_000, 0)


async def test_the_tenant_sees_balance_invoices_and_history(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    invoice = await factory.invoice(agency, lease, manager, amount=30_000)
    await factory.payment(agency, lease, tenant, manager, amount=12_000)
    tenant_headers = await factory.headers(tenant)

    balance = await client.get("/api/v1/portal/balance", headers=tenant_headers)
    # The payment settled the open invoice as far as it went: no credit beside a debt.
    assert balance.json() == [
        {
            "lease_id": str(lease.id),
            "currency": "EUR",
            "outstanding": 18_000,
            "credit": 0,
            "balance": 18_000,
            "overdue": 0,
            "pending": 0,
            "to_pay": 18_000,
        }
    ]
    invoices = await client.get("/api/v1/portal/invoices", headers=tenant_headers)
    assert [i["id"] for i in invoices.json()["items"]] == [str(invoice.id)]
    history = await client.get("/api/v1/portal/payments", headers=tenant_headers)
    assert history.json()["items"][0]["receipt_number"] == 1
    assert "recorded_by_name" not in history.json()["items"][0]


# ------------------------------------------------------------------ real concurrency


async def test_fifty_concurrent_requests_with_one_key_record_one_payment(
    live_client: LiveBook,
    committed_database: Database,
) -> None:
    client, lease, tenant = live_client.staff_client, live_client.lease, live_client.tenant
    key = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
    body = transfer_body(lease, tenant, 25_000)

    responses = await asyncio.gather(
        *(client.post("/api/v1/payments", json=body, headers=key) for _ in range(50))
    )

    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    async with committed_database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Payment)) == 1
    replay = await client.post("/api/v1/payments", json=body, headers=key)
    assert replay.status_code == 201
    assert replay.json()["id"] in created
    assert replay.headers["idempotent-replayed"] == "true"
    other_body = await client.post("/api/v1/payments", json=body | {"amount": 25_001}, headers=key)
    assert other_body.status_code == 422
    assert other_body.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_concurrent_payments_get_receipt_numbers_without_gaps(
    live_client: LiveBook,
    committed_database: Database,
) -> None:
    """Twenty staff record payments at once. Each client does what a real one does with a 503
    ``busy`` (its turn at the receipt number did not come within the lock time-out, as happens
    on a loaded machine): it sends the same payment again with the same Idempotency-Key. Every
    payment ends recorded once, numbered 1..20 without a gap."""
    client, lease, tenant = live_client.staff_client, live_client.lease, live_client.tenant

    async def record(amount: int) -> httpx.Response:
        headers = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
        body = transfer_body(lease, tenant, amount)
        for _ in range(50):
            response = await client.post("/api/v1/payments", json=body, headers=headers)
            if response.status_code != 503:
                return response
            assert response.json()["type"].endswith(":busy")
        return response

    responses = await asyncio.gather(*(record(1_000 + n) for n in range(20)))

    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 20
    async with committed_database.transaction() as session:
        numbers = sorted((await session.scalars(select(Receipt.number))).all())
    assert numbers == list(range(1, 21))


async def test_a_payment_queued_too_long_on_the_receipt_number_answers_503_then_retries(
    impatient_client: LiveBook, engine: AsyncEngine, committed_database: Database
) -> None:
    """Issue 10: a payment that cannot get the trust account's receipt number in time (another
    transaction holds it) is refused with 503 and Retry-After, not a 500, and leaves nothing
    behind: its retry with the same key records it once, and the receipts stay gapless."""
    book = impatient_client
    client, lease, tenant = book.staff_client, book.lease, book.tenant
    first = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 1_000))
    assert first.status_code == 201
    assert first.json()["receipt_number"] == 1
    async with committed_database.transaction() as session:
        trust_account_id = (await get_trust_account(session, book.agency.id)).id
    key = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
    body = transfer_body(lease, tenant, 2_000)

    async with engine.connect() as holder:
        # Another transaction holds the counter's row, as a payment still committing would.
        await holder.execute(
            text(
                "SELECT last_number FROM document_sequences "
                "WHERE owner_id = :owner AND kind = 'receipt' FOR UPDATE"
            ),
            {"owner": trust_account_id},
        )
        queued = await client.post("/api/v1/payments", json=body, headers=key)
        await holder.rollback()

    assert queued.status_code == 503, queued.text
    assert queued.headers["content-type"] == "application/problem+json"
    assert int(queued.headers["retry-after"]) >= 1
    assert queued.json()["type"].endswith(":busy")
    retried = await client.post("/api/v1/payments", json=body, headers=key)
    assert retried.status_code == 201, retried.text
    assert retried.json()["receipt_number"] == 2
    async with committed_database.transaction() as session:
        numbers = sorted((await session.scalars(select(Receipt.number))).all())
        payments = await session.scalar(select(func.count()).select_from(Payment))
    assert (numbers, payments) == ([1, 2], 2)


async def test_a_payment_waiting_for_its_turn_holds_no_connection_while_tenants_read(
    live_client: LiveBook, engine: AsyncEngine, committed_database: Database
) -> None:
    """Issue 10: money writes beyond the pool's size wait for a turn before they take a database
    connection, so a burst of them leaves tenants' reads the pool's overflow."""
    book = live_client
    client, lease, tenant = book.staff_client, book.lease, book.tenant
    turns = write_turns(book.app.state, book.app.state.settings.pool_size)
    pool = engine.sync_engine.pool
    async with contextlib.AsyncExitStack() as held:
        for _ in range(book.app.state.settings.pool_size):
            await held.enter_async_context(turns.turn())
        connections_before = pool.checkedout()  # type: ignore[attr-defined]
        waiting = asyncio.create_task(
            client.post("/api/v1/payments", json=transfer_body(lease, tenant, 1_000))
        )
        # Bounded, so a write that never waits fails here instead of hanging the suite.
        await asyncio.wait_for(turns.someone_waited.wait(), timeout=120)
        read = await book.tenant_client.get("/api/v1/portal/invoices")
        assert read.status_code == 200, read.text
        assert pool.checkedout() == connections_before  # type: ignore[attr-defined]
        assert not waiting.done()
    recorded = await waiting
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["receipt_number"] == 1


async def test_the_receipt_e_mail_and_the_stored_response_show_the_number_taken_last(
    live_client: LiveBook, committed_database: Database
) -> None:
    client, lease, tenant = live_client.staff_client, live_client.lease, live_client.tenant
    key = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
    body = transfer_body(lease, tenant, 3_000)

    first = await client.post("/api/v1/payments", json=body, headers=key)
    replay = await client.post("/api/v1/payments", json=body, headers=key)

    assert first.status_code == replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert first.json()["receipt_number"] == replay.json()["receipt_number"] == 1
    async with committed_database.transaction() as session:
        message = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.kind == "payment_receipt")
        )
        assert message is not None
        filenames = (
            await session.scalars(
                select(OutboxAttachment.filename).where(OutboxAttachment.message_id == message.id)
            )
        ).all()
    assert "no. 1 " in message.subject
    assert list(filenames) == ["receipt-1.pdf"]
    # No placeholder (a negative 19-digit number) is left anywhere in the e-mail.
    assert not re.search(
        r"-\d{19}", message.subject + message.text_body + (message.html_body or "")
    )


async def test_a_failed_request_releases_its_key(
    live_client: LiveBook,
) -> None:
    client, lease, tenant = live_client.staff_client, live_client.lease, live_client.tenant
    key = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
    failing = transfer_body(lease, tenant, 1_000, received_on="2027-01-01")

    first = await client.post("/api/v1/payments", json=failing, headers=key)
    second = await client.post("/api/v1/payments", json=failing, headers=key)

    assert first.status_code == second.status_code == 422
    assert second.json()["errors"][0]["field"] == "received_on"


async def test_a_large_refund_cannot_be_split_into_pieces_within_the_threshold(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    agency = await factory.agency()  # approval threshold: 500.00
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    payment = await factory.payment(agency, lease, tenant, manager, amount=150_000)
    other = await factory.payment(agency, lease, tenant, manager, amount=150_000)
    headers = await factory.headers(manager)

    async def refund(payment_id: object, amount: int) -> str:
        response = await client.post(
            f"/api/v1/payments/{payment_id}/refunds",
            json={"amount": amount, "reason": "Moved out"},
            headers=headers,
        )
        assert response.status_code == 201, response.text
        status: str = response.json()["status"]
        return status

    assert await refund(payment.id, 50_000) == "succeeded"
    # 500.00 already given back: the second 500.00 makes 1,000.00.
    assert await refund(payment.id, 50_000) == "pending_approval"
    assert await refund(payment.id, 100) == "pending_approval"
    assert await refund(other.id, 50_000) == "succeeded"
    final = (await client.get(f"/api/v1/payments/{payment.id}", headers=headers)).json()
    assert final["refunded"] == 50_000


async def test_a_payment_without_a_key_is_bounded_as_well(
    impatient_client: LiveBook, engine: AsyncEngine, committed_database: Database
) -> None:
    """The money write's wait limits travel with the idempotency key's lock; a payment sent
    without a key still gets them (in a statement of their own), so it too answers 503 rather
    than waiting on the receipt number until the pool gives up."""
    book = impatient_client
    client, lease, tenant = book.staff_client, book.lease, book.tenant
    first = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 1_000))
    assert first.status_code == 201
    async with committed_database.transaction() as session:
        trust_account_id = (await get_trust_account(session, book.agency.id)).id

    async with engine.connect() as holder:
        await holder.execute(
            text(
                "SELECT last_number FROM document_sequences "
                "WHERE owner_id = :owner AND kind = 'receipt' FOR UPDATE"
            ),
            {"owner": trust_account_id},
        )
        queued = await client.post("/api/v1/payments", json=transfer_body(lease, tenant, 2_000))
        await holder.rollback()

    assert queued.status_code == 503, queued.text
    assert queued.json()["type"].endswith(":busy")
    async with committed_database.transaction() as session:
        payments = await session.scalar(select(func.count()).select_from(Payment))
    assert payments == 1

"""The agency's home page: each count is right, is the length of the list it links to, and
never counts another agency's records; the month's figures agree with the collections center."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx
import pytest

from doorstep.agencies.models import Agency, StaffRole
from doorstep.collections.reconciliation import import_statement
from doorstep.incidents.models import Incident, IncidentCategory, IncidentPriority, IncidentStatus
from doorstep.leases.models import Lease
from doorstep.payments.ledger.models import PaymentStatus
from doorstep.recurring.models import ScheduledCharge
from doorstep.recurring.transitions import ChargeStatus
from doorstep.tenants.models import Tenant
from tests.collections.builders import card_payment, invoice, named_tenant, pay, void
from tests.factories import Factory
from tests.recurring.builders import recurring_setup

# Today is 23 November 2026 in Brussels (tests.conftest.NOW).


@dataclass
class Office:
    agency: Agency
    headers: dict[str, str]
    lease: Lease
    tenant: Tenant


async def _office(factory: Factory, name: str, *, lines: int, proofs: int) -> Office:
    """An agency with something of every kind waiting:

    - invoices: 950.00 due 1 Oct unpaid and 1,200.00 due 1 Nov with 200.00 paid (both
      overdue, 1,950.00 still asked); 800.00 due 30 Nov and 100.00 due today (not overdue);
      a draft due 10 Nov and a void one due 5 Nov (neither counts);
    - one credit note waiting for approval (on the October invoice);
    - ``proofs`` transfer proofs to review; ``lines`` unmatched bank lines;
    - one failed card payment (and one that succeeded);
    - a recurring payment whose charge failed, and one whose charge succeeded;
    - ``proofs`` incidents reported and not yet qualified, and one qualified (not counted).
    """
    agency = await factory.agency(name)
    staff = await factory.staff(agency, StaffRole.ACCOUNTANT)
    tenant = await named_tenant(factory, agency, "Ann", f"Archer {name}")
    lease = await factory.lease(agency, [tenant])
    october = await invoice(factory, agency, lease, staff, due=date(2026, 10, 1), amount=95_000)
    november = await invoice(factory, agency, lease, staff, due=date(2026, 11, 1), amount=120_000)
    await pay(
        factory, agency, staff, lease, tenant, amount=20_000, allocations=[(november, 20_000)]
    )
    end = await invoice(factory, agency, lease, staff, due=date(2026, 11, 30), amount=80_000)
    await invoice(factory, agency, lease, staff, due=date(2026, 11, 23), amount=10_000)
    await invoice(factory, agency, lease, staff, due=date(2026, 11, 10), amount=5_000, draft=True)
    wrong = await invoice(factory, agency, lease, staff, due=date(2026, 11, 5), amount=50_000)
    await void(factory, agency, staff, wrong)
    await factory.credit_note_for_approval(agency, october, staff)
    for _ in range(proofs):
        await factory.transfer_proof(agency, lease, tenant)
    rows = "".join(
        f"2026-11-2{index},{index + 1}3.45,Unknown payer {name} {index},Someone\n"
        for index in range(lines)
    )
    await import_statement(
        factory.session,
        agency,
        staff,
        file_name="november.csv",
        data=(
            f"date,amount,reference,counterparty\n{rows}2026-11-20,-50.00,Bank fees,Bank\n"
        ).encode(),
        now=factory.clock.now(),
    )
    await card_payment(
        factory.session,
        agency,
        lease,
        tenant,
        amount=95_000,
        succeeded_at=None,
        status=PaymentStatus.FAILED,
    )
    await card_payment(
        factory.session, agency, lease, tenant, amount=1_000, succeeded_at=factory.clock.now()
    )
    setup = await recurring_setup(factory, agency, lease, tenant)
    for status, target in ((ChargeStatus.FAILED, end), (ChargeStatus.SUCCEEDED, november)):
        factory.session.add(
            ScheduledCharge(
                agency_id=agency.id,
                setup_id=setup.id,
                invoice_id=target.id,
                status=status,
                due_date=target.due_date,
                currency=agency.currency,
                gateway_key=f"charge-{target.id}",
            )
        )
    for index in range(proofs + 1):
        factory.session.add(
            Incident(
                agency_id=agency.id,
                lease_id=lease.id,
                unit_id=lease.unit_id,
                tenant_id=tenant.id,
                category=IncidentCategory.PLUMBING,
                title=f"Leak {index}",
                description="Water on the floor.",
                status=IncidentStatus.QUALIFIED if index == proofs else IncidentStatus.REPORTED,
                priority=IncidentPriority.NORMAL if index == proofs else None,
                reported_at=factory.clock.now(),
                updated_at=factory.clock.now(),
            )
        )
    await factory.session.flush()
    viewer = await factory.staff(agency, StaffRole.VIEWER)
    return Office(agency, await factory.headers(viewer), lease, tenant)


@pytest.fixture
async def offices(factory: Factory) -> tuple[Office, Office]:
    return (
        await _office(factory, "Alpha", lines=3, proofs=2),
        await _office(factory, "Beta", lines=1, proofs=1),
    )


async def test_counts_what_needs_action_today_and_the_month(
    client: httpx.AsyncClient, offices: tuple[Office, Office]
) -> None:
    alpha, _ = offices

    response = await client.get("/api/v1/dashboard", headers=alpha.headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["today"], body["timezone"], body["currency"]) == (
        "2026-11-23",
        "Europe/Brussels",
        "EUR",
    )
    assert body["actions"] == {
        "overdue_invoices": 2,
        "overdue_amount": 195_000,
        "approvals_waiting": 1,
        "transfer_proofs_to_review": 2,
        "unmatched_bank_lines": 3,
        "failed_payments": 1,
        "recurring_needing_attention": 1,
        "incidents_to_qualify": 2,
        "follow_ups_awaiting_review": 0,
    }
    # Due in November and open: 1,200.00 (200.00 paid), 800.00 and 100.00.
    assert body["month"] == {
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "invoices": 3,
        "expected": 210_000,
        "collected": 20_000,
        "outstanding": 190_000,
    }


async def test_another_agencys_records_are_never_counted(
    client: httpx.AsyncClient, offices: tuple[Office, Office]
) -> None:
    _, beta = offices

    body = (await client.get("/api/v1/dashboard", headers=beta.headers)).json()

    assert (
        body["actions"]["transfer_proofs_to_review"],
        body["actions"]["unmatched_bank_lines"],
    ) == (1, 1)
    assert body["actions"]["overdue_invoices"] == 2
    assert body["actions"]["approvals_waiting"] == 1
    assert body["actions"]["incidents_to_qualify"] == 1
    assert body["month"]["expected"] == 210_000


async def test_an_empty_agency_has_nothing_waiting(
    client: httpx.AsyncClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    agency = await factory.agency("Gamma")
    headers = await factory.headers(await factory.staff(agency, StaffRole.VIEWER))

    body = (await client.get("/api/v1/dashboard", headers=headers)).json()

    assert set(body["actions"].values()) == {0}
    assert {k: v for k, v in body["month"].items() if not k.startswith("period")} == {
        "invoices": 0,
        "expected": 0,
        "collected": 0,
        "outstanding": 0,
    }


@pytest.mark.parametrize(
    ("count", "path", "query"),
    [
        ("overdue_invoices", "/api/v1/invoices", {"overdue": "true"}),
        ("approvals_waiting", "/api/v1/approvals", {"status": "pending"}),
        ("transfer_proofs_to_review", "/api/v1/transfer-proofs", {"status": "submitted"}),
        ("unmatched_bank_lines", "/api/v1/reconciliation/lines", {"status": "unmatched"}),
        ("failed_payments", "/api/v1/payments", {"status": "failed"}),
        ("recurring_needing_attention", "/api/v1/recurring-payments", {"needs_attention": "true"}),
        ("incidents_to_qualify", "/api/v1/incidents", {"status": "reported"}),
    ],
)
async def test_each_count_is_the_length_of_the_list_it_opens(
    client: httpx.AsyncClient,
    offices: tuple[Office, Office],
    count: str,
    path: str,
    query: dict[str, str],
) -> None:
    for office in offices:
        actions = (await client.get("/api/v1/dashboard", headers=office.headers)).json()["actions"]
        listed = await client.get(path, params={**query, "limit": 200}, headers=office.headers)
        assert listed.status_code == 200, listed.text
        assert len(listed.json()["items"]) == actions[count] > 0


async def test_the_month_agrees_with_the_collections_center(
    client: httpx.AsyncClient, offices: tuple[Office, Office]
) -> None:
    alpha, _ = offices
    month = (await client.get("/api/v1/dashboard", headers=alpha.headers)).json()["month"]
    summary = (await client.get("/api/v1/collections/summary", headers=alpha.headers)).json()

    assert (summary["period_start"], summary["period_end"]) == (
        month["period_start"],
        month["period_end"],
    )
    assert summary["totals"] == {
        k: month[k] for k in ("expected", "collected", "outstanding", "invoices")
    }


async def test_the_month_and_today_follow_the_agencys_timezone(
    client: httpx.AsyncClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    """At 23:30 UTC on 30 November it is already 1 December in Brussels."""
    alpha, _ = offices
    factory.clock.advance_to(factory.clock.now().replace(day=30, hour=23, minute=30))
    # Signed in after the clock moved: the first viewer's access token has expired.
    headers = await factory.headers(await factory.staff(alpha.agency, StaffRole.VIEWER))

    body = (await client.get("/api/v1/dashboard", headers=headers)).json()

    assert body["today"] == "2026-12-01"
    assert (body["month"]["period_start"], body["month"]["period_end"]) == (
        "2026-12-01",
        "2026-12-31",
    )
    # The 800.00 due 30 November is now overdue too.
    assert body["actions"]["overdue_invoices"] == 4


async def test_staff_only(
    client: httpx.AsyncClient, offices: tuple[Office, Office], factory: Factory
) -> None:
    alpha, _ = offices
    tenant_headers = await factory.headers(alpha.tenant)

    assert (await client.get("/api/v1/dashboard")).status_code == 401
    assert (await client.get("/api/v1/dashboard", headers=tenant_headers)).status_code == 401

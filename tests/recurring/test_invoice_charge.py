"""The recurring charge that will take an invoice, as the tenant and staff see it: on the
invoice (lists and page), on the overdue list, and left out of follow-ups (seed 003: the charge
may come after the due date, so the invoice is "potentially in arrears before it is paid")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.billing.models import Invoice, InvoiceKind
from doorstep.billing.service import NewLine, create_invoice
from doorstep.core.clock import local_date
from doorstep.core.ids import new_id
from doorstep.leases.models import Lease
from doorstep.recurring.cycle import gateway_key
from doorstep.recurring.models import RecurringSetup, ScheduledCharge, SetupStatus
from doorstep.recurring.transitions import ChargeStatus
from doorstep.recurring.views import foreseen_charge_day
from doorstep.tenants.models import Tenant
from tests.factories import Factory
from tests.recurring.builders import recurring_setup

RENT = 95_000


@dataclass
class Book:
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease
    setup: RecurringSetup
    today: date


@pytest.fixture
async def book(factory: Factory) -> Book:
    agency = await factory.agency("Charge Lettings")
    agency.settings = {
        **agency.settings,
        "features": {"online_payments": True},
        "contact_email": "help@charge.example",
    }
    await factory.bank_details(agency)
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant], rent=RENT)
    setup = await recurring_setup(factory, agency, lease, tenant)
    today = local_date(factory.clock.now(), agency.timezone)
    return Book(agency, manager, tenant, lease, setup, today)


async def _rent(factory: Factory, book: Book, due: date, amount: int = RENT) -> Invoice:
    return await create_invoice(
        factory.session,
        book.agency,
        book.manager,
        lease_id=book.lease.id,
        kind=InvoiceKind.RENT,
        due_date=due,
        lines=[NewLine("Rent", amount)],
        now=factory.clock.now(),
    )


async def _charge(
    factory: Factory,
    book: Book,
    invoice: Invoice,
    status: ChargeStatus,
    *,
    charge_on: date | None = None,
    amount: int | None = None,
) -> ScheduledCharge:
    charge_id = new_id()
    charge = ScheduledCharge(
        id=charge_id,
        agency_id=book.agency.id,
        setup_id=book.setup.id,
        invoice_id=invoice.id,
        status=status,
        due_date=invoice.due_date,
        currency=invoice.currency,
        reminded_at=factory.clock.now() if charge_on is not None else None,
        reminded_amount=amount,
        charge_not_before=charge_on,
        gateway_key=gateway_key(charge_id),
    )
    factory.session.add(charge)
    await factory.session.flush()
    return charge


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


async def test_the_tenant_and_staff_see_when_the_charge_takes_each_invoice(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    reminded = await _rent(factory, book, book.today + timedelta(days=1))
    await _charge(
        factory,
        book,
        reminded,
        ChargeStatus.REMINDED,
        charge_on=book.today + timedelta(days=3),
        amount=RENT,
    )
    later = await _rent(factory, book, book.today + timedelta(days=20))
    await _charge(factory, book, later, ChargeStatus.SCHEDULED)
    by_hand = await _rent(factory, book, book.today + timedelta(days=5))

    tenant = await factory.headers(book.tenant)
    listed = await client.get("/api/v1/portal/invoices", headers=tenant)
    assert listed.status_code == 200, listed.text
    items = _by_id(listed.json()["items"])
    assert items[str(reminded.id)]["scheduled_charge"] == {
        # Three days after the reminder, though the invoice falls due before.
        "charge_on": (book.today + timedelta(days=3)).isoformat(),
        "amount": RENT,
        "currency": "EUR",
        "status": "reminded",
        "method": "card",
        "last4": "4242",
    }
    # Not yet reminded: the agency's three days ahead, then on the due date.
    foreseen = items[str(later.id)]["scheduled_charge"]
    assert foreseen["status"] == "scheduled"
    assert foreseen["charge_on"] == later.due_date.isoformat()
    assert foreseen["amount"] == RENT
    assert items[str(by_hand.id)]["scheduled_charge"] is None

    page = await client.get(f"/api/v1/portal/invoices/{reminded.id}", headers=tenant)
    assert page.json()["scheduled_charge"]["status"] == "reminded"

    staff = await factory.headers(book.manager)
    staff_list = _by_id((await client.get("/api/v1/invoices", headers=staff)).json()["items"])
    assert staff_list[str(later.id)]["scheduled_charge"] == foreseen
    staff_page = await client.get(f"/api/v1/invoices/{by_hand.id}", headers=staff)
    assert staff_page.json()["scheduled_charge"] is None


async def test_a_charge_that_will_not_happen_is_not_shown(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    failed = await _rent(factory, book, book.today + timedelta(days=1))
    await _charge(factory, book, failed, ChargeStatus.FAILED, charge_on=book.today, amount=RENT - 1)
    upcoming = await _rent(factory, book, book.today + timedelta(days=10))
    await _charge(factory, book, upcoming, ChargeStatus.SCHEDULED)
    headers = await factory.headers(book.tenant)

    async def shown() -> dict[str, Any]:
        response = await client.get("/api/v1/portal/invoices", headers=headers)
        return {
            key: item["scheduled_charge"] for key, item in _by_id(response.json()["items"]).items()
        }

    assert (await shown())[str(failed.id)] is None
    assert (await shown())[str(upcoming.id)] is not None
    # Online payments switched off: nothing more is taken.
    book.agency.settings = {**book.agency.settings, "features": {"online_payments": False}}
    await factory.session.flush()
    assert (await shown())[str(upcoming.id)] is None
    # The tenant cancelled the set-up.
    book.agency.settings = {**book.agency.settings, "features": {"online_payments": True}}
    book.setup.status = SetupStatus.CANCELLED
    await factory.session.flush()
    assert (await shown())[str(upcoming.id)] is None


async def test_a_charge_at_the_gateway_is_shown_as_charging(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    invoice = await _rent(factory, book, book.today)
    await _charge(factory, book, invoice, ChargeStatus.UNKNOWN, charge_on=book.today, amount=RENT)
    response = await client.get(
        f"/api/v1/portal/invoices/{invoice.id}", headers=await factory.headers(book.tenant)
    )
    assert response.json()["scheduled_charge"]["status"] == "charging"


async def test_another_agencys_charge_never_shows(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    invoice = await _rent(factory, book, book.today + timedelta(days=4))
    await _charge(factory, book, invoice, ChargeStatus.SCHEDULED)
    other = await factory.agency("Other Lettings")
    other_manager = await factory.staff(other, StaffRole.MANAGER)
    response = await client.get(
        f"/api/v1/invoices/{invoice.id}", headers=await factory.headers(other_manager)
    )
    assert response.status_code == 404


async def test_staff_do_not_chase_an_overdue_invoice_the_charge_will_take(
    client: httpx.AsyncClient, factory: Factory, book: Book
) -> None:
    # Seed 003: due yesterday, reminded the day before, taken in two days.
    overdue = await _rent(factory, book, book.today - timedelta(days=1))
    charge = await _charge(
        factory,
        book,
        overdue,
        ChargeStatus.REMINDED,
        charge_on=book.today + timedelta(days=2),
        amount=RENT,
    )
    staff = await factory.headers(book.manager)
    listed = await client.get("/api/v1/collections/overdue", headers=staff)
    assert listed.status_code == 200, listed.text
    [lease] = listed.json()["leases"]
    assert lease["recurring_charge_on"] == (book.today + timedelta(days=2)).isoformat()

    preview = await client.post(
        "/api/v1/collections/follow-ups/preview",
        json={"lease_id": str(book.lease.id)},
        headers=staff,
    )
    assert preview.status_code == 409, preview.text
    assert "recurring payment" in preview.json()["detail"]

    # Once the charge failed, the invoice is the staff's to chase again.
    charge.status = ChargeStatus.FAILED
    await factory.session.flush()
    listed = await client.get("/api/v1/collections/overdue", headers=staff)
    assert listed.json()["leases"][0]["recurring_charge_on"] is None
    preview = await client.post(
        "/api/v1/collections/follow-ups/preview",
        json={"lease_id": str(book.lease.id)},
        headers=staff,
    )
    assert preview.status_code == 200, preview.text
    assert [i["invoice_id"] for i in preview.json()["invoices"]] == [str(overdue.id)]


@pytest.mark.parametrize(
    ("due_in", "reminder_days", "charge_in"),
    [
        (10, 3, 10),  # reminded 3 days ahead: on the due date
        (10, 1, 12),  # reminded the day before: three days after that
        (1, 3, 3),  # due within three days: the reminder goes today, the charge in three
        (-2, 3, 3),  # already overdue and not reminded: the same
    ],
)
def test_the_charge_day_is_foreseen_as_the_cycle_will_set_it(
    due_in: int, reminder_days: int, charge_in: int
) -> None:
    today = date(2026, 11, 23)
    assert foreseen_charge_day(
        today + timedelta(days=due_in), reminder_days, today
    ) == today + timedelta(days=charge_in)

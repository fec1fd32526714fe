"""Recurring payments walked through simulated weeks: the scheduler's real tick at each
instant, a real localstripe taking the charges and a real SMTP sink receiving the e-mails.

Everything commits for real (charges commit in steps), and the tables are emptied after each
test (``committed_database``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.billing.models import CreditNoteKind, Invoice, InvoiceKind
from doorstep.billing.service import (
    NewLine,
    cancel_tenancy,
    change_lease_term,
    create_invoice,
    generate_rent_invoices,
    issue_credit_note,
    review_rent,
)
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.leases.schemas import LeaseUpdate
from doorstep.leases.service import cancel_lease, end_expired_leases
from doorstep.notifications.devmailbox import StoredMessage
from doorstep.notifications.service import deliver_due
from doorstep.notifications.smtp import Mailer
from doorstep.payments.cards.charges import reconcile_card_payments
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.recurring.charging import agencies_with_charges, run_charges
from doorstep.recurring.common import RecurringConfig
from doorstep.recurring.cycle import run_cycle
from doorstep.recurring.models import RecurringSetup, ScheduledCharge, SetupMethod
from doorstep.recurring.payments_port import StripeGateway, start_card_setup
from doorstep.recurring.service import AUTHORISATION_VERSION, set_up
from doorstep.scheduler.registry import TickRegistry
from doorstep.scheduler.service import TickReport, tick
from doorstep.tenants.models import Tenant
from tests.factories import Factory
from tests.notifications.conftest import Sink, start_sink
from tests.payments_online import conftest as online
from tests.payments_online.conftest import LocalStripe

# The card-payment suite's localstripe (one process per run, emptied per module).
localstripe = online.localstripe
gateway = online.gateway
_fresh_localstripe = online._fresh_localstripe

MAIL_FROM = "Doorstep <no-reply@doorstep.test>"
PUBLIC_BASE = "https://doorstep.example"
CONFIG = RecurringConfig(
    public_base_url=PUBLIC_BASE,
    link_secret="test-secret-key-0123456789abcdef",
    link_ttl=timedelta(days=14),
)
# Set-up day: the lease was taken over (activated) that morning.
SETUP_DAY = date(2026, 11, 23)
RENT = 95_000
VISA = "4242424242424242"
DECLINED_AT_CHARGE = "4000000000000341"


def morning(day: date) -> datetime:
    """09:00 in Brussels (the agency's timezone) on ``day``."""
    return datetime.combine(day, time(8, 0), tzinfo=UTC)


def scenario_registry(charger: StripeGateway, mailer: Mailer) -> TickRegistry:
    """The production tick's concerns for these scenarios, with the test's gateway and mail
    server instead of the settings' ones."""
    registry = TickRegistry()

    @registry.agency_concern("leases.end_expired")
    async def _end(session: Any, agency_id: uuid.UUID, now: datetime) -> int:
        return await end_expired_leases(session, now, only_agency=agency_id)

    @registry.agency_concern("billing.generate_rent_invoices")
    async def _bill(session: Any, agency_id: uuid.UUID, now: datetime) -> int:
        return await generate_rent_invoices(session, now, only_agency=agency_id)

    @registry.agency_concern("payments.reconcile_card_payments")
    async def _reconcile(session: Any, agency_id: uuid.UUID, now: datetime) -> int:
        return await reconcile_card_payments(session, charger, now, only_agency=agency_id)

    @registry.agency_concern("recurring.cycle")
    async def _cycle(session: Any, agency_id: uuid.UUID, now: datetime) -> int:
        return await run_cycle(session, agency_id, now, CONFIG)

    @registry.agency_drain("recurring.charge", agencies=agencies_with_charges)
    async def _charge(database: Database, agency_id: uuid.UUID, now: datetime) -> int:
        return await run_charges(database, charger, agency_id, now, CONFIG)

    @registry.drain("notifications.deliver_outbox")
    async def _mail(database: Database, now: datetime) -> int:
        return (await deliver_due(database, mailer, now)).sent

    return registry


@pytest.fixture
def smtp_sink(tmp_path: Path) -> Iterator[Sink]:
    controller, sink = start_sink(tmp_path / "mailbox")
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class Scenario:
    database: Database
    gateway: StripeGateway
    localstripe: LocalStripe
    sink: Sink
    registry: TickRegistry
    clock: FixedClock
    agency: Agency
    manager: StaffUser
    tenant: Tenant
    lease: Lease
    reports: list[TickReport] = field(default_factory=list)
    last_tick: date | None = None

    # time

    async def tick(self, day: date) -> TickReport:
        self.clock.advance_to(morning(day))
        report = await tick(self.database, self.registry, morning(day))
        assert report.ok, report.summary()
        self.reports.append(report)
        self.last_tick = day
        return report

    async def walk_to(self, day: date) -> None:
        """Tick every morning from the day after the last tick up to ``day``."""
        current = (self.last_tick or SETUP_DAY - timedelta(days=1)) + timedelta(days=1)
        while current <= day:
            await self.tick(current)
            current += timedelta(days=1)

    def at(self, day: date, hour: int = 12) -> datetime:
        instant = datetime.combine(day, time(hour, 0), tzinfo=UTC)
        self.clock.advance_to(instant)
        return instant

    # the tenant

    async def set_up_card(self, number: str = VISA, day: date = SETUP_DAY) -> RecurringSetup:
        now = self.at(day)
        session_ = await start_card_setup(self.database, self.gateway, self.tenant)
        method = await self.localstripe.confirm_card_setup(session_.client_secret, number)
        return await set_up(
            self.database,
            self.gateway,
            self.agency,
            self.tenant,
            lease_id=self.lease.id,
            method=SetupMethod.CARD,
            payment_method_id=method,
            iban=None,
            account_holder=None,
            authorisation_version=AUTHORISATION_VERSION,
            client="pytest",
            now=now,
        )

    # the agency

    async def rent_invoice(self, due: date) -> Invoice:
        async with self.database.transaction() as session:
            invoice = await session.scalar(
                select(Invoice).where(
                    Invoice.lease_id == self.lease.id,
                    Invoice.kind == InvoiceKind.RENT,
                    Invoice.due_date == due,
                )
            )
        assert invoice is not None, f"no rent invoice due {due}"
        return invoice

    async def credit(self, invoice: Invoice, amount: int, day: date) -> None:
        async with self.database.transaction() as session:
            _, approval = await issue_credit_note(
                session,
                self.agency,
                self.manager,
                invoice_id=invoice.id,
                amount=amount,
                reason="Tenancy change",
                kind=CreditNoteKind.CREDIT,
                now=self.at(day),
            )
        assert approval is None

    async def pay_by_transfer(self, invoice: Invoice, amount: int, day: date) -> None:
        from doorstep.billing.allocations import AllocationRequest

        now = self.at(day)
        async with self.database.transaction() as session:
            oldest_first = (
                await get_trust_account(session, self.agency.id)
            ).receipt_oldest_invoice_first
            await record_offline_payment(
                session,
                self.agency,
                self.manager,
                lease_id=self.lease.id,
                tenant_id=self.tenant.id,
                amount=amount,
                currency="EUR",
                method=PaymentMethod.BANK_TRANSFER,
                received_on=day,
                reference=f"Invoice {invoice.number}",
                allocations=None if oldest_first else [AllocationRequest(invoice.id, amount)],
                now=now,
            )

    async def change_lease(self, day: date, **values: Any) -> None:
        """Staff move the end date or the holding-over flag (as ``PATCH /leases/{id}`` does:
        the rent invoices already issued follow the new term)."""
        now = self.at(day)
        async with self.database.transaction() as session:
            agency = await session.get_one(Agency, self.agency.id)
            await change_lease_term(
                session, agency, self.manager, self.lease.id, LeaseUpdate(**values), now=now
            )

    async def review_rent(self, day: date, effective_from: date, amount: int) -> None:
        """Staff record a new rent from a date (the leases service)."""
        now = self.at(day)
        async with self.database.transaction() as session:
            agency = await session.get_one(Agency, self.agency.id)
            await review_rent(
                session,
                agency,
                self.manager,
                self.lease.id,
                effective_from=effective_from,
                amount=amount,
                currency="EUR",
                now=now,
            )

    async def change_settings(self, **values: Any) -> None:
        async with self.database.transaction() as session:
            agency = await session.get_one(Agency, self.agency.id, with_for_update=True)
            agency.settings = {**agency.settings, **values}
            self.agency = agency

    async def rent_arrears(self, due: date, amount: int) -> Invoice:
        """A rent invoice staff added by hand before the set-up (arrears taken over)."""
        async with self.database.transaction() as session:
            return await create_invoice(
                session,
                self.agency,
                self.manager,
                lease_id=self.lease.id,
                kind=InvoiceKind.RENT,
                due_date=due,
                lines=[NewLine("Rent arrears", amount)],
                now=self.clock.now(),
            )

    async def cancel_lease(self, day: date) -> None:
        self.at(day)
        async with self.database.transaction() as session:
            await cancel_lease(session, self.agency, self.lease.id)

    async def cancel_tenancy(self, day: date, ends_on: date) -> None:
        """Staff cancel the tenancy from its last day (as ``POST /leases/{id}/cancel`` with
        ``ends_on`` does: the rent invoices follow the shortened term)."""
        now = self.at(day)
        async with self.database.transaction() as session:
            agency = await session.get_one(Agency, self.agency.id)
            await cancel_tenancy(
                session, agency, self.manager, self.lease.id, ends_on=ends_on, now=now
            )

    # what happened

    def emails(self, subject_contains: str = "") -> list[StoredMessage]:
        return [
            m
            for m in self.sink.messages()
            if m.to.endswith(self.tenant.email) and subject_contains in m.subject
        ]

    async def charges_at_gateway(self, invoice: Invoice) -> list[dict[str, Any]]:
        return await self.localstripe.payment_intents(invoice.id)

    async def charge_of(self, invoice: Invoice) -> ScheduledCharge | None:
        async with self.database.transaction() as session:
            return await session.scalar(
                select(ScheduledCharge).where(ScheduledCharge.invoice_id == invoice.id)
            )

    async def setup_row(self) -> RecurringSetup:
        async with self.database.transaction() as session:
            setup = await session.scalar(
                select(RecurringSetup)
                .where(RecurringSetup.lease_id == self.lease.id)
                .order_by(RecurringSetup.created_at.desc())
                .limit(1)
            )
        assert setup is not None
        return setup

    async def lease_status(self) -> LeaseStatus:
        async with self.database.transaction() as session:
            return (await session.get_one(Lease, self.lease.id)).status


def text_of(message: StoredMessage) -> str:
    body = message.message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


@pytest.fixture
async def scenario(
    committed_database: Database,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    smtp_sink: Sink,
) -> Scenario:
    return await build_scenario(committed_database, gateway, localstripe, smtp_sink)


async def build_scenario(
    committed_database: Database,
    gateway: StripeGateway,
    localstripe: LocalStripe,
    smtp_sink: Sink,
    taken_over_on: date = SETUP_DAY,
) -> Scenario:
    """An agency with one tenant on a lease running since 1 September 2026, which the agency
    took over (activated) on the morning of ``taken_over_on``."""
    clock = FixedClock(morning(taken_over_on) - timedelta(hours=1))
    async with committed_database.transaction() as session:
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        agency = await factory.agency(f"Recurring Lettings {uuid.uuid4().hex[:6]}")
        agency.settings = {
            **agency.settings,
            # Automated messages on: the due-soon reminders are theirs (seed 000).
            "features": {
                "online_payments": True,
                "payment_links": True,
                "automated_messages": True,
            },
            "contact_email": "help@recurring.example",
            # Tenancy changes credit most of a month: no second approver in these stories.
            "approval_threshold": 1_000_000,
        }
        manager = await factory.staff(agency, StaffRole.MANAGER)
        tenant = await factory.tenant(agency)
        lease = await factory.lease(agency, [tenant], start=date(2026, 9, 1), rent=RENT)
    mailer = Mailer(smtp_sink.url, mail_from=MAIL_FROM, timeout=5, max_attempts=3)
    return Scenario(
        database=committed_database,
        gateway=gateway,
        localstripe=localstripe,
        sink=smtp_sink,
        registry=scenario_registry(gateway, mailer),
        clock=clock,
        agency=agency,
        manager=manager,
        tenant=tenant,
        lease=lease,
    )

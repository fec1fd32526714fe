"""Demo data: one agency with staff of every role, properties, units, tenants and leases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.schemas import AgencyCreate, StaffUserCreate
from doorstep.agencies.service import create_agency, create_staff_user, get_trust_account
from doorstep.billing.models import InvoiceKind
from doorstep.billing.service import NewLine, create_invoice, generate_rent_invoices
from doorstep.collections import emails as collections_emails  # noqa: F401 - outbox messages
from doorstep.core.clock import local_date
from doorstep.core.money import MoneyIn
from doorstep.documents import registered  # noqa: F401 - the outbox's messages and PDFs
from doorstep.leases.models import Lease, RentFrequency
from doorstep.leases.schemas import LeaseCreate
from doorstep.leases.service import activate_lease, create_lease
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.properties.schemas import PropertyCreate, UnitCreate
from doorstep.properties.service import create_property, create_unit
from doorstep.tenants.models import Tenant
from doorstep.tenants.schemas import TenantCreate
from doorstep.tenants.service import create_tenant, set_portal_password

DEMO_DOMAIN = "doorstep.example"


@dataclass(frozen=True)
class DemoLogin:
    who: str
    email: str
    password: str


DEMO_STAFF = [
    (StaffRole.OWNER, "Olivia", "Owner"),
    (StaffRole.MANAGER, "Marc", "Manager"),
    (StaffRole.ACCOUNTANT, "Anna", "Accountant"),
    (StaffRole.VIEWER, "Victor", "Viewer"),
]
DEMO_TENANT_PASSWORD = "demo-tenant-pass"  # noqa: S105 - published demo login


def demo_logins() -> list[DemoLogin]:
    staff = [
        DemoLogin(f"staff ({role.value})", f"{role.value}@{DEMO_DOMAIN}", f"demo-{role.value}-pass")
        for role, _, _ in DEMO_STAFF
    ]
    return [*staff, DemoLogin("tenant", f"tenant@{DEMO_DOMAIN}", DEMO_TENANT_PASSWORD)]


async def database_is_empty(session: AsyncSession) -> bool:
    return (await session.scalar(select(func.count()).select_from(Agency))) == 0


async def seed_demo(session: AsyncSession, now: datetime) -> Agency:
    agency = await create_agency(
        session,
        AgencyCreate(
            name="Demo Lettings",
            country="BE",
            currency="EUR",
            locale="en-BE",
            timezone="Europe/Brussels",
        ),
    )
    # The demo pays by card against the local stand-in (localstripe): switch it on (seed 000:
    # a new agency has it off, shown as "In progress").
    features = {
        **agency.settings.get("features", {}),
        "online_payments": True,
        "payment_links": True,
    }
    agency.settings = {**agency.settings, "features": features}
    for role, first, last in DEMO_STAFF:
        await create_staff_user(
            session,
            agency.id,
            StaffUserCreate(
                email=f"{role.value}@{DEMO_DOMAIN}",
                first_name=first,
                last_name=last,
                role=role,
                password=f"demo-{role.value}-pass",
            ),
        )
    tenant = await create_tenant(
        session,
        agency.id,
        TenantCreate(
            first_name="Tess",
            last_name="Tenant",
            email=f"tenant@{DEMO_DOMAIN}",
            phone="+32470123456",
        ),
    )
    await set_portal_password(session, tenant, DEMO_TENANT_PASSWORD)
    neighbour = await create_tenant(
        session,
        agency.id,
        TenantCreate(
            first_name="Noah", last_name="Neighbour", email=f"noah@{DEMO_DOMAIN}", phone=None
        ),
    )
    residence = await create_property(
        session,
        agency.id,
        PropertyCreate(
            name="Residence Louise",
            address_line1="Avenue Louise 120",
            city="Brussels",
            postal_code="1050",
            country="BE",
        ),
    )
    flats = [
        await create_unit(session, agency.id, UnitCreate(property_id=residence.id, name=name))
        for name in ("Flat 1A", "Flat 1B", "Flat 2A")
    ]
    today = local_date(now, agency.timezone)
    leases: list[tuple[Lease, Tenant]] = []
    for unit, party, rent in ((flats[0], tenant, 95_000), (flats[1], neighbour, 87_500)):
        lease = await create_lease(
            session,
            agency,
            LeaseCreate(
                unit_id=unit.id,
                tenant_ids=[party.id],
                start_date=date(today.year - 1, today.month, 1),
                rent=MoneyIn(amount=rent, currency="EUR"),
                frequency=RentFrequency.MONTHLY,
                due_day=1,
            ),
        )
        await activate_lease(session, agency, lease.id, now)
        leases.append((lease, party))
    await _seed_money(session, agency, leases, now)
    return agency


async def _seed_money(
    session: AsyncSession, agency: Agency, leases: list[tuple[Lease, Tenant]], now: datetime
) -> None:
    """This month's rent for both tenants, last month's still owed by the neighbour, a
    transfer he made, bank details to pay by and a contact for help (collections follow-ups
    need both), and whatever rent falls due within the invoicing lead time."""
    owner = await session.scalar(
        select(StaffUser).where(StaffUser.agency_id == agency.id, StaffUser.role == StaffRole.OWNER)
    )
    assert owner is not None
    trust = await get_trust_account(session, agency.id)
    trust.iban = "BE68539007547034"
    trust.bic = "GKCCBEBB"
    agency.settings = {
        **agency.settings,
        "contact_email": f"accounts@{DEMO_DOMAIN}",
        "contact_phone": "+3225551234",
    }
    today = local_date(now, agency.timezone)
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    (tess_lease, _), (noah_lease, noah) = leases
    for lease, due in (
        (tess_lease, this_month),
        (noah_lease, last_month),
        (noah_lease, this_month),
    ):
        await create_invoice(
            session,
            agency,
            owner,
            lease_id=lease.id,
            kind=InvoiceKind.RENT,
            due_date=due,
            lines=[NewLine(f"Rent {due:%B %Y}", lease.rent_amount)],
            now=now,
        )
    await record_offline_payment(
        session,
        agency,
        owner,
        lease_id=noah_lease.id,
        tenant_id=noah.id,
        amount=50_000,
        currency=agency.currency,
        method=PaymentMethod.BANK_TRANSFER,
        received_on=today,
        reference="NOAH NEIGHBOUR RENT",
        allocations=None,
        now=now,
    )
    await generate_rent_invoices(session, now)

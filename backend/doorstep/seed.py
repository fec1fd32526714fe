"""Demo data: one agency with staff of every role, properties, units, tenants and leases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole
from doorstep.agencies.schemas import AgencyCreate, StaffUserCreate
from doorstep.agencies.service import create_agency, create_staff_user
from doorstep.core.clock import local_date
from doorstep.core.money import MoneyIn
from doorstep.leases.models import RentFrequency
from doorstep.leases.schemas import LeaseCreate
from doorstep.leases.service import activate_lease, create_lease
from doorstep.properties.schemas import PropertyCreate, UnitCreate
from doorstep.properties.service import create_property, create_unit
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
    return agency

"""Recurring set-ups as rows, for tests about access rather than about the gateway."""

from __future__ import annotations

from doorstep.agencies.models import Agency
from doorstep.core.clock import local_date
from doorstep.leases.models import Lease
from doorstep.recurring.models import RecurringSetup, SetupMethod, SetupStatus
from doorstep.recurring.service import AUTHORISATION_VERSION
from doorstep.tenants.models import Tenant
from tests.factories import Factory


async def recurring_setup(
    factory: Factory, agency: Agency, lease: Lease, tenant: Tenant
) -> RecurringSetup:
    now = factory.clock.now()
    setup = RecurringSetup(
        agency_id=agency.id,
        lease_id=lease.id,
        tenant_id=tenant.id,
        method=SetupMethod.CARD,
        status=SetupStatus.ACTIVE,
        customer_ref=f"cus_world{tenant.id.hex[:8]}",
        payment_method_ref=f"pm_world{tenant.id.hex[:8]}",
        payment_method_label="visa •••• 4242",
        agreed_amount=lease.rent_amount,
        currency=lease.rent_currency,
        authorisation_version=AUTHORISATION_VERSION,
        authorised_at=now,
        authorised_client="test",
        started_on=local_date(now, agency.timezone),
    )
    factory.session.add(setup)
    await factory.session.flush()
    return setup

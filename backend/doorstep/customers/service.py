"""Deleting a customer (seed 001: "Deleting the user cleans up all data that related to the
user and all their access tokens to the platform").

The person's data lives in many modules; each forgets its own part through its own service,
and this module only orders the steps. What the agency must keep — invoices, payments,
receipts, allocations, refunds, approvals, bank statement lines, follow-ups — stays, pointing
at the tenant row, which becomes an anonymised tombstone ("Deleted customer"). The documents
staff published on a lease (signed lease, condition reports, statements) stay with the lease
as incidents stay with the home: they are the agency's records about the tenancy, not the
person's own uploads, and the lease's other tenants keep seeing them (their titles, staff's
free text, are rewritten where they name the person)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.accounts.service import forget_tenant as forget_account_links
from doorstep.agencies.models import Agency, StaffUser
from doorstep.auth.service import revoke_all_sessions
from doorstep.collections import follow_ups, reconciliation
from doorstep.core.clock import local_date
from doorstep.core.erasure import Needles
from doorstep.core.errors import Conflict
from doorstep.core.idempotency import forget_responses
from doorstep.core.security import Audience
from doorstep.documents.service import forget_tenant as forget_document_titles
from doorstep.incidents.service import forget_tenant_incidents
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.messages.service import forget_tenant_conversations
from doorstep.notifications.push import forget_tenant_devices
from doorstep.notifications.service import forget_person
from doorstep.onboarding.assignments import forget_tenant_assignments
from doorstep.onboarding.service import forget_tenant as forget_invites
from doorstep.payments.cards.customers import (
    drop_gateway_customer,
    forget_gateway_customer,
    stored_customer,
)
from doorstep.payments.cards.gateway import StripeGateway
from doorstep.payments.ledger.balances import tenant_lease_balances
from doorstep.payments.ledger.service import forget_tenant as forget_payment_texts
from doorstep.payments.proofs.service import forget_tenant_proofs
from doorstep.readiness.service import forget_tenant as forget_readiness_overrides
from doorstep.recurring.service import forget_tenant as forget_recurring
from doorstep.tenants.service import anonymise_tenant, get_tenant

log = structlog.get_logger(__name__)

REVOKE_REASON = "customer_deleted"


class CustomerOnLiveLease(Conflict):
    slug = "customer-on-live-lease"
    title = "This customer is on a lease that is still running"


class CustomerBalanceOpen(Conflict):
    slug = "customer-balance-open"
    title = "Money is still owed by or to this customer"


async def _refuse_while_in_business(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, today: date
) -> None:
    """A customer is deleted only once their business with the agency is over: no active or
    draft lease (end or cancel it first, so the unit, the rent schedule and the recurring
    charges stop), nothing owed on any lease and no credit held for them (collect, write off
    or refund it first) — a deleted person can neither be asked for money nor paid back."""
    live = await session.scalar(
        select(Lease.id)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .where(
            Lease.agency_id == agency_id,
            LeaseTenant.tenant_id == tenant_id,
            Lease.status.in_([LeaseStatus.ACTIVE, LeaseStatus.DRAFT]),
        )
        .limit(1)
    )
    if live is not None:
        raise CustomerOnLiveLease(
            "This customer is on an active or draft lease. End or cancel the lease first, "
            "then delete the customer."
        )
    for balance in await tenant_lease_balances(session, tenant_id, agency_id, today):
        if balance.outstanding > 0:
            raise CustomerBalanceOpen(
                "This customer still owes money on a lease. Record the payment or write the "
                "invoices off first: a deleted customer cannot be asked to pay."
            )
        if balance.credit > 0:
            raise CustomerBalanceOpen(
                "The agency holds money for this customer that no invoice used. Refund it "
                "first: a deleted customer cannot be paid back."
            )


async def delete_customer(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    tenant_id: uuid.UUID,
    *,
    now: datetime,
    require_gateway: Callable[[], StripeGateway],
) -> None:
    """Seed 001, Delete a customer: their profile, uploaded files, onboarding answers, saved
    cards at the gateway, e-mails, push devices and portal credentials go; every login session
    is revoked at once (their access and refresh tokens stop working on the next request); the
    financial records stay, anonymised. Who deleted them and when is kept on the tombstone.

    The saved cards are detached at the gateway before the rows go (while the tenant row is
    locked): if the commit then fails, a retry finds nothing left at the gateway and finishes.
    """
    tenant = await get_tenant(session, agency.id, tenant_id, for_update=True)
    await _refuse_while_in_business(session, agency.id, tenant.id, local_date(now, agency.timezone))
    needles = Needles(
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        email=tenant.email,
        phone=tenant.phone,
    )
    customer = await stored_customer(session, tenant.id)
    cards = 0
    if customer is not None:
        cards = await forget_gateway_customer(require_gateway(), customer)
        await drop_gateway_customer(session, tenant.id)
    await revoke_all_sessions(
        session, audience=Audience.TENANT, subject_id=tenant.id, now=now, reason=REVOKE_REASON
    )
    invites = await forget_invites(session, agency.id, tenant.id, tenant.email)
    assignments = await forget_tenant_assignments(session, agency.id, tenant.id)
    await forget_account_links(session, agency.id, tenant.id)
    proofs = await forget_tenant_proofs(session, agency.id, tenant.id)
    incident_photos = await forget_tenant_incidents(session, agency.id, tenant.id, needles)
    await forget_recurring(session, agency.id, tenant.id)
    conversation_messages = await forget_tenant_conversations(
        session, agency.id, tenant.id, needles
    )
    await forget_document_titles(session, agency.id, tenant.id, needles)
    await forget_payment_texts(session, agency.id, tenant.id, needles)
    await forget_readiness_overrides(session, agency.id, tenant.id, needles)
    await follow_ups.forget_tenant(session, agency.id, tenant.id, needles)
    await reconciliation.forget_tenant(session, agency.id, tenant.id, needles)
    messages = await forget_person(session, agency.id, needles)
    devices = await forget_tenant_devices(session, agency.id, tenant.id)
    staff_ids = await session.scalars(select(StaffUser.id).where(StaffUser.agency_id == agency.id))
    await forget_responses(
        session, [f"tenant:{tenant.id}", *(f"staff:{staff_id}" for staff_id in staff_ids)], needles
    )
    await anonymise_tenant(session, tenant, deleted_by_id=staff.id, now=now)
    # The audit line: who and what, never the person's data.
    log.info(
        "customer_deleted",
        tenant_id=str(tenant.id),
        agency_id=str(agency.id),
        deleted_by=str(staff.id),
        cards_detached=cards,
        invites_deleted=invites,
        task_assignments_deleted=assignments,
        proofs_deleted=proofs,
        incident_photos_deleted=incident_photos,
        conversation_messages_scrubbed=conversation_messages,
        emails_deleted=messages,
        push_devices_deleted=devices,
    )

"""Tenant routes: everything is read through the signed-in tenant, never by id alone."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from doorstep.auth.dependencies import TenantDep, TenantPrincipal
from doorstep.billing.router import invoice_out
from doorstep.billing.schemas import InvoiceOut, InvoiceState
from doorstep.billing.service import invoice_views, list_invoices, tenant_invoice
from doorstep.core.clock import local_date
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import NotFound, problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.leases.router import lease_fields
from doorstep.leases.schemas import PortalLeaseOut
from doorstep.leases.service import LeaseView, tenant_leases
from doorstep.payments.schemas import LeaseBalanceOut, PortalPaymentOut
from doorstep.payments.service import (
    PaymentView,
    lease_balances,
    list_payments,
    tenant_payable_leases,
)
from doorstep.portal.schemas import PortalAgency, PortalProfile, PortalProfileUpdate
from doorstep.tenants.schemas import LeaseParty
from doorstep.tenants.service import update_own_phone

router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)


def portal_lease_out(view: LeaseView) -> PortalLeaseOut:
    parties = [LeaseParty.model_validate(t) for t in view.tenants]
    return PortalLeaseOut.model_validate(lease_fields(view) | {"tenants": parties})


def _profile(principal: TenantPrincipal) -> PortalProfile:
    tenant = principal.tenant
    return PortalProfile(
        id=tenant.id,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        email=tenant.email,
        phone=tenant.phone,
        agency=PortalAgency.model_validate(principal.agency),
    )


@router.get("/me")
async def get_my_profile(principal: TenantDep) -> PortalProfile:
    return _profile(principal)


@router.patch("/me")
async def update_my_profile(
    body: PortalProfileUpdate, principal: TenantDep, session: SessionDep
) -> PortalProfile:
    await update_own_phone(session, principal.tenant, body.phone)
    return _profile(principal)


@router.get("/leases")
async def list_my_leases(
    principal: TenantDep, session: SessionDep, clock: ClockDep
) -> Page[PortalLeaseOut]:
    """The tenant's current and past leases, with the next rent due date of each (one page:
    a tenant has a handful)."""
    views = await tenant_leases(session, principal.tenant, principal.agency.timezone, clock.now())
    return Page(items=[portal_lease_out(v) for v in views], next_cursor=None)


@router.get("/leases/{lease_id}")
async def get_my_lease(
    lease_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalLeaseOut:
    views = await tenant_leases(
        session, principal.tenant, principal.agency.timezone, clock.now(), lease_id
    )
    if not views:
        raise NotFound("No such lease.")
    return portal_lease_out(views[0])


# --------------------------------------------------------------------- money


_TENANT_VISIBLE_STATES = [InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID, InvoiceState.PAID]


@router.get("/balance")
async def get_my_balance(principal: TenantDep, session: SessionDep) -> list[LeaseBalanceOut]:
    """Per lease: what the tenant's open invoices ask for, and their credit."""
    leases = await tenant_payable_leases(session, principal.tenant)
    balances = await lease_balances(session, [lease.id for lease in leases])
    return [
        LeaseBalanceOut(
            lease_id=lease.id,
            currency=lease.rent_currency,
            outstanding=balances[lease.id].outstanding,
            credit=balances[lease.id].credit,
            balance=balances[lease.id].balance,
        )
        for lease in leases
    ]


@router.get("/invoices")
async def list_my_invoices(
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    state: Annotated[list[InvoiceState] | None, Query(description="Any of these states.")] = None,
    page: PageRequest = Depends(page_request),
) -> Page[InvoiceOut]:
    """The tenant's invoices (open and paid), newest first."""
    wanted = [s for s in state or _TENANT_VISIBLE_STATES if s in _TENANT_VISIBLE_STATES]
    views, cursor = await list_invoices(
        session,
        principal.agency,
        now=clock.now(),
        states=wanted,
        tenant_id=principal.tenant_id,
        page=page,
    )
    return Page(items=[invoice_out(v) for v in views], next_cursor=cursor)


@router.get("/invoices/{invoice_id}")
async def get_my_invoice(
    invoice_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> InvoiceOut:
    invoice = await tenant_invoice(session, principal.tenant, invoice_id)
    today = local_date(clock.now(), principal.agency.timezone)
    (view,) = await invoice_views(session, [invoice], today)
    return invoice_out(view)


def portal_payment_out(view: PaymentView) -> PortalPaymentOut:
    payment = view.payment
    numbers = {
        number for allocation, number in view.allocations if number and allocation.amount > 0
    }
    return PortalPaymentOut(
        id=payment.id,
        lease_id=payment.lease_id,
        payer_name=view.tenant_name,
        method=payment.method,
        status=payment.status,
        amount=payment.amount,
        currency=payment.currency,
        received_on=payment.received_on,
        reference=payment.reference,
        receipt_number=view.receipt_number,
        refunded=view.amounts.refunded,
        invoice_numbers=sorted(numbers),
        created_at=payment.created_at,
    )


@router.get("/payments")
async def list_my_payments(
    principal: TenantDep, session: SessionDep, page: PageRequest = Depends(page_request)
) -> Page[PortalPaymentOut]:
    """Payment history of the tenant's leases, newest first."""
    views, cursor = await list_payments(
        session, principal.agency.id, party_tenant_id=principal.tenant_id, page=page
    )
    return Page(items=[portal_payment_out(v) for v in views], next_cursor=cursor)

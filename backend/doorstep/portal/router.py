"""Tenant routes: everything is read through the signed-in tenant, never by id alone."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from doorstep.auth.dependencies import (
    CallerAgency,
    TenantDep,
    TenantIdentity,
    TenantIdentityDep,
)
from doorstep.billing.schemas import InvoiceOut, InvoiceState, invoice_json, invoice_out
from doorstep.billing.service import (
    RentDue,
    invoice_views,
    list_invoices,
    next_rent_to_pay,
    tenant_invoice,
)
from doorstep.collections.instructions import leases_transfer_details, transfer_details
from doorstep.core.clock import local_date
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import NotFound, problem_responses
from doorstep.core.languages import Language
from doorstep.core.money import Money
from doorstep.core.pagination import Page, PageRequest, page_json_response, page_request
from doorstep.core.phones import display_phone
from doorstep.core.updates import sent_changes
from doorstep.leases.models import LeaseStatus
from doorstep.leases.schedule import RentTerms
from doorstep.leases.schemas import LeaseUnit, PortalLeaseOut, property_address, rent_change
from doorstep.leases.service import TenantLeaseView, tenant_lease_views
from doorstep.payments.ledger.balances import tenant_lease_balances
from doorstep.payments.ledger.schemas import PortalBalanceOut, PortalPaymentOut
from doorstep.payments.ledger.service import PaymentView, list_payments
from doorstep.portal.schemas import (
    PaymentInstructionsOut,
    PortalAgency,
    PortalProfile,
    PortalProfileUpdate,
)
from doorstep.recurring.views import invoice_charges
from doorstep.tenants.schemas import LeaseParty
from doorstep.tenants.service import set_own_language, update_own_phone

router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)


def portal_lease_out(view: TenantLeaseView, next_rent: RentDue | None) -> PortalLeaseOut:
    return PortalLeaseOut(
        id=view.id,
        unit=LeaseUnit(
            id=view.unit_id,
            name=view.unit_name,
            property_id=view.property_id,
            property_name=view.property_name,
            address=property_address(
                view.address_line1, view.address_line2, view.postal_code, view.city
            ),
        ),
        start_date=view.start_date,
        end_date=view.end_date,
        rent=Money(amount=view.rent_amount, currency=view.rent_currency),
        frequency=view.frequency,
        due_day=view.due_day,
        holding_over=view.holding_over,
        status=view.status,
        next_due_date=next_rent.due_date if next_rent is not None else None,
        next_due_amount=(
            Money(amount=next_rent.amount, currency=view.rent_currency)
            if next_rent is not None
            else None
        ),
        next_due_invoice_id=next_rent.invoice_id if next_rent is not None else None,
        created_at=view.created_at,
        current_rent=Money(amount=view.rent.current, currency=view.rent_currency),
        next_rent_review=rent_change(view.rent, view.rent_currency),
        tenants=[
            LeaseParty(id=party_id, first_name=first_name, last_name=last_name)
            for party_id, first_name, last_name in view.parties
        ],
    )


def _portal_agency(agency: CallerAgency) -> PortalAgency:
    return PortalAgency(
        id=agency.id,
        name=agency.name,
        locale=agency.locale,
        currency=agency.currency,
        timezone=agency.timezone,
        country=agency.country,
    )


def _profile(identity: TenantIdentity) -> PortalProfile:
    return PortalProfile(
        id=identity.tenant_id,
        first_name=identity.first_name,
        last_name=identity.last_name,
        email=identity.email,
        phone=identity.phone,
        phone_display=display_phone(identity.phone, identity.agency.country),
        language=Language(identity.language) if identity.language is not None else None,
        agency=_portal_agency(identity.agency),
    )


@router.get("/me")
async def get_my_profile(identity: TenantIdentityDep) -> PortalProfile:
    return _profile(identity)


@router.patch("/me")
async def update_my_profile(
    body: PortalProfileUpdate, principal: TenantDep, session: SessionDep
) -> PortalProfile:
    changes = sent_changes(body, clearable={"phone"})
    tenant = principal.tenant
    if "phone" in changes:
        tenant = await update_own_phone(
            session, tenant, body.phone, phone_region=principal.agency.country
        )
    if body.language is not None:
        tenant = await set_own_language(session, tenant, body.language)
    return PortalProfile(
        id=tenant.id,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
        email=tenant.email,
        phone=tenant.phone,
        phone_display=display_phone(tenant.phone, principal.agency.country),
        language=Language(tenant.language) if tenant.language is not None else None,
        agency=PortalAgency.model_validate(principal.agency),
    )


async def _leases_out(
    session: SessionDep, views: list[TenantLeaseView], identity: TenantIdentity, clock: ClockDep
) -> list[PortalLeaseOut]:
    """The leases with the next rent still to pay on each active one."""
    today = local_date(clock.now(), identity.agency.timezone)
    active = [
        (
            view.id,
            RentTerms(
                start_date=view.start_date,
                end_date=view.end_date,
                holding_over=view.holding_over,
                rent_amount=view.rent_amount,
                frequency=view.frequency,
                due_day=view.due_day,
            ),
        )
        for view in views
        if view.status is LeaseStatus.ACTIVE and view.next_due_date is not None
    ]
    reviews = {view.id: view.rent_reviews for view in views}
    next_rent = await next_rent_to_pay(session, active, today, reviews)
    return [portal_lease_out(view, next_rent.get(view.id)) for view in views]


@router.get("/leases")
async def list_my_leases(
    identity: TenantIdentityDep, session: SessionDep, clock: ClockDep
) -> Page[PortalLeaseOut]:
    """The tenant's current and past leases, with the next rent due date of each (one page:
    a tenant has a handful)."""
    views = await tenant_lease_views(
        session, identity.tenant_id, identity.agency_id, identity.agency.timezone, clock.now()
    )
    return Page(items=await _leases_out(session, views, identity, clock), next_cursor=None)


@router.get("/leases/{lease_id}")
async def get_my_lease(
    lease_id: uuid.UUID, identity: TenantIdentityDep, session: SessionDep, clock: ClockDep
) -> PortalLeaseOut:
    views = await tenant_lease_views(
        session,
        identity.tenant_id,
        identity.agency_id,
        identity.agency.timezone,
        clock.now(),
        lease_id,
    )
    if not views:
        raise NotFound("No such lease.")
    (lease,) = await _leases_out(session, views[:1], identity, clock)
    return lease


@router.get("/leases/{lease_id}/payment-instructions")
async def get_my_payment_instructions(
    lease_id: uuid.UUID, identity: TenantIdentityDep, session: SessionDep, clock: ClockDep
) -> PaymentInstructionsOut:
    """How to pay this lease by bank transfer: the agency's account and the lease's structured
    reference. Only a lease the tenant is party to (another is not found)."""
    views = await tenant_lease_views(
        session,
        identity.tenant_id,
        identity.agency_id,
        identity.agency.timezone,
        clock.now(),
        lease_id,
    )
    if not views:
        raise NotFound("No such lease.")
    instructions = await transfer_details(session, identity.agency_id, views[0].id)
    return PaymentInstructionsOut(
        lease_id=views[0].id,
        beneficiary=instructions.beneficiary,
        iban=instructions.iban,
        bic=instructions.bic,
        account_number=instructions.account_number,
        reference=instructions.reference,
    )


@router.get("/payment-instructions")
async def list_my_payment_instructions(
    identity: TenantIdentityDep, session: SessionDep, clock: ClockDep
) -> list[PaymentInstructionsOut]:
    """How to pay each of the tenant's active leases by bank transfer, in one answer (the
    portal's home shows them all on its first screen): the agency's account and each lease's
    structured reference. Empty while the agency has no trust account."""
    views = await tenant_lease_views(
        session, identity.tenant_id, identity.agency_id, identity.agency.timezone, clock.now()
    )
    lease_ids = [view.id for view in views if view.status is LeaseStatus.ACTIVE]
    details = await leases_transfer_details(session, identity.agency_id, lease_ids)
    return [
        PaymentInstructionsOut(
            lease_id=lease_id,
            beneficiary=instructions.beneficiary,
            iban=instructions.iban,
            bic=instructions.bic,
            account_number=instructions.account_number,
            reference=instructions.reference,
        )
        for lease_id, instructions in zip(lease_ids, details, strict=False)
    ]


# --------------------------------------------------------------------- money


_TENANT_VISIBLE_STATES = [InvoiceState.OPEN, InvoiceState.PARTIALLY_PAID, InvoiceState.PAID]


@router.get("/balance")
async def get_my_balance(
    identity: TenantIdentityDep, session: SessionDep, clock: ClockDep
) -> list[PortalBalanceOut]:
    """Per lease: what the tenant's open invoices ask for, their credit, the part already late
    and the transfers they reported that wait for the agency's confirmation (pending, not
    counted in what is still to pay)."""
    balances = await tenant_lease_balances(
        session,
        identity.tenant_id,
        identity.agency_id,
        local_date(clock.now(), identity.agency.timezone),
    )
    return [
        PortalBalanceOut(
            lease_id=balance.lease_id,
            currency=balance.currency,
            outstanding=balance.outstanding,
            credit=balance.credit,
            balance=balance.balance,
            overdue=balance.overdue,
            pending=balance.pending,
            to_pay=balance.to_pay,
        )
        for balance in balances
    ]


@router.get("/invoices", response_model=Page[InvoiceOut])
async def list_my_invoices(
    identity: TenantIdentityDep,
    session: SessionDep,
    clock: ClockDep,
    state: Annotated[list[InvoiceState] | None, Query(description="Any of these states.")] = None,
    page: PageRequest = Depends(page_request),
) -> Response:
    """The tenant's invoices (open and paid), newest first."""
    wanted = [s for s in state or _TENANT_VISIBLE_STATES if s in _TENANT_VISIBLE_STATES]
    views, cursor = await list_invoices(
        session,
        identity.agency_id,
        identity.agency.timezone,
        now=clock.now(),
        states=wanted,
        tenant_id=identity.tenant_id,
        page=page,
    )
    today = local_date(clock.now(), identity.agency.timezone)
    charges = await invoice_charges(session, identity.agency_id, views, today)
    return page_json_response([invoice_json(v, charges.get(v.id)) for v in views], cursor)


@router.get("/invoices/{invoice_id}")
async def get_my_invoice(
    invoice_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> InvoiceOut:
    invoice = await tenant_invoice(session, principal.tenant, invoice_id)
    today = local_date(clock.now(), principal.agency.timezone)
    (view,) = await invoice_views(session, [invoice], today)
    charges = await invoice_charges(session, principal.agency.id, [view], today)
    return invoice_out(view, charges.get(view.id))


def portal_payment_out(view: PaymentView) -> PortalPaymentOut:
    payment = view.payment
    numbers = {number for number, _ in view.allocated_per_invoice().values() if number}
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
    identity: TenantIdentityDep,
    session: SessionDep,
    page: PageRequest = Depends(page_request),
) -> Page[PortalPaymentOut]:
    """Payment history of the tenant's leases, newest first."""
    views, cursor = await list_payments(
        session, identity.agency_id, party_tenant_id=identity.tenant_id, page=page
    )
    return Page(items=[portal_payment_out(v) for v in views], next_cursor=cursor)

"""Leases, for staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from doorstep.auth.dependencies import BookWriterDep, StaffDep
from doorstep.billing import service as billing_service
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.money import Money
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import SearchText
from doorstep.leases import service
from doorstep.leases.models import LeaseStatus
from doorstep.leases.schemas import (
    LeaseCancel,
    LeaseCreate,
    LeaseOut,
    LeaseTenantAdd,
    LeaseUnit,
    LeaseUpdate,
    RentReviewIn,
    RentReviewOut,
    property_address,
    rent_change,
)
from doorstep.tenants.schemas import TenantSummary

router = APIRouter(tags=["leases"], responses=problem_responses(400, 401, 403, 404, 422))


def lease_out(view: service.LeaseView) -> LeaseOut:
    currency = view.lease.rent_currency
    return LeaseOut.model_validate(
        lease_fields(view)
        | {
            "current_rent": Money(amount=view.rent.current, currency=currency),
            "next_rent_review": rent_change(view.rent, currency),
            "tenants": [TenantSummary.model_validate(t) for t in view.tenants],
            "rent_history": [_review_out(entry, currency) for entry in view.rent_history],
        }
    )


def lease_fields(view: service.LeaseView) -> dict[str, object]:
    """What every view of a lease shows, whoever reads it."""
    lease, prop = view.lease, view.property
    address = property_address(prop.address_line1, prop.address_line2, prop.postal_code, prop.city)
    return dict(
        id=lease.id,
        unit=LeaseUnit(
            id=view.unit.id,
            name=view.unit.name,
            property_id=prop.id,
            property_name=prop.name,
            address=address,
        ),
        start_date=lease.start_date,
        end_date=lease.end_date,
        rent=Money(amount=lease.rent_amount, currency=lease.rent_currency),
        frequency=lease.frequency,
        due_day=lease.due_day,
        holding_over=lease.holding_over,
        status=lease.status,
        next_due_date=view.next_due_date,
        created_at=lease.created_at,
    )


@router.get("/leases")
async def list_leases(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    status: LeaseStatus | None = None,
    property_id: uuid.UUID | None = None,
    unit_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    q: Annotated[
        SearchText | None,
        Query(
            description="Matches a tenant's name, e-mail or phone number (typed as people "
            "write it), the unit or the property."
        ),
    ] = None,
    page: PageRequest = Depends(page_request),
) -> Page[LeaseOut]:
    """Leases, newest first."""
    views, cursor = await service.list_leases(
        session,
        principal.agency,
        now=clock.now(),
        status=status,
        property_id=property_id,
        unit_id=unit_id,
        tenant_id=tenant_id,
        search=q,
        page=page,
    )
    return Page(items=[lease_out(v) for v in views], next_cursor=cursor)


@router.post("/leases", status_code=201)
async def create_lease(
    body: LeaseCreate, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> LeaseOut:
    """Create a draft lease for a unit and one or more tenants."""
    lease = await service.create_lease(session, principal.agency, body)
    return lease_out(await service.get_lease_view(session, principal.agency, lease.id, clock.now()))


@router.get("/leases/{lease_id}")
async def get_lease(
    lease_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> LeaseOut:
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))


@router.patch("/leases/{lease_id}", responses=problem_responses(409))
async def update_lease(
    lease_id: uuid.UUID,
    body: LeaseUpdate,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> LeaseOut:
    """Change a lease: a draft's terms, an active one's end date and holding over. Rent
    invoices already issued follow a moved end (credited after it, prorated to it, made whole
    again when the tenancy goes on)."""
    await billing_service.change_lease_term(
        session, principal.agency, principal.user, lease_id, body, now=clock.now()
    )
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))


@router.post("/leases/{lease_id}/activate", responses=problem_responses(409))
async def activate_lease(
    lease_id: uuid.UUID, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> LeaseOut:
    """Make a draft the live tenancy; its unit must not be let for the same dates."""
    await service.activate_lease(session, principal.agency, lease_id, clock.now())
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))


@router.post("/leases/{lease_id}/cancel", responses=problem_responses(409))
async def cancel_lease(
    lease_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    body: LeaseCancel | None = None,
) -> LeaseOut:
    """Cancel a draft, or end a live tenancy term: on the day given (rent invoices after it
    credited or voided, the one it falls in prorated), or as its term stands."""
    await billing_service.cancel_tenancy(
        session,
        principal.agency,
        principal.user,
        lease_id,
        ends_on=body.ends_on if body is not None else None,
        now=clock.now(),
    )
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))


def _review_out(review: service.RentReviewEntry, currency: str) -> RentReviewOut:
    return RentReviewOut(
        id=review.id,
        effective_from=review.effective_from,
        rent=Money(amount=review.rent_amount, currency=currency),
        reviewed_by_id=review.reviewed_by_id,
        reviewed_by_name=review.reviewed_by_name,
        reviewed_at=review.reviewed_at,
    )


@router.post("/leases/{lease_id}/rent-reviews", status_code=201, responses=problem_responses(409))
async def review_rent(
    lease_id: uuid.UUID,
    body: RentReviewIn,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> RentReviewOut:
    """A new rent from a date: periods from then are invoiced at it, and rent invoices already
    issued for them are adjusted (a line, or a credit note)."""
    review = await billing_service.review_rent(
        session,
        principal.agency,
        principal.user,
        lease_id,
        effective_from=body.effective_from,
        amount=body.rent.amount,
        currency=body.rent.currency,
        now=clock.now(),
    )
    staff = principal.user
    entry = service.RentReviewEntry(
        id=review.id,
        effective_from=review.effective_from,
        rent_amount=review.rent_amount,
        reviewed_by_id=review.reviewed_by_id,
        reviewed_by_name=f"{staff.first_name} {staff.last_name}",
        reviewed_at=review.reviewed_at,
    )
    return _review_out(entry, body.rent.currency)


@router.get("/leases/{lease_id}/rent-reviews")
async def list_rent_reviews(
    lease_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> Page[RentReviewOut]:
    """The lease's rent history, oldest first (one page: a lease has a handful)."""
    reviews = await service.rent_reviews(session, principal.agency_id, lease_id)
    return Page(
        items=[_review_out(r, principal.agency.currency) for r in reviews], next_cursor=None
    )


@router.post("/leases/{lease_id}/tenants", responses=problem_responses(409))
async def add_lease_tenant(
    lease_id: uuid.UUID,
    body: LeaseTenantAdd,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> LeaseOut:
    """Attach another tenant to the lease (joint tenancy)."""
    await service.add_tenant(session, principal.agency, lease_id, body.tenant_id)
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))


@router.delete("/leases/{lease_id}/tenants/{tenant_id}", responses=problem_responses(409))
async def remove_lease_tenant(
    lease_id: uuid.UUID,
    tenant_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> LeaseOut:
    await service.remove_tenant(session, principal.agency, lease_id, tenant_id)
    return lease_out(await service.get_lease_view(session, principal.agency, lease_id, clock.now()))

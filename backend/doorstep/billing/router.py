"""Invoices and credit notes, for staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse, StreamingResponse

from doorstep.auth.dependencies import FinanceWriterDep, StaffDep, StaffIdentityDep
from doorstep.billing import service
from doorstep.billing.models import CreditNote, InvoiceStatus
from doorstep.billing.schemas import (
    CreditNoteCreate,
    CreditNoteOut,
    InvoiceCreate,
    InvoiceOut,
    InvoiceState,
    InvoiceTotalsOut,
    InvoiceVoid,
    invoice_json,
    invoice_out,
)
from doorstep.core.clock import local_date
from doorstep.core.csv_export import CSV_RESPONSE, csv_response, decimal_amount
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_json_response, page_request
from doorstep.core.schemas import CalendarDate
from doorstep.recurring.views import invoice_charges

router = APIRouter(tags=["billing"], responses=problem_responses(400, 401, 403, 404, 422))


def credit_note_out(note: CreditNote, approval_id: uuid.UUID | None) -> CreditNoteOut:
    return CreditNoteOut(
        id=note.id,
        invoice_id=note.invoice_id,
        number=note.number,
        kind=note.kind,
        status=note.status,
        amount=note.amount,
        reason=note.reason,
        approval_id=approval_id,
        created_at=note.created_at,
        applied_at=note.applied_at,
    )


async def _one(
    session: SessionDep, principal: StaffDep, invoice_id: uuid.UUID, clock: ClockDep
) -> InvoiceOut:
    invoice = await service.get_invoice(session, principal.agency_id, invoice_id)
    today = local_date(clock.now(), principal.agency.timezone)
    (view,) = await service.invoice_views(session, [invoice], today)
    charges = await invoice_charges(session, principal.agency_id, [view], today)
    return invoice_out(view, charges.get(view.id))


TenantQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        description="A tenant's name, e-mail address or phone number (typed as people write "
        "it), or part of it (any tenant of the lease).",
    ),
]


async def invoice_filters(
    identity: StaffIdentityDep,
    state: Annotated[list[InvoiceState] | None, Query(description="Any of these states.")] = None,
    overdue: bool | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    property_id: uuid.UUID | None = None,
    due_from: CalendarDate | None = None,
    due_to: CalendarDate | None = None,
    q: TenantQuery = None,
) -> service.InvoiceFilters:
    """The filters an invoice list, its totals and its export share."""
    return service.InvoiceFilters(
        states=state,
        overdue=overdue,
        lease_id=lease_id,
        tenant_id=tenant_id,
        property_id=property_id,
        due_from=due_from,
        due_to=due_to,
        tenant_query=q,
        phone_region=identity.agency.country,
    )


InvoiceFiltersDep = Annotated[service.InvoiceFilters, Depends(invoice_filters)]


@router.get("/invoices", response_model=Page[InvoiceOut])
async def list_invoices(
    identity: StaffIdentityDep,
    session: SessionDep,
    clock: ClockDep,
    filters: InvoiceFiltersDep,
    page: PageRequest = Depends(page_request),
) -> Response:
    """Invoices, newest first."""
    views, cursor = await service.list_invoices(
        session,
        identity.agency_id,
        identity.agency.timezone,
        now=clock.now(),
        states=filters.states,
        overdue=filters.overdue,
        lease_id=filters.lease_id,
        tenant_id=filters.tenant_id,
        property_id=filters.property_id,
        due_from=filters.due_from,
        due_to=filters.due_to,
        tenant_query=filters.tenant_query,
        phone_region=filters.phone_region,
        page=page,
    )
    today = local_date(clock.now(), identity.agency.timezone)
    charges = await invoice_charges(session, identity.agency_id, views, today)
    return page_json_response([invoice_json(v, charges.get(v.id)) for v in views], cursor)


@router.get("/invoice-totals")
async def get_invoice_totals(
    identity: StaffIdentityDep, session: SessionDep, clock: ClockDep, filters: InvoiceFiltersDep
) -> InvoiceTotalsOut:
    """The totals of every invoice the same filters as `GET /invoices` find (not one page):
    how many, their total, credits, payments and what the open ones still ask for."""
    totals = await service.invoice_totals(
        session, identity.agency_id, identity.agency.timezone, filters, now=clock.now()
    )
    return InvoiceTotalsOut(
        currency=identity.agency.currency,
        invoices=totals.invoices,
        total=totals.total,
        credited=totals.credited,
        paid=totals.paid,
        outstanding=totals.outstanding,
    )


_CSV_HEADER = (
    "number",
    "state",
    "kind",
    "issue_date",
    "due_date",
    "period_start",
    "period_end",
    "property",
    "unit",
    "tenants",
    "currency",
    "total",
    "credited",
    "paid",
    "outstanding",
    "overdue",
    "id",
)


@router.get("/invoices.csv", response_class=StreamingResponse, responses=CSV_RESPONSE)
async def export_invoices(
    identity: StaffIdentityDep, session: SessionDep, clock: ClockDep, filters: InvoiceFiltersDep
) -> StreamingResponse:
    """Every invoice the same filters as `GET /invoices` find, newest first, as a CSV file for
    a spreadsheet (amounts as decimals; text that a spreadsheet would run as a formula is
    prefixed with `'`)."""
    now = clock.now()
    views = await service.all_invoices(
        session, identity.agency_id, identity.agency.timezone, filters, now=now
    )
    rows = (
        (
            view.number,
            view.state.value,
            view.kind.value,
            view.issue_date,
            view.due_date,
            view.period_start,
            view.period_end,
            view.property_name,
            view.unit_name,
            "; ".join(view.tenant_names),
            view.currency,
            decimal_amount(view.amounts.total, view.currency),
            decimal_amount(view.amounts.credited, view.currency),
            decimal_amount(view.amounts.paid, view.currency),
            decimal_amount(
                view.amounts.outstanding if view.status is InvoiceStatus.OPEN else 0,
                view.currency,
            ),
            "yes" if view.overdue else "no",
            str(view.id),
        )
        for view in views
    )
    today = local_date(now, identity.agency.timezone)
    return csv_response(_CSV_HEADER, rows, file_stem=f"invoices-{today.isoformat()}")


@router.post(
    "/invoices", status_code=201, responses=problem_responses(409), response_model=InvoiceOut
)
async def create_invoice(
    body: InvoiceCreate,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> InvoiceOut | JSONResponse:
    """Add an invoice other than rent (deposit, fees) to a lease. With an `Idempotency-Key`,
    a retry gives back the invoice first created instead of a second one."""

    async def work() -> InvoiceOut:
        invoice = await service.create_invoice(
            session,
            principal.agency,
            principal.user,
            lease_id=body.lease_id,
            kind=body.kind,
            due_date=body.due_date,
            lines=[service.NewLine(line.description, line.amount) for line in body.lines],
            now=clock.now(),
        )
        return await _one(session, principal, invoice.id, clock)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="create_invoice",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


@router.get("/invoices/{invoice_id}")
async def get_invoice(
    invoice_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> InvoiceOut:
    return await _one(session, principal, invoice_id, clock)


@router.post("/invoices/{invoice_id}/approve", responses=problem_responses(409))
async def approve_invoice(
    invoice_id: uuid.UUID, principal: FinanceWriterDep, session: SessionDep, clock: ClockDep
) -> InvoiceOut:
    """Open a draft invoice: it is numbered and the tenant is asked to pay it."""
    await service.approve_invoice(
        session, principal.agency, principal.user, invoice_id, clock.now()
    )
    return await _one(session, principal, invoice_id, clock)


@router.post("/invoices/{invoice_id}/void", responses=problem_responses(409))
async def void_invoice(
    invoice_id: uuid.UUID,
    body: InvoiceVoid,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> InvoiceOut:
    """Cancel an invoice that no money has been allocated to."""
    await service.void_invoice(
        session, principal.agency, principal.user, invoice_id, body.reason, clock.now()
    )
    return await _one(session, principal, invoice_id, clock)


@router.post(
    "/invoices/{invoice_id}/credit-notes",
    status_code=201,
    responses=problem_responses(409),
    response_model=CreditNoteOut,
)
async def create_credit_note(
    invoice_id: uuid.UUID,
    body: CreditNoteCreate,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> CreditNoteOut | JSONResponse:
    """Reduce what an invoice asks for (or write it off), with a reason. Above the agency's
    threshold it waits in the approvals inbox for a second person. With an `Idempotency-Key`,
    a retry never credits twice."""

    async def work() -> CreditNoteOut:
        note, approval = await service.issue_credit_note(
            session,
            principal.agency,
            principal.user,
            invoice_id=invoice_id,
            amount=body.amount,
            reason=body.reason,
            kind=body.kind,
            now=clock.now(),
        )
        return credit_note_out(note, approval.id if approval else None)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"create_credit_note:{invoice_id}",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


@router.get("/invoices/{invoice_id}/credit-notes")
async def list_credit_notes(
    invoice_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> list[CreditNoteOut]:
    """Every credit note and write-off of an invoice, oldest first, whatever its status
    (pending approval, applied, rejected), with the approval it waits or waited for."""
    notes = await service.invoice_credit_notes(session, principal.agency_id, invoice_id)
    return [credit_note_out(note, approval_id) for note, approval_id in notes]

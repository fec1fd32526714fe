"""Payments, allocations and refunds, for staff."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, StreamingResponse

from doorstep.auth.dependencies import (
    FinanceWriterDep,
    StaffDep,
    StaffIdentityDep,
    StaffPrincipal,
)
from doorstep.billing.allocations import AllocationMove, AllocationRequest
from doorstep.core.clock import local_date
from doorstep.core.csv_export import CSV_RESPONSE, csv_response, decimal_amount
from doorstep.core.deps import ClockDep, MoneyWriteSessionDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep, LastNumber
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import CalendarDate
from doorstep.leases.service import get_lease
from doorstep.payments.ledger import service
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus
from doorstep.payments.ledger.schemas import (
    AllocationMoveIn,
    AllocationOut,
    AllocationsAdd,
    LeaseBalanceOut,
    PaymentOut,
    PaymentRecord,
    PaymentTotalsOut,
    RefundOut,
    RefundRequest,
)

router = APIRouter(tags=["payments"], responses=problem_responses(400, 401, 403, 404, 422))
_MONEY_ERRORS = problem_responses(409, 503)


def payment_out(view: service.PaymentView) -> PaymentOut:
    payment, amounts = view.payment, view.amounts
    return PaymentOut(
        id=payment.id,
        lease_id=payment.lease_id,
        tenant_id=payment.tenant_id,
        tenant_name=view.tenant_name,
        property_name=view.property_name,
        unit_name=view.unit_name,
        method=payment.method,
        status=payment.status,
        amount=payment.amount,
        currency=payment.currency,
        received_on=payment.received_on,
        reference=payment.reference,
        recorded_by_name=view.recorded_by_name,
        receipt_number=view.receipt_number,
        allocated=amounts.allocated,
        refunded=amounts.refunded,
        unallocated=amounts.unallocated,
        allocations=[
            AllocationOut(
                invoice_id=allocation.invoice_id,
                invoice_number=number,
                amount=allocation.amount,
                created_at=allocation.created_at,
                move_id=allocation.move_id,
                moved_by_name=(
                    view.movers.get(allocation.moved_by_id) if allocation.moved_by_id else None
                ),
                move_reason=allocation.move_reason,
            )
            for allocation, number in view.allocations
        ],
        refunds=[
            RefundOut(
                id=refund.id,
                status=refund.status,
                amount=refund.amount,
                reason=refund.reason,
                created_at=refund.created_at,
            )
            for refund in view.refunds
        ],
        failure_reason=payment.failure_reason,
        created_at=payment.created_at,
    )


async def _one(session: SessionDep, principal: StaffPrincipal, payment_id: uuid.UUID) -> PaymentOut:
    payment = await service.get_payment(session, principal.agency_id, payment_id)
    return await _shown(session, payment)


async def _shown(session: SessionDep, payment: Payment) -> PaymentOut:
    (view,) = await service.payment_views(session, [payment])
    return payment_out(view)


async def payment_filters(
    identity: StaffIdentityDep,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    invoice_id: Annotated[
        uuid.UUID | None, Query(description="Payments allocated to this invoice.")
    ] = None,
    method: PaymentMethod | None = None,
    status: PaymentStatus | None = None,
    received_from: Annotated[
        CalendarDate | None,
        Query(description="Received on or after this day (the agency's calendar)."),
    ] = None,
    received_to: Annotated[
        CalendarDate | None, Query(description="Received on or before this day.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="A tenant's name, e-mail address or phone number (typed as people "
            "write it), or part of it (the payer or another tenant of the lease).",
        ),
    ] = None,
) -> service.PaymentFilters:
    """The filters a payment list, its totals and its export share."""
    return service.PaymentFilters(
        lease_id=lease_id,
        tenant_id=tenant_id,
        invoice_id=invoice_id,
        method=method,
        status=status,
        received_from=received_from,
        received_to=received_to,
        tenant_query=q,
        phone_region=identity.agency.country,
    )


PaymentFiltersDep = Annotated[service.PaymentFilters, Depends(payment_filters)]


@router.get("/payments")
async def list_payments(
    identity: StaffIdentityDep,
    session: SessionDep,
    filters: PaymentFiltersDep,
    page: PageRequest = Depends(page_request),
) -> Page[PaymentOut]:
    """Payments, newest first."""
    views, cursor = await service.list_payments(
        session,
        identity.agency_id,
        filters=filters,
        timezone=identity.agency.timezone,
        page=page,
    )
    return Page(items=[payment_out(v) for v in views], next_cursor=cursor)


@router.get("/payment-totals")
async def get_payment_totals(
    identity: StaffIdentityDep, session: SessionDep, filters: PaymentFiltersDep
) -> PaymentTotalsOut:
    """The totals of every payment the same filters as `GET /payments` find (not one page)."""
    totals = await service.payment_totals(
        session, identity.agency_id, identity.agency.timezone, filters
    )
    return PaymentTotalsOut(
        currency=identity.agency.currency,
        payments=totals.payments,
        received=totals.received,
        refunded=totals.refunded,
        allocated=totals.allocated,
        unallocated=totals.unallocated,
    )


_CSV_HEADER = (
    "received_on",
    "status",
    "method",
    "tenant",
    "property",
    "unit",
    "reference",
    "receipt_number",
    "invoices",
    "currency",
    "amount",
    "refunded",
    "allocated",
    "unallocated",
    "failure_reason",
    "id",
)


@router.get("/payments.csv", response_class=StreamingResponse, responses=CSV_RESPONSE)
async def export_payments(
    identity: StaffIdentityDep, session: SessionDep, clock: ClockDep, filters: PaymentFiltersDep
) -> StreamingResponse:
    """Every payment the same filters as `GET /payments` find, newest first, as a CSV file for
    a spreadsheet (amounts as decimals; text that a spreadsheet would run as a formula, such
    as a bank reference typed by a payer, is prefixed with `'`)."""
    views = await service.all_payments(
        session, identity.agency_id, identity.agency.timezone, filters
    )
    rows = (
        (
            view.payment.received_on,
            view.payment.status.value,
            view.payment.method.value,
            view.tenant_name,
            view.property_name,
            view.unit_name,
            view.payment.reference,
            view.receipt_number,
            " ".join(str(number) for _, number in view.allocations if number is not None),
            view.payment.currency,
            decimal_amount(view.amounts.amount, view.payment.currency),
            decimal_amount(view.amounts.refunded, view.payment.currency),
            decimal_amount(view.amounts.allocated, view.payment.currency),
            decimal_amount(view.amounts.unallocated, view.payment.currency),
            view.payment.failure_reason,
            str(view.payment.id),
        )
        for view in views
    )
    today = local_date(clock.now(), identity.agency.timezone)
    return csv_response(_CSV_HEADER, rows, file_stem=f"payments-{today.isoformat()}")


@router.post("/payments", status_code=201, responses=_MONEY_ERRORS, response_model=PaymentOut)
async def record_payment(
    body: PaymentRecord,
    # First: the request waits for its turn before the sign-in reads take a connection.
    idempotency: IdempotencyDep,
    principal: FinanceWriterDep,
    session: MoneyWriteSessionDep,
    clock: ClockDep,
) -> PaymentOut | JSONResponse:
    """Record a payment received by transfer, cash or cheque; it is receipted at once. When
    many payments are being recorded on the same trust account at once and this one would
    wait too long for its turn, the answer is 503 with `Retry-After`: retry with the same
    `Idempotency-Key`."""
    receipt_number = LastNumber("receipt_number")

    async def work() -> PaymentOut:
        recorded = await service.record_offline_payment(
            session,
            principal.agency,
            principal.user,
            lease_id=body.lease_id,
            tenant_id=body.tenant_id,
            amount=body.amount,
            currency=body.currency,
            method=body.method,
            received_on=body.received_on,
            reference=body.reference,
            allocations=[AllocationRequest(a.invoice_id, a.amount) for a in body.allocations or []],
            now=clock.now(),
            receipt_number=receipt_number,
        )
        # Just recorded in this transaction for the caller's agency: shown from what was
        # written, not read again.
        return payment_out(service.recorded_payment_view(recorded))

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="record_payment",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
        last_number=receipt_number,
    )


@router.get("/payments/{payment_id}")
async def get_payment(
    payment_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> PaymentOut:
    return await _one(session, principal, payment_id)


@router.post(
    "/payments/{payment_id}/allocations", responses=_MONEY_ERRORS, response_model=PaymentOut
)
async def allocate_payment(
    payment_id: uuid.UUID,
    body: AllocationsAdd,
    principal: FinanceWriterDep,
    session: MoneyWriteSessionDep,
    idempotency: IdempotencyDep,
) -> PaymentOut | JSONResponse:
    """Settle invoices of the payment's lease from its unallocated credit."""

    async def work() -> PaymentOut:
        await service.allocate(
            session,
            principal.agency_id,
            payment_id,
            [AllocationRequest(a.invoice_id, a.amount) for a in body.allocations],
        )
        return await _one(session, principal, payment_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"allocate_payment:{payment_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@router.post(
    "/payments/{payment_id}/allocation-moves", responses=_MONEY_ERRORS, response_model=PaymentOut
)
async def move_payment_allocation(
    payment_id: uuid.UUID,
    body: AllocationMoveIn,
    principal: FinanceWriterDep,
    session: MoneyWriteSessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> PaymentOut | JSONResponse:
    """Move money the payment settled on one invoice to another open invoice of its lease, or
    back to the tenant's credit; recorded with who, when and why. The receipt keeps its number."""

    async def work() -> PaymentOut:
        await service.move_payment_allocation(
            session,
            principal.agency_id,
            principal.user,
            payment_id,
            AllocationMove(
                from_invoice_id=body.from_invoice_id,
                to_invoice_id=body.to_invoice_id,
                amount=body.amount,
                reason=body.reason,
            ),
            clock.now(),
        )
        return await _one(session, principal, payment_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"move_payment_allocation:{payment_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@router.post(
    "/payments/{payment_id}/refunds",
    status_code=201,
    responses=_MONEY_ERRORS,
    response_model=RefundOut,
)
async def refund_payment(
    payment_id: uuid.UUID,
    body: RefundRequest,
    principal: FinanceWriterDep,
    session: MoneyWriteSessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> RefundOut | JSONResponse:
    """Give money back. Above the agency's threshold it waits for a second person's approval."""

    async def work() -> RefundOut:
        refund, approval = await service.request_refund(
            session,
            principal.agency,
            principal.user,
            payment_id=payment_id,
            amount=body.amount,
            reason=body.reason,
            now=clock.now(),
        )
        return RefundOut(
            id=refund.id,
            status=refund.status,
            amount=refund.amount,
            reason=refund.reason,
            approval_id=approval.id if approval else None,
            created_at=refund.created_at,
        )

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"refund_payment:{payment_id}",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


@router.get("/leases/{lease_id}/balance")
async def get_lease_balance(
    lease_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> LeaseBalanceOut:
    """What the tenants of a lease owe, and the credit they have."""
    lease = await get_lease(session, principal.agency_id, lease_id)
    balance = (await service.lease_balances(session, [lease.id]))[lease.id]
    return LeaseBalanceOut(
        lease_id=lease.id,
        currency=lease.rent_currency,
        outstanding=balance.outstanding,
        credit=balance.credit,
        balance=balance.balance,
    )

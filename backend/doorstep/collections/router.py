"""The collections center, tenant follow-ups and bank reconciliation, for staff."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from doorstep.auth.dependencies import FinanceAdminDep, FinanceWriterDep, StaffDep, StaffPrincipal
from doorstep.collections import follow_ups, payment_link_emails, reconciliation, service
from doorstep.collections.models import FollowUp, LineDirection, LineStatus
from doorstep.collections.schemas import (
    AgeingOut,
    CollectionsLeasesOut,
    CollectionsSummaryOut,
    FiguresOut,
    FollowUpCreate,
    FollowUpInvoiceOut,
    FollowUpOut,
    FollowUpPreviewIn,
    FollowUpPreviewMessageOut,
    FollowUpPreviewOut,
    FollowUpRecipientOut,
    FollowUpReview,
    FollowUpUpdate,
    LeaseAgeingOut,
    LeaseFiguresOut,
    LineIgnore,
    LineMatchInvoice,
    LineMatchPayment,
    OverdueOut,
    PaymentLinkEmailCreate,
    PaymentLinkEmailOut,
    PropertyFiguresOut,
    SeriesPointOut,
    StatementCountsOut,
    StatementLineOut,
    StatementOut,
    TenantRef,
    UnpaidOutItem,
    UnpaidOutOut,
)
from doorstep.core.clock import local_date
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import CalendarDate
from doorstep.core.settings import Settings
from doorstep.payments.cards.links import link_token
from doorstep.readiness import service as readiness_service

router = APIRouter(
    prefix="/collections",
    tags=["collections"],
    responses=problem_responses(400, 401, 403, 404, 422),
)
reconciliation_router = APIRouter(
    prefix="/reconciliation",
    tags=["reconciliation"],
    responses=problem_responses(400, 401, 403, 404, 422),
)

PropertyFilter = Annotated[
    uuid.UUID | None, Query(description="Only leases of units in this property.")
]
TenantFilter = Annotated[
    uuid.UUID | None, Query(description="Only leases this tenant is party to.")
]
From = Annotated[
    CalendarDate | None,
    Query(alias="from", description="First due date (agency's calendar); default: this month."),
]
To = Annotated[CalendarDate | None, Query(alias="to", description="Last due date, inclusive.")]


def _figures(figures: service.Figures) -> FiguresOut:
    return FiguresOut(
        expected=figures.expected,
        collected=figures.collected,
        outstanding=figures.outstanding,
        invoices=figures.invoices,
    )


def _place(place: service.LeasePlace) -> dict[str, object]:
    return dict(
        lease_id=place.lease_id,
        lease_status=place.lease_status.value,
        property_id=place.property_id,
        property_name=place.property_name,
        unit_id=place.unit_id,
        unit_name=place.unit_name,
        tenants=[TenantRef(id=t.id, name=t.name) for t in place.tenants],
    )


def _ageing(ageing: service.Ageing) -> AgeingOut:
    return AgeingOut(
        days_1_30=ageing.days_1_30,
        days_31_60=ageing.days_31_60,
        days_61_90=ageing.days_61_90,
        over_90=ageing.over_90,
        total=ageing.total,
        invoices=ageing.invoices,
    )


def _period(
    principal: StaffPrincipal, clock: ClockDep, start: date | None, end: date | None
) -> service.Period:
    today = local_date(clock.now(), principal.agency.timezone)
    return service.resolve_period(start, end, today)


@router.get("/summary")
async def get_collections_summary(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    date_from: From = None,
    date_to: To = None,
    interval: Annotated[
        service.Interval | None,
        Query(description="Chart points per week or month; default: weekly up to ~3 months."),
    ] = None,
    property_id: PropertyFilter = None,
    tenant_id: TenantFilter = None,
) -> CollectionsSummaryOut:
    """Expected, collected and outstanding rent for invoices due in the period: agency totals,
    per property, and a time series for the chart."""
    period = _period(principal, clock, date_from, date_to)
    scope = service.Scope(principal.agency_id, property_id=property_id, tenant_id=tenant_id)
    result = await service.summary(session, scope, period, interval)
    return CollectionsSummaryOut(
        currency=principal.agency.currency,
        period_start=period.start,
        period_end=period.end,
        totals=_figures(result.totals),
        properties=[
            PropertyFiguresOut(
                property_id=p.property_id,
                property_name=p.property_name,
                leases=p.leases,
                figures=_figures(p.figures),
            )
            for p in result.properties
        ],
        interval=result.interval,
        series=[
            SeriesPointOut(
                start=point.start,
                end=point.end,
                expected=point.figures.expected,
                collected=point.figures.collected,
                outstanding=point.figures.outstanding,
            )
            for point in result.series
        ],
    )


@router.get("/leases")
async def list_collections_by_lease(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    date_from: From = None,
    date_to: To = None,
    property_id: PropertyFilter = None,
    tenant_id: TenantFilter = None,
    sort: service.LeaseSort = service.LeaseSort.PROPERTY,
    order: service.SortOrder = service.SortOrder.ASC,
) -> CollectionsLeasesOut:
    """Expected, collected and outstanding per lease (with unit, property and tenants) for
    invoices due in the period. Every lease with an invoice due in it is listed."""
    period = _period(principal, clock, date_from, date_to)
    scope = service.Scope(principal.agency_id, property_id=property_id, tenant_id=tenant_id)
    rows = await service.lease_figures(session, scope, period, sort=sort, order=order)
    return CollectionsLeasesOut(
        currency=principal.agency.currency,
        period_start=period.start,
        period_end=period.end,
        totals=_figures(sum((row.figures for row in rows), service.Figures())),
        leases=[
            LeaseFiguresOut.model_validate(_place(row.place) | {"figures": _figures(row.figures)})
            for row in rows
        ],
    )


@router.get("/overdue")
async def get_overdue_balances(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    at: Annotated[
        CalendarDate | None,
        Query(description="Count days past due to this date; default: today."),
    ] = None,
    property_id: PropertyFilter = None,
    tenant_id: TenantFilter = None,
    sort: service.OverdueSort = service.OverdueSort.OVERDUE,
    order: service.SortOrder = service.SortOrder.DESC,
) -> OverdueOut:
    """Overdue balances per lease in ageing buckets (1-30, 31-60, 61-90, over 90 days past
    due at `at`), with totals. Amounts are what the invoices still ask for today."""
    day = at or local_date(clock.now(), principal.agency.timezone)
    scope = service.Scope(principal.agency_id, property_id=property_id, tenant_id=tenant_id)
    rows = await service.overdue(session, scope, day, sort=sort, order=order)
    return OverdueOut(
        currency=principal.agency.currency,
        at=day,
        totals=_ageing(service.ageing_totals(rows)),
        leases=[
            LeaseAgeingOut.model_validate(
                _place(row.place)
                | {
                    "ageing": _ageing(row.ageing),
                    "oldest_due_date": row.oldest_due_date,
                    "credit": row.credit,
                    "recurring_charge_on": row.recurring_charge_on,
                }
            )
            for row in rows
        ],
    )


# ----------------------------------------------------------------------------- follow-ups


async def _follow_up_views(session: SessionDep, found: list[FollowUp]) -> list[FollowUpOut]:
    names = await follow_ups.staff_names(
        session,
        {
            staff_id
            for f in found
            for staff_id in (f.sent_by_id, f.outcome_by_id, f.escalated_by_id, f.reviewed_by_id)
        },
    )

    def name(staff_id: uuid.UUID | None) -> str | None:
        return names.get(staff_id) if staff_id else None

    return [
        FollowUpOut.model_validate(
            {
                "id": f.id,
                "lease_id": f.lease_id,
                "channel": f.channel,
                "recipients": f.recipients,
                "subject": f.subject,
                "body": f.body,
                "currency": f.currency,
                "overdue_total": f.overdue_total,
                "credit": f.credit,
                "invoices": f.invoices,
                "note": f.note,
                "sent_by_name": name(f.sent_by_id) or "",
                "sent_at": f.sent_at,
                "outcome": f.outcome,
                "outcome_note": f.outcome_note,
                "outcome_by_name": name(f.outcome_by_id),
                "outcome_at": f.outcome_at,
                "escalated_at": f.escalated_at,
                "escalated_by_name": name(f.escalated_by_id),
                "awaiting_review": f.escalated_at is not None and f.reviewed_at is None,
                "reviewed_at": f.reviewed_at,
                "reviewed_by_name": name(f.reviewed_by_id),
                "review_note": f.review_note,
            }
        )
        for f in found
    ]


def _portal_url(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return settings.public_base_url.rstrip("/") + "/portal/"


@router.post("/follow-ups/preview", responses=problem_responses(409))
async def preview_follow_up(
    body: FollowUpPreviewIn,
    request: Request,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> FollowUpPreviewOut:
    """The follow-up e-mail each recipient would get if it were sent now — what is overdue,
    how to pay, whom to ask for help — so staff can read it first. Nothing is recorded or
    sent; the same 409s as sending (nothing overdue, agency details missing)."""
    composition = await follow_ups.compose_follow_up(
        session,
        principal.agency,
        lease_id=body.lease_id,
        tenant_id=body.tenant_id,
        message=body.message,
        portal_url=_portal_url(request),
        now=clock.now(),
    )
    today = composition.today
    return FollowUpPreviewOut(
        lease_id=composition.lease.id,
        currency=composition.lease.rent_currency,
        overdue_total=composition.overdue_total,
        credit=composition.credit,
        invoices=[
            FollowUpInvoiceOut(
                invoice_id=invoice.invoice_id,
                number=invoice.number,
                due_date=invoice.due_date,
                outstanding=invoice.outstanding,
                days_overdue=invoice.days_overdue(today),
            )
            for invoice in composition.invoices
        ],
        messages=[
            FollowUpPreviewMessageOut(
                tenant_id=composed.tenant.id,
                name=f"{composed.tenant.first_name} {composed.tenant.last_name}",
                email=composed.tenant.email,
                subject=composed.subject,
                body=composed.text,
            )
            for composed in composition.messages
        ],
    )


@router.post(
    "/follow-ups",
    status_code=201,
    responses=problem_responses(409),
    response_model=FollowUpOut,
)
async def send_follow_up(
    body: FollowUpCreate,
    request: Request,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> FollowUpOut | JSONResponse:
    """E-mail the lease's tenants (or one of them) what is overdue — each invoice's number,
    amount still due and due date, the total — how to pay and whom to ask for help; and record
    it for the team. 409 when nothing is overdue or the agency lacks bank or contact details."""

    async def work() -> FollowUpOut:
        follow_up = await follow_ups.send_follow_up(
            session,
            principal.agency,
            principal.user,
            lease_id=body.lease_id,
            tenant_id=body.tenant_id,
            channel=body.channel,
            note=body.note,
            message=body.message,
            portal_url=_portal_url(request),
            now=clock.now(),
        )
        (view,) = await _follow_up_views(session, [follow_up])
        return view

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="collections_follow_up",
        payload=body.model_dump(mode="json"),
        work=work,
        status_code=201,
    )


def _sent_link_out(sent: payment_link_emails.SentLink) -> PaymentLinkEmailOut:
    record = sent.record
    return PaymentLinkEmailOut(
        id=record.id,
        invoice_id=record.invoice_id,
        sent_at=record.sent_at,
        sent_by_name=sent.sent_by_name,
        expires_at=record.expires_at,
        recipients=[FollowUpRecipientOut.model_validate(r) for r in record.recipients],
    )


@router.post(
    "/invoices/{invoice_id}/payment-link-emails",
    status_code=201,
    responses=problem_responses(409),
)
async def email_payment_link(
    invoice_id: uuid.UUID,
    request: Request,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    body: PaymentLinkEmailCreate | None = None,
) -> PaymentLinkEmailOut:
    """E-mail a new payment link for this open invoice to each tenant of its lease (the
    agency's language, the amount, due date, home and period, the bank details as the other
    way to pay), recorded with who sent it and when. Retrying with the same `Idempotency-Key`
    sends nothing again; another send of the same invoice within 10 minutes is refused (409),
    as is an invoice with nothing to pay or payment links switched off. The readiness review
    (seed 000) of each tenant and the invoice's lease must find nothing blocking, or
    `readiness_override` says why it goes anyway (409 `readiness-blocked` lists the items)."""
    settings: Settings = request.app.state.settings
    token = None
    if idempotency.key is not None:
        token = link_token(
            settings.secret_key.get_secret_value(),
            principal.request_scope,
            f"email:{idempotency.key}",
            invoice_id,
        )
    override = body.readiness_override if body is not None else None
    sent = await payment_link_emails.send_payment_link(
        session,
        principal.agency,
        principal.user,
        invoice_id=invoice_id,
        token=token,
        ttl=timedelta(days=settings.payment_link_ttl_days),
        public_base_url=settings.public_base_url,
        override_reason=override.reason if override is not None else None,
        gateway_configured=readiness_service.gateway_configured(settings),
        now=clock.now(),
    )
    return _sent_link_out(sent)


@router.get("/invoices/{invoice_id}/payment-link-emails")
async def list_payment_link_emails(
    invoice_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> list[PaymentLinkEmailOut]:
    """The payment links e-mailed for this invoice, newest first: when, by whom, to whom."""
    sent = await payment_link_emails.sent_payment_links(session, principal.agency.id, invoice_id)
    return [_sent_link_out(item) for item in sent]


@router.get("/follow-ups")
async def list_follow_ups(
    principal: StaffDep,
    session: SessionDep,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    awaiting_review: Annotated[
        bool | None, Query(description="true: escalated and not yet reviewed.")
    ] = None,
    page: PageRequest = Depends(page_request),
) -> Page[FollowUpOut]:
    """Follow-ups, newest first: what was sent, the amounts then, and what came of it."""
    found, cursor = await follow_ups.list_follow_ups(
        session,
        principal.agency_id,
        lease_id=lease_id,
        tenant_id=tenant_id,
        awaiting_review=awaiting_review,
        page=page,
    )
    return Page(items=await _follow_up_views(session, found), next_cursor=cursor)


@router.get("/follow-ups/{follow_up_id}")
async def get_follow_up(
    follow_up_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> FollowUpOut:
    follow_up = await follow_ups.get_follow_up(session, principal.agency_id, follow_up_id)
    (view,) = await _follow_up_views(session, [follow_up])
    return view


@router.patch("/follow-ups/{follow_up_id}", responses=problem_responses(409))
async def update_follow_up(
    follow_up_id: uuid.UUID,
    body: FollowUpUpdate,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> FollowUpOut:
    """Document the outcome, and optionally ask an accountant or owner to review it."""
    follow_up = await follow_ups.record_outcome(
        session,
        principal.agency_id,
        principal.user,
        follow_up_id,
        outcome=body.outcome,
        outcome_note=body.outcome_note,
        escalate=body.escalate,
        now=clock.now(),
    )
    (view,) = await _follow_up_views(session, [follow_up])
    return view


@router.post("/follow-ups/{follow_up_id}/review", responses=problem_responses(409))
async def review_follow_up(
    follow_up_id: uuid.UUID,
    body: FollowUpReview,
    principal: FinanceAdminDep,
    session: SessionDep,
    clock: ClockDep,
) -> FollowUpOut:
    """An accountant or owner (not the one who escalated) answers an escalation."""
    follow_up = await follow_ups.review(
        session, principal.agency_id, principal.user, follow_up_id, note=body.note, now=clock.now()
    )
    (view,) = await _follow_up_views(session, [follow_up])
    return view


# --------------------------------------------------------------------------- reconciliation


def _statement_out(view: reconciliation.StatementView) -> StatementOut:
    s, c = view.statement, view.counts
    return StatementOut(
        id=s.id,
        file_name=s.file_name,
        file_sha256=s.file_sha256,
        currency=s.currency,
        first_date=s.first_date,
        last_date=s.last_date,
        imported_by_name=view.imported_by_name,
        imported_at=s.imported_at,
        counts=StatementCountsOut(
            lines=c.lines,
            credits=c.credits,
            debits=c.debits,
            credit_total=c.credit_total,
            debit_total=c.debit_total,
            matched=c.matched,
            matched_automatically=c.matched_automatically,
            unmatched=c.unmatched,
            ignored=c.ignored,
        ),
    )


def _line_out(view: reconciliation.LineView, currency: str) -> StatementLineOut:
    line = view.line
    return StatementLineOut(
        id=line.id,
        statement_id=line.statement_id,
        line_number=line.line_number,
        booked_on=line.booked_on,
        amount=line.amount,
        currency=currency,
        direction=line.direction,
        reference=line.reference,
        counterparty=line.counterparty,
        status=line.status,
        match_kind=line.match_kind,
        matched_automatically=line.matched_automatically,
        payment_id=line.payment_id,
        invoice_id=line.invoice_id,
        invoice_number=view.invoice_number,
        lease_id=view.lease_id,
        payout_reference=line.payout_reference,
        ignore_reason=line.ignore_reason,
        resolved_by_name=view.resolved_by_name,
        resolved_at=line.resolved_at,
    )


async def _one_line(
    session: SessionDep, principal: StaffPrincipal, line_id: uuid.UUID
) -> StatementLineOut:
    line = await reconciliation.get_line(session, principal.agency_id, line_id)
    (view,) = await reconciliation.line_views(session, [line])
    return _line_out(view, principal.agency.currency)


@reconciliation_router.post(
    "/statements",
    status_code=201,
    responses=problem_responses(409, 413),
    response_model=StatementOut,
)
async def import_statement(
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    file: Annotated[
        UploadFile,
        File(
            description="CSV with a header naming date, amount, reference and counterparty "
            f"(any case; ; or , delimited; decimal comma or point); at most "
            f"{reconciliation.MAX_STATEMENT_BYTES // 1024 // 1024} MB."
        ),
    ],
) -> StatementOut | JSONResponse:
    """Import the trust account's bank statement: credits are matched to recorded payments,
    gateway payouts or open invoices (recording the bank transfer, confirmed by you) where
    that is certain; the rest wait in the review queue. A file is imported once (409 after)."""
    data = await file.read(reconciliation.MAX_STATEMENT_BYTES + 1)
    if len(data) > reconciliation.MAX_STATEMENT_BYTES:
        raise reconciliation.StatementTooLarge(
            f"A statement file is at most {reconciliation.MAX_STATEMENT_BYTES} bytes."
        )
    file_name = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", file.filename or "").split())

    async def work() -> StatementOut:
        statement = await reconciliation.import_statement(
            session,
            principal.agency,
            principal.user,
            file_name=file_name,
            data=data,
            now=clock.now(),
        )
        (view,) = await reconciliation.statement_views(session, [statement])
        return _statement_out(view)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="import_statement",
        payload={"file_sha256": reconciliation.file_digest(data)},
        work=work,
        status_code=201,
    )


@reconciliation_router.get("/statements")
async def list_statements(
    principal: StaffDep, session: SessionDep, page: PageRequest = Depends(page_request)
) -> Page[StatementOut]:
    """Imported statements, newest first, with how far their review has come."""
    views, cursor = await reconciliation.list_statements(session, principal.agency_id, page)
    return Page(items=[_statement_out(v) for v in views], next_cursor=cursor)


@reconciliation_router.get("/statements/{statement_id}")
async def get_statement(
    statement_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> StatementOut:
    statement = await reconciliation.get_statement(session, principal.agency_id, statement_id)
    (view,) = await reconciliation.statement_views(session, [statement])
    return _statement_out(view)


@reconciliation_router.get("/lines")
async def list_statement_lines(
    principal: StaffDep,
    session: SessionDep,
    status: Annotated[
        LineStatus | None, Query(description="`unmatched` is the review queue.")
    ] = None,
    direction: LineDirection | None = None,
    statement_id: uuid.UUID | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[StatementLineOut]:
    """Statement lines in import order."""
    views, cursor = await reconciliation.list_lines(
        session,
        principal.agency_id,
        status=status,
        direction=direction,
        statement_id=statement_id,
        page=page,
    )
    currency = principal.agency.currency
    return Page(items=[_line_out(v, currency) for v in views], next_cursor=cursor)


@reconciliation_router.get("/lines/{line_id}")
async def get_statement_line(
    line_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> StatementLineOut:
    return await _one_line(session, principal, line_id)


@reconciliation_router.post(
    "/lines/{line_id}/match-invoice",
    responses=problem_responses(409),
    response_model=StatementLineOut,
)
async def match_line_to_invoice(
    line_id: uuid.UUID,
    body: LineMatchInvoice,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> StatementLineOut | JSONResponse:
    """Confirm that the line pays this invoice: a bank transfer is recorded (by you), allocated
    to it up to what it asks for, and receipted; any rest is the tenant's credit."""

    async def work() -> StatementLineOut:
        await reconciliation.match_to_invoice(
            session,
            principal.agency,
            principal.user,
            line_id,
            invoice_id=body.invoice_id,
            tenant_id=body.tenant_id,
            now=clock.now(),
        )
        return await _one_line(session, principal, line_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"match_line_to_invoice:{line_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@reconciliation_router.post("/lines/{line_id}/match-payment", responses=problem_responses(409))
async def match_line_to_payment(
    line_id: uuid.UUID,
    body: LineMatchPayment,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> StatementLineOut:
    """Confirm that the line is a payment already recorded (same amount)."""
    await reconciliation.match_to_payment(
        session,
        principal.agency,
        principal.user,
        line_id,
        payment_id=body.payment_id,
        now=clock.now(),
    )
    return await _one_line(session, principal, line_id)


@reconciliation_router.post("/lines/{line_id}/ignore", responses=problem_responses(409))
async def ignore_statement_line(
    line_id: uuid.UUID,
    body: LineIgnore,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> StatementLineOut:
    """Set a line aside as not a tenant's payment, saying why."""
    await reconciliation.ignore_line(
        session, principal.agency_id, principal.user, line_id, reason=body.reason, now=clock.now()
    )
    return await _one_line(session, principal, line_id)


@reconciliation_router.post("/lines/{line_id}/reopen", responses=problem_responses(409))
async def reopen_statement_line(
    line_id: uuid.UUID, principal: FinanceWriterDep, session: SessionDep
) -> StatementLineOut:
    """Put an ignored credit back in the review queue."""
    await reconciliation.reopen_line(session, principal.agency_id, line_id)
    return await _one_line(session, principal, line_id)


@reconciliation_router.get("/unpaid-out")
async def list_unpaid_out(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    page: PageRequest = Depends(page_request),
) -> UnpaidOutOut:
    """Card and payment-link payments that succeeded but that the gateway has not paid out to
    the trust account yet (no payout reference), oldest first."""
    items, count, total, cursor = await reconciliation.unpaid_out(
        session, principal.agency, now=clock.now(), page=page
    )
    return UnpaidOutOut(
        count=count,
        total=total,
        currency=principal.agency.currency,
        items=[
            UnpaidOutItem(
                payment_id=item.payment.id,
                lease_id=item.payment.lease_id,
                tenant_id=item.payment.tenant_id,
                tenant_name=item.tenant_name,
                method=item.payment.method.value,
                amount=item.payment.amount,
                currency=item.payment.currency,
                gateway_reference=item.payment.gateway_reference,
                succeeded_at=item.payment.succeeded_at,
                days_waiting=item.days_waiting,
            )
            for item in items
        ],
        next_cursor=cursor,
    )

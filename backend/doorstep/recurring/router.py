"""Recurring payments over HTTP: the tenant sets up, reads, changes the card and cancels
(portal); staff read the overview and a set-up's history, and cancel.

The reminder setting is the agency's ``reminder_days_before_due`` (``PATCH /agency``)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from doorstep.auth.dependencies import FinanceWriterDep, StaffDep, TenantDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import NotFound, problem_responses
from doorstep.core.pagination import Page
from doorstep.recurring import service, views
from doorstep.recurring.models import SetupStatus
from doorstep.recurring.payments_port import GatewaysDep, SideDatabaseDep
from doorstep.recurring.schemas import (
    AuthorisationOut,
    ChangeCardIn,
    PaymentReminderOut,
    RecurringSetupDetailOut,
    RecurringSetupIn,
    RecurringSetupOut,
)

_GATEWAY_ERRORS = problem_responses(402, 409, 502, 503)

portal_router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)
staff_router = APIRouter(
    prefix="/recurring-payments",
    tags=["recurring"],
    responses=problem_responses(400, 401, 403, 404, 422),
)


def _client(request: Request) -> str:
    """Who accepted the authorisation: the browser (user agent) and address it came from."""
    agent = request.headers.get("user-agent", "unknown client")[:240]
    address = request.client.host if request.client else "unknown address"
    return f"{agent} ({address})"


async def _tenant_view(
    session: SessionDep, principal: TenantDep, setup_id: uuid.UUID
) -> RecurringSetupDetailOut:
    for view in await views.tenant_setups(session, principal.tenant):
        if view.id == setup_id:
            return view
    raise NotFound("No such recurring payment.")


# --------------------------------------------------------------------- portal


@portal_router.get("/recurring-payments/authorisation", responses=problem_responses(409))
async def get_recurring_authorisation(principal: TenantDep) -> AuthorisationOut:
    """The authorisation the tenant reads and accepts before setting up."""
    service.require_enabled(principal.agency)
    return AuthorisationOut(
        version=service.AUTHORISATION_VERSION,
        text=service.authorisation_text(principal.agency),
    )


@portal_router.post("/recurring-payments", status_code=201, responses=_GATEWAY_ERRORS)
async def set_up_recurring_payment(
    body: RecurringSetupIn,
    request: Request,
    principal: TenantDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
    session: SessionDep,
    clock: ClockDep,
) -> RecurringSetupDetailOut:
    """Pay a lease's rent invoices automatically from a saved card (confirmed with Stripe.js'
    `confirmCardSetup`) or a SEPA mandate. Only rent invoices issued and approved from the day
    after set-up are paid this way."""
    service.require_enabled(principal.agency)
    setup = await service.set_up(
        database,
        gateways.require(),
        principal.agency,
        principal.tenant,
        lease_id=body.lease_id,
        method=body.method,
        payment_method_id=body.payment_method_id,
        iban=body.iban,
        account_holder=body.account_holder,
        authorisation_version=body.authorisation_version,
        client=_client(request),
        now=clock.now(),
    )
    return await _tenant_view(session, principal, setup.id)


@portal_router.get("/recurring-payments")
async def list_my_recurring_payments(
    principal: TenantDep, session: SessionDep
) -> Page[RecurringSetupDetailOut]:
    """The tenant's recurring payments with their upcoming charges (dates and amounts) and
    past results (one page: a tenant has a handful)."""
    return Page(items=await views.tenant_setups(session, principal.tenant), next_cursor=None)


@portal_router.get("/recurring-payments/{setup_id}")
async def get_my_recurring_payment(
    setup_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> RecurringSetupDetailOut:
    return await _tenant_view(session, principal, setup_id)


@portal_router.put("/recurring-payments/{setup_id}/card", responses=_GATEWAY_ERRORS)
async def change_my_recurring_card(
    setup_id: uuid.UUID,
    body: ChangeCardIn,
    principal: TenantDep,
    gateways: GatewaysDep,
    database: SideDatabaseDep,
    session: SessionDep,
) -> RecurringSetupDetailOut:
    """Take the next charges from another saved card."""
    await service.tenant_setup(session, principal.tenant, setup_id)
    await service.change_card(
        database, gateways.require(), principal.tenant, setup_id, body.payment_method_id
    )
    return await _tenant_view(session, principal, setup_id)


@portal_router.post("/recurring-payments/{setup_id}/cancel", responses=problem_responses(409))
async def cancel_my_recurring_payment(
    setup_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> RecurringSetupDetailOut:
    """Stop at any time: nothing more is taken (a charge already at the bank settles)."""
    setup = await service.tenant_setup(session, principal.tenant, setup_id, for_update=True)
    await service.cancel(session, setup, reason="cancelled by the tenant", now=clock.now())
    return await _tenant_view(session, principal, setup_id)


@portal_router.get("/payment-reminders")
async def list_my_payment_reminders(
    principal: TenantDep, session: SessionDep
) -> Page[PaymentReminderOut]:
    """The reminders sent about the tenant's invoices (their payment history), newest first."""
    return Page(items=await views.tenant_reminders(session, principal.tenant), next_cursor=None)


# --------------------------------------------------------------------- staff


@staff_router.get("")
async def list_recurring_payments(
    principal: StaffDep,
    session: SessionDep,
    status: SetupStatus | None = None,
    needs_attention: bool | None = None,
    lease_id: uuid.UUID | None = None,
) -> Page[RecurringSetupOut]:
    """Every recurring set-up with its next charge and last result; `needs_attention=true`
    lists those with a failed charge or one whose answer the gateway still owes."""
    items = await views.agency_overview(
        session,
        principal.agency_id,
        status=status,
        needs_attention=needs_attention,
        lease_id=lease_id,
    )
    return Page(items=items, next_cursor=None)


@staff_router.get("/{setup_id}")
async def get_recurring_payment(
    setup_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> RecurringSetupDetailOut:
    """One set-up with its whole charge history."""
    view = await views.setup_detail(session, principal.agency_id, setup_id)
    if view is None:
        raise NotFound("No such recurring payment.")
    return view


@staff_router.post("/{setup_id}/cancel", responses=problem_responses(409))
async def cancel_recurring_payment(
    setup_id: uuid.UUID, principal: FinanceWriterDep, session: SessionDep, clock: ClockDep
) -> RecurringSetupDetailOut:
    """Stop a tenant's recurring payment (e.g. at their request by phone)."""
    setup = await service.agency_setup(session, principal.agency_id, setup_id, for_update=True)
    await service.cancel(session, setup, reason="cancelled by the agency", now=clock.now())
    view = await views.setup_detail(session, principal.agency_id, setup_id)
    assert view is not None
    return view

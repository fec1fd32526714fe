"""The Customers section's routes (seed 001) that reach beyond the tenant record."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from doorstep.auth.dependencies import BookWriterDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.errors import problem_responses
from doorstep.customers import service
from doorstep.payments.cards.dependencies import GatewaysDep

router = APIRouter(tags=["customers"], responses=problem_responses(400, 401, 403, 404, 422))


@router.delete(
    "/customers/{tenant_id}",
    status_code=204,
    responses=problem_responses(409, 502, 503),
    summary="Delete a customer",
    description="Seed 001: removes the person's data (profile, uploaded files, onboarding "
    "answers, saved cards at the gateway, e-mails, portal login) and revokes every session at "
    "once; invoices, payments, receipts and other financial records stay, anonymised. Refused "
    "(409) while the customer is on an active or draft lease, owes money or has credit. Owners "
    "and managers only.",
)
async def delete_customer(
    tenant_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    gateways: GatewaysDep,
) -> Response:
    await service.delete_customer(
        session,
        principal.agency,
        principal.user,
        tenant_id,
        now=clock.now(),
        require_gateway=gateways.require,
    )
    return Response(status_code=204)

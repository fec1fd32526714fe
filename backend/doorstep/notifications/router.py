"""Web push for tenants: the server key, and turning push on and off per device."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from doorstep.auth.dependencies import TenantDep
from doorstep.core.deps import SessionDep
from doorstep.core.errors import problem_responses
from doorstep.core.settings import get_settings
from doorstep.notifications import push
from doorstep.notifications.schemas import PushKeyOut, PushSubscriptionIn, PushSubscriptionOut

portal_router = APIRouter(
    prefix="/portal/push", tags=["portal"], responses=problem_responses(400, 422)
)


@portal_router.get("/key")
async def get_push_key() -> PushKeyOut:
    """The application server key browsers subscribe with (public: it is in every page that
    subscribes anyway)."""
    key = push.application_server_key(get_settings())
    return PushKeyOut(enabled=key is not None, public_key=key)


@portal_router.get("/subscriptions", responses=problem_responses(401))
async def list_push_subscriptions(
    principal: TenantDep, session: SessionDep
) -> list[PushSubscriptionOut]:
    """Your devices that receive push notifications, newest first."""
    rows = await push.list_subscriptions(session, principal.agency.id, principal.tenant.id)
    return [PushSubscriptionOut.model_validate(row) for row in rows]


@portal_router.post("/subscriptions", status_code=201, responses=problem_responses(401))
async def subscribe_push(
    body: PushSubscriptionIn, principal: TenantDep, session: SessionDep
) -> PushSubscriptionOut:
    """Turn push notifications on for this browser (again: its keys are updated)."""
    row = await push.subscribe(
        session,
        agency_id=principal.agency.id,
        tenant_id=principal.tenant.id,
        endpoint=body.endpoint,
        p256dh=body.keys.p256dh,
        auth=body.keys.auth,
        device_label=body.device_label,
    )
    return PushSubscriptionOut.model_validate(row)


@portal_router.delete(
    "/subscriptions/{subscription_id}",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 404),
)
async def unsubscribe_push(
    subscription_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> Response:
    """Turn push notifications off for one of your devices."""
    await push.unsubscribe(session, principal.agency.id, principal.tenant.id, subscription_id)
    return Response(status_code=204)

"""Building blocks for onboarding tests: tasks, flows and invites through the services."""

from __future__ import annotations

import re
from email.message import EmailMessage

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.onboarding import service
from doorstep.onboarding.models import TaskKind
from doorstep.onboarding.schemas import (
    FlowWrite,
    FormField,
    InviteCreate,
    PaymentAmount,
    TaskCreate,
)
from doorstep.tenants.models import Tenant
from tests.conftest import settings_for_tests
from tests.factories import PASSWORD, Factory

BASE_URL = "http://doorstep.test"
SECRET = settings_for_tests().secret_key.get_secret_value()
_LINK = re.compile(re.escape(BASE_URL) + r"/portal/invite/([A-Za-z0-9_\-]+)")


async def simple_flow(
    session: AsyncSession, agency: Agency, *, with_payment: bool = False
) -> service.FlowView:
    form = await service.create_task(
        session,
        agency.id,
        TaskCreate(
            name="About you",
            kind=TaskKind.FORM,
            fields=[
                FormField(key="employer", label="Employer"),
                FormField(key="pets", label="Pets", required=False),
            ],
        ),
    )
    accept = await service.create_task(
        session,
        agency.id,
        TaskCreate(
            name="House rules", kind=TaskKind.READ_AND_ACCEPT, text="No parties after 22:00."
        ),
    )
    task_ids = [form.id, accept.id]
    if with_payment:
        deposit = await service.create_task(
            session,
            agency.id,
            TaskCreate(name="Deposit", kind=TaskKind.PAYMENT, description="Deposit"),
        )
        task_ids.append(deposit.id)
    return await service.create_flow(
        session, agency.id, FlowWrite(name="Standard", task_ids=task_ids)
    )


async def invite(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    flow: service.FlowView,
    *,
    email: str,
    now: object,
    lease_id: object = None,
    amounts: dict[int, int] | None = None,
) -> service.SentInvite:
    return await service.create_invite(
        session,
        agency,
        staff,
        InviteCreate(
            first_name="Ines",
            last_name="Vitée",
            email=email,
            flow_id=flow.flow.id,
            lease_id=lease_id,
            payment_amounts=[
                PaymentAmount(position=p, amount=a) for p, a in (amounts or {}).items()
            ],
        ),
        now=now,  # type: ignore[arg-type]
        base_url=BASE_URL,
        secret=SECRET,
    )


def link_token(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    found = _LINK.search(body.get_content())
    assert found, "the e-mail carries the magic link"
    return found.group(1)


async def onboarding_world(
    factory: Factory, agency: Agency, staff: StaffUser, tenant: Tenant
) -> dict[str, str]:
    """A flow, its tasks and an invite the tenant has used (their onboarding in the portal),
    as path parameters for the access tests. The tenant has no portal account yet: the invite
    gives them one, with the factory's password (a tenant who has one cannot be invited)."""
    assert tenant.password_hash is None, "invite a tenant without a portal account"
    session = factory.session
    flow = await simple_flow(session, agency)
    sent = await service.create_invite(
        session,
        agency,
        staff,
        InviteCreate(flow_id=flow.flow.id, tenant_id=tenant.id),
        now=factory.clock.now(),
        base_url=BASE_URL,
        secret=SECRET,
    )
    await service.redeem_invite(session, sent.invite, PASSWORD, factory.clock.now())
    return {
        "task_id": str(flow.steps[0][1].id),
        "flow_id": str(flow.flow.id),
        "invite_id": str(sent.invite.id),
        "position": "1",
    }

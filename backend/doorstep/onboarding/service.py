"""Onboarding rules (seed 001): tasks, flows, invites with magic links, reminders, expiry,
redemption into a portal account, and the invitee's progress through the flow's steps."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.core.errors import AppError, Conflict, InvalidInput, NotFound
from doorstep.core.languages import Language, message_locale
from doorstep.core.pagination import PageRequest, like_pattern, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.core.security import link_token, new_link_token, token_digest
from doorstep.leases.models import Lease, LeaseStatus
from doorstep.leases.service import add_tenant
from doorstep.notifications.service import queue_email
from doorstep.onboarding.messages import invite_email
from doorstep.onboarding.models import (
    InviteStatus,
    InviteStep,
    InviteUpload,
    OnboardingFlow,
    OnboardingFlowStep,
    OnboardingInvite,
    OnboardingTask,
    TaskKind,
)
from doorstep.onboarding.recurring_step import (
    RecurringStepState,
    recurring_step_states,
    require_offered,
)
from doorstep.onboarding.schemas import (
    FlowPatch,
    FlowWrite,
    InviteCreate,
    TaskCreate,
    TaskUpdate,
)
from doorstep.onboarding.steps import (
    accepted_version,
    document_content,
    form_answers,
    invoice_payment,
    paid_invoices,
    replace_upload,
    require_kind,
    step_done,
)
from doorstep.tenants.models import Tenant
from doorstep.tenants.schemas import TenantCreate, TenantUpdate
from doorstep.tenants.service import (
    create_tenant,
    get_tenant,
    set_own_language,
    set_portal_password,
    update_tenant,
)

# Seed 001: "The link will expire after 7 days"; "First reminder - 3 days after the invite was
# sent"; "Repeat reminders - Daily after the first reminder until the invite expires".
INVITE_VALIDITY = timedelta(days=7)
FIRST_REMINDER_AFTER = timedelta(days=3)
REMINDER_INTERVAL = timedelta(days=1)

# Every change of an invite's status, in one place (DESIGN: each state machine's transitions
# sit in one table). Resend takes a pending or expired invite back to pending.
INVITE_TRANSITIONS: dict[str, tuple[frozenset[InviteStatus], InviteStatus]] = {
    "use": (frozenset({InviteStatus.PENDING}), InviteStatus.USED),
    "expire": (frozenset({InviteStatus.PENDING}), InviteStatus.EXPIRED),
    "cancel": (frozenset({InviteStatus.PENDING}), InviteStatus.CANCELLED),
    "resend": (frozenset({InviteStatus.PENDING, InviteStatus.EXPIRED}), InviteStatus.PENDING),
}


class InviteLinkDead(AppError):
    """A link that cannot be used (any more). Its detail says why; each reason has a type of its
    own, so that the link's page can say it in the reader's language."""

    status_code = 410
    slug = "invite-link-dead"
    title = "This invitation link can no longer be used"


class InviteLinkUsed(InviteLinkDead):
    slug = "invite-link-used"


class InviteLinkCancelled(InviteLinkDead):
    slug = "invite-link-cancelled"


class InviteLinkExpired(InviteLinkDead):
    slug = "invite-link-expired"


class InviteNotInThisState(Conflict):
    slug = "invite-state"
    title = "The invite's status does not allow this"


class TenantHasPortalAccount(Conflict):
    """An invite creates a portal account; a tenant who has one signs in (or resets their
    password) instead. The apps say it in the reader's language by this type."""

    slug = "tenant-has-portal-account"
    title = "This tenant already has a portal account"


HAS_ACCOUNT_BY_RECORD = (
    "This tenant already has a portal account. They can sign in, or reset their password "
    "from the sign-in page."
)
HAS_ACCOUNT_BY_EMAIL = (
    "This e-mail address already belongs to a tenant with a portal account at your agency. "
    "They can sign in, or reset their password from the sign-in page."
)
HAS_ACCOUNT_AT_REDEMPTION = (
    "You already have a portal account. Sign in, or reset your password from the sign-in page."
)


# ------------------------------------------------------------------------------- tasks


def _task_config(kind: TaskKind, data: TaskCreate | TaskUpdate, config: dict[str, Any]) -> None:
    sent = data.model_fields_set
    if "fields" in sent and data.fields is not None:
        if kind is not TaskKind.FORM:
            raise InvalidInput("fields", "Only a form task has fields.")
        keys = [field.key for field in data.fields]
        if len(set(keys)) != len(keys):
            raise InvalidInput("fields", "Each field needs a key of its own.")
        config["fields"] = [field.model_dump() for field in data.fields]
    for name, owner in (
        ("document_label", TaskKind.DOCUMENT_UPLOAD),
        ("text", TaskKind.READ_AND_ACCEPT),
        ("description", TaskKind.PAYMENT),
    ):
        value = getattr(data, name)
        if name in sent and value is not None:
            if kind is not owner:
                raise InvalidInput(name, f"Only a {owner.value} task has a {name}.")
            config[name] = value


def _check_complete(task: OnboardingTask) -> None:
    needs = {
        TaskKind.FORM: "fields",
        TaskKind.DOCUMENT_UPLOAD: "document_label",
        TaskKind.READ_AND_ACCEPT: "text",
    }.get(task.kind)
    if needs and not task.config.get(needs):
        raise InvalidInput(needs, f"A {task.kind.value} task needs its {needs}.")


async def create_task(
    session: AsyncSession, agency_id: uuid.UUID, data: TaskCreate
) -> OnboardingTask:
    """A reusable task; with "Is Onboarding" on it can be a step of onboarding flows (seed
    001: "Onboarding flows are created using Tasks with the 'Is Onboarding' option")."""
    config: dict[str, Any] = {}
    _task_config(data.kind, data, config)
    task = OnboardingTask(
        agency_id=agency_id,
        name=data.name,
        kind=data.kind,
        is_onboarding=data.is_onboarding,
        config=config,
        text_version=1,
    )
    _check_complete(task)
    if task.kind is TaskKind.RECURRING_SETUP:
        require_offered(await session.get_one(Agency, agency_id), [task])
    session.add(task)
    await session.flush()
    return task


async def get_task(
    session: AsyncSession, agency_id: uuid.UUID, task_id: uuid.UUID
) -> OnboardingTask:
    return await get_in_agency(session, OnboardingTask, task_id, agency_id, missing="No such task.")


async def update_task(
    session: AsyncSession,
    agency_id: uuid.UUID,
    task_id: uuid.UUID,
    data: TaskUpdate,
    *,
    now: datetime | None = None,
) -> OnboardingTask:
    """A changed text to accept gets a new version: acceptances name the version read, and a
    tenant who has not accepted yet must read the new one."""
    task = await get_in_agency(
        session, OnboardingTask, task_id, agency_id, missing="No such task.", for_update=True
    )
    config = dict(task.config)
    _task_config(task.kind, data, config)
    if config.get("text") != task.config.get("text"):
        task.text_version += 1
    task.config = config
    if data.name is not None:
        task.name = data.name
    if data.is_onboarding is not None:
        task.is_onboarding = data.is_onboarding
    if data.archived is not None and data.archived != (task.archived_at is not None):
        assert now is not None  # archiving records when
        task.archived_at = now if data.archived else None
    _check_complete(task)
    await session.flush()
    return task


async def list_tasks(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    onboarding_only: bool,
    page: PageRequest,
    include_archived: bool = True,
) -> tuple[list[OnboardingTask], str | None]:
    statement = select(OnboardingTask).where(OnboardingTask.agency_id == agency_id)
    if not include_archived:
        statement = statement.where(OnboardingTask.archived_at.is_(None))
    if onboarding_only:
        statement = statement.where(OnboardingTask.is_onboarding.is_(True))
    return await paginate(session, statement, (OnboardingTask.name, OnboardingTask.id), page)


# ------------------------------------------------------------------------------- flows


@dataclass(frozen=True)
class FlowView:
    flow: OnboardingFlow
    steps: list[tuple[int, OnboardingTask]]

    @property
    def has_payment_steps(self) -> bool:
        return any(task.kind is TaskKind.PAYMENT for _, task in self.steps)

    @property
    def has_recurring_steps(self) -> bool:
        return any(task.kind is TaskKind.RECURRING_SETUP for _, task in self.steps)


async def _flow_tasks(
    session: AsyncSession,
    agency_id: uuid.UUID,
    task_ids: Sequence[uuid.UUID],
    *,
    already_steps: frozenset[uuid.UUID] = frozenset(),
) -> list[OnboardingTask]:
    """The tasks of a flow's steps, in order. An archived task is no longer offered: it cannot
    be added, though a flow that already holds it keeps it (``already_steps``)."""
    tasks = {
        task.id: task
        for task in await session.scalars(
            select(OnboardingTask).where(
                OnboardingTask.agency_id == agency_id, OnboardingTask.id.in_(task_ids)
            )
        )
    }
    for index, task_id in enumerate(task_ids):
        task = tasks.get(task_id)
        if task is None:
            raise InvalidInput(f"task_ids.{index}", "No such task in this agency.")
        if not task.is_onboarding:
            raise InvalidInput(
                f"task_ids.{index}", "Only tasks marked 'Is Onboarding' can be steps."
            )
        if task.archived_at is not None and task.id not in already_steps:
            raise InvalidInput(
                f"task_ids.{index}",
                "This task is archived: restore it before adding it to a flow.",
                code="task_archived",
            )
    ordered = [tasks[task_id] for task_id in task_ids]
    if any(task.kind is TaskKind.RECURRING_SETUP for task in ordered):
        require_offered(await session.get_one(Agency, agency_id), ordered)
    return ordered


async def create_flow(session: AsyncSession, agency_id: uuid.UUID, data: FlowWrite) -> FlowView:
    """A flow is a series of onboarding tasks in order (seed 001)."""
    tasks = await _flow_tasks(session, agency_id, data.task_ids)
    flow = OnboardingFlow(agency_id=agency_id, name=data.name)
    session.add(flow)
    await session.flush()
    session.add_all(
        OnboardingFlowStep(flow_id=flow.id, position=index, task_id=task.id)
        for index, task in enumerate(tasks, start=1)
    )
    await session.flush()
    return FlowView(flow, list(enumerate(tasks, start=1)))


async def update_flow(
    session: AsyncSession, agency_id: uuid.UUID, flow_id: uuid.UUID, data: FlowWrite
) -> FlowView:
    """Invites already sent keep the steps they were sent with (their own copy)."""
    return await patch_flow(
        session, agency_id, flow_id, FlowPatch(name=data.name, task_ids=data.task_ids), now=None
    )


async def patch_flow(
    session: AsyncSession,
    agency_id: uuid.UUID,
    flow_id: uuid.UUID,
    data: FlowPatch,
    *,
    now: datetime | None,
) -> FlowView:
    """Rename a flow, replace its steps (added, reordered, removed) or archive or restore it.
    Invites already sent keep the steps they were sent with (each has its own copy), so none
    of this changes them; an archived flow is only no longer offered for new invites."""
    flow = await get_in_agency(
        session, OnboardingFlow, flow_id, agency_id, missing="No such flow.", for_update=True
    )
    if data.name is not None:
        flow.name = data.name
    if data.archived is not None and data.archived != (flow.archived_at is not None):
        assert now is not None  # archiving records when
        flow.archived_at = now if data.archived else None
    if data.task_ids is not None:
        steps = (
            await session.scalars(
                select(OnboardingFlowStep).where(OnboardingFlowStep.flow_id == flow.id)
            )
        ).all()
        tasks = await _flow_tasks(
            session,
            agency_id,
            data.task_ids,
            already_steps=frozenset(step.task_id for step in steps),
        )
        for step in steps:
            await session.delete(step)
        await session.flush()
        session.add_all(
            OnboardingFlowStep(flow_id=flow.id, position=index, task_id=task.id)
            for index, task in enumerate(tasks, start=1)
        )
    await session.flush()
    return (await _flow_views(session, [flow]))[0]


async def _flow_views(session: AsyncSession, flows: Sequence[OnboardingFlow]) -> list[FlowView]:
    rows = (
        await session.execute(
            select(OnboardingFlowStep.flow_id, OnboardingFlowStep.position, OnboardingTask)
            .join(OnboardingTask, OnboardingTask.id == OnboardingFlowStep.task_id)
            .where(OnboardingFlowStep.flow_id.in_([flow.id for flow in flows]))
            .order_by(OnboardingFlowStep.flow_id, OnboardingFlowStep.position)
        )
    ).all()
    steps: dict[uuid.UUID, list[tuple[int, OnboardingTask]]] = {flow.id: [] for flow in flows}
    for flow_id, position, task in rows:
        steps[flow_id].append((position, task))
    return [FlowView(flow, steps[flow.id]) for flow in flows]


async def flow_names(session: AsyncSession, flow_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not flow_ids:
        return {}
    rows = await session.execute(
        select(OnboardingFlow.id, OnboardingFlow.name).where(OnboardingFlow.id.in_(flow_ids))
    )
    return {flow_id: name for flow_id, name in rows.all()}


async def get_flow(session: AsyncSession, agency_id: uuid.UUID, flow_id: uuid.UUID) -> FlowView:
    flow = await get_in_agency(session, OnboardingFlow, flow_id, agency_id, missing="No such flow.")
    return (await _flow_views(session, [flow]))[0]


async def list_flows(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    page: PageRequest,
    include_archived: bool = False,
) -> tuple[list[FlowView], str | None]:
    """The agency's flows; archived ones only when asked for (the invite form does not)."""
    statement = select(OnboardingFlow).where(OnboardingFlow.agency_id == agency_id)
    if not include_archived:
        statement = statement.where(OnboardingFlow.archived_at.is_(None))
    flows, cursor = await paginate(
        session,
        statement,
        (OnboardingFlow.name, OnboardingFlow.id),
        page,
    )
    return await _flow_views(session, flows), cursor


# ------------------------------------------------------------------------------ invites


INVITE_LINK_PURPOSE = "onboarding-invite"


def invite_token(secret: str, salt: str) -> str:
    """The link's token for one sending: derived from its random salt with the secret key."""
    return link_token(secret, INVITE_LINK_PURPOSE, salt)


def _new_sending(invite: OnboardingInvite, secret: str) -> str:
    new = new_link_token(secret, INVITE_LINK_PURPOSE)
    invite.token_salt = new.salt
    invite.token_hash = new.digest
    return new.token


def invite_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/portal/invite/{token}"


def effective_status(invite: OnboardingInvite, now: datetime) -> InviteStatus:
    """A pending invite past its expiry is expired even before the tick has recorded it."""
    if invite.status is InviteStatus.PENDING and invite.expires_at <= now:
        return InviteStatus.EXPIRED
    return invite.status


def _transition(invite: OnboardingInvite, action: str, now: datetime) -> None:
    allowed_from, target = INVITE_TRANSITIONS[action]
    # Expiry records what time already made true; every other action goes by what is true.
    current = invite.status if action == "expire" else effective_status(invite, now)
    if current not in allowed_from:
        raise InviteNotInThisState(
            f"A {current.value} invite cannot be {action}{'d' if action.endswith('e') else 'ed'}."
        )
    invite.status = target


def _status_filter(status: InviteStatus, now: datetime) -> ColumnElement[bool]:
    pending = OnboardingInvite.status == InviteStatus.PENDING
    if status is InviteStatus.PENDING:
        return and_(pending, OnboardingInvite.expires_at > now)
    if status is InviteStatus.EXPIRED:
        return or_(
            OnboardingInvite.status == InviteStatus.EXPIRED,
            and_(pending, OnboardingInvite.expires_at <= now),
        )
    return OnboardingInvite.status == status


async def _queue_invite_email(
    session: AsyncSession,
    agency: Agency,
    invite: OnboardingInvite,
    link: str,
    *,
    reminder_number: int,
) -> None:
    # An invite for a tenant record is written in the language chosen on it, if any.
    language = (
        await session.scalar(select(Tenant.language).where(Tenant.id == invite.tenant_id))
        if invite.tenant_id is not None
        else None
    )
    message = invite_email(
        locale=message_locale(agency.locale, language),
        timezone=agency.timezone,
        agency_name=agency.name,
        first_name=invite.first_name,
        link=link,
        expires_at=invite.expires_at,
        reminder=reminder_number > 0,
    )
    await queue_email(
        session,
        agency_id=agency.id,
        to=invite.email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        kind="onboarding.reminder" if reminder_number else "onboarding.invite",
        dedupe_key=f"invite:{invite.id}:{invite.send_count}:{reminder_number}",
        from_name=agency.name,
    )


async def _check_lease_for_payments(
    session: AsyncSession,
    agency_id: uuid.UUID,
    lease_id: uuid.UUID | None,
    *,
    steps: str = "payment steps",
) -> None:
    """Payment steps are invoiced on the invite's lease and a recurring set-up step pays that
    lease's rent: either needs an active lease of the agency."""
    if lease_id is None:
        raise InvalidInput("lease_id", f"This flow has {steps}: choose the lease they are for.")
    lease = await session.scalar(
        select(Lease).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if lease is None:
        raise InvalidInput("lease_id", "No such lease in this agency.")
    if lease.status is not LeaseStatus.ACTIVE:
        raise InvalidInput(
            "lease_id", f"The lease is {lease.status.value}: {steps} need an active lease."
        )


@dataclass(frozen=True)
class SentInvite:
    invite: OnboardingInvite
    token: str


async def create_invite(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    data: InviteCreate,
    *,
    now: datetime,
    base_url: str,
    secret: str,
) -> SentInvite:
    """Seed 001: send a magic link valid 7 days. Steps copy the flow as it is now; each
    payment step needs its amount. An existing tenant is prefilled from their record."""
    flow = await _flow_for_invite(session, agency.id, data.flow_id)
    first_name, last_name, email = data.first_name, data.last_name, data.email
    if data.tenant_id is not None:
        tenant = await _agency_tenant(session, agency.id, data.tenant_id)
        first_name = first_name or tenant.first_name
        last_name = last_name or tenant.last_name
        email = email or tenant.email
    first_name = _required("first_name", first_name)
    last_name = _required("last_name", last_name)
    email = _required("email", email)
    tenant_id = data.tenant_id
    if tenant_id is None:
        tenant_id = await session.scalar(
            select(Tenant.id).where(
                Tenant.agency_id == agency.id, func.lower(Tenant.email) == email.lower()
            )
        )
        if tenant_id is not None and await _has_portal_account(session, tenant_id):
            raise TenantHasPortalAccount(HAS_ACCOUNT_BY_EMAIL)
    elif await _has_portal_account(session, tenant_id):
        raise TenantHasPortalAccount(HAS_ACCOUNT_BY_RECORD)
    amounts = {item.position: item.amount for item in data.payment_amounts}
    if len(amounts) != len(data.payment_amounts):
        raise InvalidInput("payment_amounts", "One amount per payment step.")
    payment_positions = {p for p, task in flow.steps if task.kind is TaskKind.PAYMENT}
    for index, item in enumerate(data.payment_amounts):
        if item.position not in payment_positions:
            raise InvalidInput(
                f"payment_amounts.{index}.position", "This step of the flow is not a payment."
            )
    for position in sorted(payment_positions - amounts.keys()):
        raise InvalidInput("payment_amounts", f"Set the amount of payment step {position}.")
    if payment_positions:
        await _check_lease_for_payments(session, agency.id, data.lease_id)
    if flow.has_recurring_steps:
        require_offered(agency, [task for _, task in flow.steps])
        await _check_lease_for_payments(
            session, agency.id, data.lease_id, steps="recurring rent set-up steps"
        )
    if not payment_positions and not flow.has_recurring_steps and data.lease_id is not None:
        await _lease_in_agency(session, agency.id, data.lease_id)
    invite = OnboardingInvite(
        agency_id=agency.id,
        flow_id=flow.flow.id,
        tenant_id=tenant_id,
        lease_id=data.lease_id,
        first_name=first_name,
        last_name=last_name,
        email=email,
        status=InviteStatus.PENDING,
        send_count=1,
        sent_at=now,
        expires_at=now + INVITE_VALIDITY,
        reminders_sent=0,
        created_by_id=staff.id,
    )
    token = _new_sending(invite, secret)
    session.add(invite)
    await session.flush()
    session.add_all(
        InviteStep(
            invite_id=invite.id,
            position=position,
            task_id=task.id,
            amount=amounts.get(position),
            currency=agency.currency if position in amounts else None,
        )
        for position, task in flow.steps
    )
    await session.flush()
    await _queue_invite_email(
        session, agency, invite, invite_link(base_url, token), reminder_number=0
    )
    return SentInvite(invite, token)


async def _has_portal_account(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether the tenant has set a portal password (an account whose access staff may have
    turned off still is one: staff turn it on again rather than invite)."""
    password_hash = await session.scalar(select(Tenant.password_hash).where(Tenant.id == tenant_id))
    return password_hash is not None


def _required(field: str, value: str | None) -> str:
    if not value:
        raise InvalidInput(field, "Required unless the invite is for an existing tenant.")
    return value


async def _flow_for_invite(
    session: AsyncSession, agency_id: uuid.UUID, flow_id: uuid.UUID
) -> FlowView:
    flow = await session.scalar(
        select(OnboardingFlow).where(
            OnboardingFlow.id == flow_id, OnboardingFlow.agency_id == agency_id
        )
    )
    if flow is None:
        raise InvalidInput("flow_id", "No such onboarding flow in this agency.")
    if flow.archived_at is not None:
        raise InvalidInput("flow_id", "This flow is archived: restore it to invite with it.")
    view = (await _flow_views(session, [flow]))[0]
    if not view.steps:
        raise InvalidInput("flow_id", "This flow has no steps.")
    return view


async def _agency_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> Tenant:
    tenant = await session.scalar(
        select(Tenant).where(
            Tenant.id == tenant_id, Tenant.agency_id == agency_id, Tenant.deleted_at.is_(None)
        )
    )
    if tenant is None:
        raise InvalidInput("tenant_id", "No such tenant in this agency.")
    return tenant


async def _lease_in_agency(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> None:
    found = await session.scalar(
        select(Lease.id).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if found is None:
        raise InvalidInput("lease_id", "No such lease in this agency.")


async def get_invite(
    session: AsyncSession, agency_id: uuid.UUID, invite_id: uuid.UUID, *, for_update: bool = False
) -> OnboardingInvite:
    return await get_in_agency(
        session,
        OnboardingInvite,
        invite_id,
        agency_id,
        missing="No such invite.",
        for_update=for_update,
    )


async def resend_invite(
    session: AsyncSession,
    agency: Agency,
    invite_id: uuid.UUID,
    *,
    now: datetime,
    base_url: str,
    secret: str,
) -> SentInvite:
    """Seed 001: resend a Pending or Expired invite with a fresh link; the old link dies at
    once (its hash is replaced), the 7 days and the reminders start again."""
    invite = await get_invite(session, agency.id, invite_id, for_update=True)
    _transition(invite, "resend", now)
    invitee = invite.tenant_id or await session.scalar(
        select(Tenant.id).where(
            Tenant.agency_id == agency.id, func.lower(Tenant.email) == invite.email.lower()
        )
    )
    if invitee is not None and await _has_portal_account(session, invitee):
        # The invitee got an account since (through another invite).
        raise TenantHasPortalAccount(HAS_ACCOUNT_BY_RECORD)
    token = _new_sending(invite, secret)
    invite.send_count += 1
    invite.sent_at = now
    invite.expires_at = now + INVITE_VALIDITY
    invite.reminders_sent = 0
    invite.last_reminded_at = None
    await session.flush()
    await _queue_invite_email(
        session, agency, invite, invite_link(base_url, token), reminder_number=0
    )
    return SentInvite(invite, token)


async def cancel_invite(
    session: AsyncSession, agency_id: uuid.UUID, invite_id: uuid.UUID, *, now: datetime
) -> OnboardingInvite:
    """Seed 001: a cancelled invite's link is no longer valid."""
    invite = await get_invite(session, agency_id, invite_id, for_update=True)
    _transition(invite, "cancel", now)
    invite.cancelled_at = now
    await session.flush()
    return invite


async def list_invites(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    search: str | None,
    status: InviteStatus | None,
    now: datetime,
    page: PageRequest,
) -> tuple[list[OnboardingInvite], str | None]:
    """Seed 001: search by name or e-mail, filter by status; newest first."""
    statement = select(OnboardingInvite).where(OnboardingInvite.agency_id == agency_id)
    if search:
        pattern = like_pattern(search)
        statement = statement.where(
            or_(
                OnboardingInvite.first_name.ilike(pattern),
                OnboardingInvite.last_name.ilike(pattern),
                (OnboardingInvite.first_name + " " + OnboardingInvite.last_name).ilike(pattern),
                OnboardingInvite.email.ilike(pattern),
            )
        )
    if status is not None:
        statement = statement.where(_status_filter(status, now))
    return await paginate(session, statement, (OnboardingInvite.id,), page, descending=True)


# ---------------------------------------------------------------------------- reminders


def reminders_due(invite: OnboardingInvite, now: datetime) -> int:
    """How many reminders a pending invite should have had by ``now``: 3 days after sending,
    then one a day, never at or after expiry (seed 001)."""
    count = 0
    moment = invite.sent_at + FIRST_REMINDER_AFTER
    while moment <= now and moment < invite.expires_at:
        count += 1
        moment += REMINDER_INTERVAL
    return count


async def remind_and_expire(
    session: AsyncSession, agency_id: uuid.UUID, now: datetime, *, base_url: str, secret: str
) -> int:
    """The tick's onboarding concern: expire pending invites whose 7 days have passed, and
    queue each reminder that has fallen due (in the agency's language, through the outbox).

    Idempotent: an invite's reminders are counted on its row, and each reminder has its own
    outbox dedupe key. Rows are claimed with SKIP LOCKED, so two ticks share the work.
    Reminders missed while the worker was down are not all sent at once: only the latest.
    A reminder repeats the link of the sending it reminds of (derived again from its salt).
    """
    invites = (
        await session.scalars(
            select(OnboardingInvite)
            .where(
                OnboardingInvite.agency_id == agency_id,
                OnboardingInvite.status == InviteStatus.PENDING,
                OnboardingInvite.sent_at <= now - FIRST_REMINDER_AFTER,
            )
            .with_for_update(skip_locked=True)
        )
    ).all()
    if not invites:
        return 0
    agency = await session.get_one(Agency, agency_id)
    has_account = await _invitees_with_accounts(session, agency_id, invites)
    changes = 0
    for invite in invites:
        if invite.expires_at <= now:
            _transition(invite, "expire", now)
            changes += 1
            continue
        due = reminders_due(invite, now)
        if due <= invite.reminders_sent:
            continue
        if invite.id in has_account:
            # Seed 001 reminds an invitee who has not made their account; this one made it
            # through another invite, and this link would be refused if they opened it.
            continue
        token = invite_token(secret, invite.token_salt)
        invite.reminders_sent = due
        invite.last_reminded_at = now
        await _queue_invite_email(
            session, agency, invite, invite_link(base_url, token), reminder_number=due
        )
        changes += 1
    await session.flush()
    return changes


async def _invitees_with_accounts(
    session: AsyncSession, agency_id: uuid.UUID, invites: Sequence[OnboardingInvite]
) -> set[uuid.UUID]:
    """The invites whose invitee already has a portal account: the tenant record the invite
    names, or else the agency's tenant with its e-mail address. One query for the batch."""
    rows = await session.execute(
        select(Tenant.id, func.lower(Tenant.email)).where(
            Tenant.agency_id == agency_id,
            Tenant.password_hash.is_not(None),
            or_(
                Tenant.id.in_([i.tenant_id for i in invites if i.tenant_id is not None]),
                func.lower(Tenant.email).in_({i.email.lower() for i in invites}),
            ),
        )
    )
    ids, emails = set(), set()
    for tenant_id, email in rows:
        ids.add(tenant_id)
        emails.add(email)
    return {
        invite.id
        for invite in invites
        if (
            invite.tenant_id in ids
            if invite.tenant_id is not None
            else invite.email.lower() in emails
        )
    }


# ---------------------------------------------------------------------------- the link


_DEAD_LINK: dict[InviteStatus, tuple[type[InviteLinkDead], str]] = {
    InviteStatus.USED: (
        InviteLinkUsed,
        "This invitation has already been used. Sign in with your e-mail address and password.",
    ),
    InviteStatus.CANCELLED: (
        InviteLinkCancelled,
        "This invitation was cancelled by the agency. Ask them for a new one if you still need "
        "an account.",
    ),
    InviteStatus.EXPIRED: (
        InviteLinkExpired,
        "This invitation has expired. Ask the agency to send it again.",
    ),
}


async def find_invite_by_token(
    session: AsyncSession, token: str, now: datetime, *, for_update: bool = False
) -> OnboardingInvite | None:
    """The invite this link opens, or None for a token that never was one (the router counts
    those against the client). A link that was one but cannot be used raises
    ``InviteLinkDead`` saying why: used, cancelled, expired, or replaced by a resend."""
    statement = select(OnboardingInvite).where(OnboardingInvite.token_hash == token_digest(token))
    if for_update:
        statement = statement.with_for_update()
    invite = await session.scalar(statement)
    if invite is None:
        return None
    status = effective_status(invite, now)
    if status is not InviteStatus.PENDING:
        error, detail = _DEAD_LINK[status]
        raise error(detail)
    return invite


@dataclass(frozen=True)
class Redeemed:
    tenant: Tenant
    invite: OnboardingInvite


async def redeem_invite(
    session: AsyncSession,
    invite: OnboardingInvite,
    password: str,
    now: datetime,
    *,
    language: Language | None = None,
) -> Redeemed:
    """The invitee sets a password: the portal account is created (or the tenant record the
    invite was for gets it), joins the invite's lease, and the payment steps are invoiced on
    that lease. ``language``: the one the invitee chose in the portal, kept as theirs. The
    invite is locked by the caller (``for_update``), so of any number of concurrent
    redemptions exactly one finds it pending."""
    _transition(invite, "use", now)
    invite.used_at = now
    agency = await session.get_one(Agency, invite.agency_id)
    tenant_id = invite.tenant_id or await session.scalar(
        select(Tenant.id).where(
            Tenant.agency_id == agency.id, func.lower(Tenant.email) == invite.email.lower()
        )
    )
    if tenant_id is not None:
        tenant = await get_tenant(session, agency.id, tenant_id)
        if tenant.password_hash is not None:
            # Another invite made the account since this one was sent: this link must not
            # become a way to set someone's password.
            raise TenantHasPortalAccount(HAS_ACCOUNT_AT_REDEMPTION)
        if invite.tenant_id is not None and tenant.email.lower() != invite.email.lower():
            # Staff sent the invite for this record to another address; opening the link
            # proved the invitee reads it, so it becomes the record's (and the login's).
            tenant = await update_tenant(
                session, agency.id, tenant.id, TenantUpdate(email=invite.email)
            )
    else:
        tenant = await create_tenant(
            session,
            agency.id,
            TenantCreate(
                first_name=invite.first_name, last_name=invite.last_name, email=invite.email
            ),
        )
    await set_portal_password(session, tenant, password)
    if language is not None:
        await set_own_language(session, tenant, language)
    invite.tenant_id = tenant.id
    if invite.lease_id is not None:
        await add_tenant(session, agency, invite.lease_id, tenant.id)
    await _invoice_payment_steps(session, agency, invite, now)
    await session.flush()
    return Redeemed(tenant, invite)


async def _invoice_payment_steps(
    session: AsyncSession, agency: Agency, invite: OnboardingInvite, now: datetime
) -> None:
    """Each payment step becomes an open invoice on the invite's lease, paid through the
    portal's card payment like any other invoice. The staff member who set the amount on the
    invite is its author and approver: the amount was decided when the invite was sent."""
    steps = (
        await session.scalars(
            select(InviteStep)
            .join(OnboardingTask, OnboardingTask.id == InviteStep.task_id)
            .where(
                InviteStep.invite_id == invite.id,
                OnboardingTask.kind == TaskKind.PAYMENT,
                InviteStep.invoice_id.is_(None),
            )
            .order_by(InviteStep.position)
        )
    ).all()
    if not steps or invite.lease_id is None:
        return
    staff = await session.get_one(StaffUser, invite.created_by_id)
    for step in steps:
        task = await session.get_one(OnboardingTask, step.task_id)
        assert step.amount is not None
        invoice = await invoice_payment(
            session, agency, staff, lease_id=invite.lease_id, task=task, amount=step.amount, now=now
        )
        step.invoice_id = invoice.id
    await session.flush()


# ------------------------------------------------------------------------ progress


@dataclass(frozen=True)
class StepView:
    step: InviteStep
    task: OnboardingTask
    done: bool
    uploaded_file_name: str | None
    # A recurring set-up step's lease, set-up and whether the agency still offers it.
    recurring: RecurringStepState | None = None


async def step_views(
    session: AsyncSession, invites: Sequence[OnboardingInvite], now: datetime
) -> dict[uuid.UUID, list[StepView]]:
    """Every step of these invites with whether it is done; a payment step is done when its
    invoice is paid (derived from the ledger, never stored), a recurring set-up step when the
    lease has the set-up (``recurring_step``). A fixed number of queries."""
    ids = [invite.id for invite in invites]
    rows = (
        await session.execute(
            select(InviteStep, OnboardingTask, InviteUpload.file_name)
            .join(OnboardingTask, OnboardingTask.id == InviteStep.task_id)
            .outerjoin(
                InviteUpload,
                and_(
                    InviteUpload.invite_id == InviteStep.invite_id,
                    InviteUpload.position == InviteStep.position,
                ),
            )
            .where(InviteStep.invite_id.in_(ids))
            .order_by(InviteStep.invite_id, InviteStep.position)
        )
    ).all()
    agency_of = {invite.id: invite.agency_id for invite in invites}
    invoice_ids = [step.invoice_id for step, _, _ in rows if step.invoice_id is not None]
    paid = await paid_invoices(session, invoice_ids, set(agency_of.values()), now)
    with_recurring = {
        step.invite_id for step, task, _ in rows if task.kind is TaskKind.RECURRING_SETUP
    }
    recurring = await recurring_step_states(
        session, [invite for invite in invites if invite.id in with_recurring]
    )
    views: dict[uuid.UUID, list[StepView]] = {invite_id: [] for invite_id in ids}
    for step, task, file_name in rows:
        if task.kind is TaskKind.RECURRING_SETUP:
            state = recurring[step.invite_id]
            views[step.invite_id].append(StepView(step, task, state.done, file_name, state))
            continue
        done = step_done(
            task.kind, completed_at=step.completed_at, invoice_id=step.invoice_id, paid=paid
        )
        views[step.invite_id].append(StepView(step, task, done, file_name))
    return views


async def tenant_invite(session: AsyncSession, tenant: Tenant) -> OnboardingInvite:
    """The invite the tenant used most recently: their onboarding."""
    invite = await session.scalar(
        select(OnboardingInvite)
        .where(
            OnboardingInvite.agency_id == tenant.agency_id,
            OnboardingInvite.tenant_id == tenant.id,
            OnboardingInvite.status == InviteStatus.USED,
        )
        .order_by(OnboardingInvite.used_at.desc(), OnboardingInvite.id.desc())
        .limit(1)
    )
    if invite is None:
        raise NotFound("You have no onboarding to complete.")
    return invite


async def _tenant_step(
    session: AsyncSession, tenant: Tenant, invite_id: uuid.UUID, position: int, kind: TaskKind
) -> tuple[InviteStep, OnboardingTask]:
    """A step of an invite the tenant used: another's invite is simply not found."""
    invite = await session.scalar(
        select(OnboardingInvite).where(
            OnboardingInvite.id == invite_id,
            OnboardingInvite.agency_id == tenant.agency_id,
            OnboardingInvite.tenant_id == tenant.id,
            OnboardingInvite.status == InviteStatus.USED,
        )
    )
    if invite is None:
        raise NotFound("You have no such onboarding.")
    row = (
        await session.execute(
            select(InviteStep, OnboardingTask)
            .join(OnboardingTask, OnboardingTask.id == InviteStep.task_id)
            .where(InviteStep.invite_id == invite.id, InviteStep.position == position)
            .with_for_update(of=InviteStep)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("Your onboarding has no such step.")
    step, task = row
    require_kind(task, kind, f"Step {position}")
    return step, task


async def save_form(
    session: AsyncSession,
    tenant: Tenant,
    invite_id: uuid.UUID,
    position: int,
    answers: dict[str, str],
    now: datetime,
) -> None:
    """The tenant's answers to a form step, kept on the server (resume on another device).
    Required fields must be filled; unknown fields are refused."""
    step, task = await _tenant_step(session, tenant, invite_id, position, TaskKind.FORM)
    step.answers = form_answers(task, answers)
    step.completed_at = now
    await session.flush()


async def accept_text(
    session: AsyncSession,
    tenant: Tenant,
    invite_id: uuid.UUID,
    position: int,
    text_version: int,
    now: datetime,
) -> None:
    """The tenant accepts the text of a read-and-accept step: kept with the time and the
    version of the text they read; an outdated version must be read again."""
    step, task = await _tenant_step(session, tenant, invite_id, position, TaskKind.READ_AND_ACCEPT)
    step.accepted_text_version = accepted_version(task, text_version)
    step.completed_at = now
    await session.flush()


async def upload_document(
    session: AsyncSession,
    tenant: Tenant,
    invite_id: uuid.UUID,
    position: int,
    *,
    file_name: str,
    content_type: str,
    content_base64: str,
    now: datetime,
) -> None:
    """The document of an upload step (an ID, a proof of income); a new upload replaces it."""
    step, _ = await _tenant_step(session, tenant, invite_id, position, TaskKind.DOCUMENT_UPLOAD)
    content = document_content(content_base64)
    await replace_upload(
        session,
        await session.get(InviteUpload, (step.invite_id, step.position)),
        InviteUpload(
            invite_id=step.invite_id,
            position=step.position,
            file_name=file_name,
            content_type=content_type,
            content=content,
        ),
    )
    step.completed_at = now
    await session.flush()


# ------------------------------------------------------------------ deleting a customer


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, email: str
) -> int:
    """Seed 001, deleting a customer: their invites (to the record, or to its e-mail address
    before it was linked) go with every answer, acceptance and uploaded file (the steps and
    uploads are deleted with them). A payment step's invoice is the agency's record and stays;
    only the step pointing at it goes."""
    invites = (
        await session.scalars(
            select(OnboardingInvite)
            .where(
                OnboardingInvite.agency_id == agency_id,
                or_(
                    OnboardingInvite.tenant_id == tenant_id,
                    func.lower(OnboardingInvite.email) == email.lower(),
                ),
            )
            .with_for_update()
        )
    ).all()
    for invite in invites:
        await session.delete(invite)
    await session.flush()
    return len(invites)

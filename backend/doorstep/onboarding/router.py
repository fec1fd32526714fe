"""Onboarding over HTTP: tasks, flows and invites for staff; the invite link (public); the
invitee's steps (tenant portal)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from redis.asyncio import Redis

from doorstep.agencies.models import Agency
from doorstep.auth.cookies import token_response
from doorstep.auth.dependencies import AccessTokensDep, BookWriterDep, StaffDep, TenantDep
from doorstep.auth.ratelimit import count_failure
from doorstep.auth.schemas import TokenResponse
from doorstep.auth.service import start_session
from doorstep.core.client_address import client_address
from doorstep.core.deps import ClockDep, RedisDep, SessionDep
from doorstep.core.errors import NotFound, TooManyRequests, problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import SearchText
from doorstep.core.security import Audience
from doorstep.core.settings import Settings
from doorstep.onboarding import service
from doorstep.onboarding.models import InviteStatus, OnboardingInvite, OnboardingTask
from doorstep.onboarding.recurring_step import RecurringStepState
from doorstep.onboarding.schemas import (
    AcceptTerms,
    DocumentUpload,
    FlowOut,
    FlowPatch,
    FlowStepOut,
    FlowWrite,
    FormAnswers,
    FormFieldOut,
    InviteAccept,
    InviteCreate,
    InviteDetailOut,
    InviteLinkOut,
    InviteOut,
    InviteResend,
    InviteStepOut,
    PortalOnboardingOut,
    PortalStepOut,
    RecurringStepOut,
    TaskCreate,
    TaskOut,
    TaskUpdate,
    money_out,
)
from doorstep.readiness import service as readiness
from doorstep.readiness.models import ReadinessAction
from doorstep.readiness.schemas import ReadinessOverrideIn

staff_router = APIRouter(
    prefix="/onboarding", tags=["onboarding"], responses=problem_responses(400, 401, 403, 404, 422)
)
public_router = APIRouter(prefix="/invites", tags=["onboarding"])
portal_router = APIRouter(
    prefix="/portal/onboarding", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)

# Unknown tokens tried per client address before a pause, as for payment links.
INVITE_FAILURES_PER_CLIENT = 20
INVITE_FAILURE_WINDOW_SECONDS = 900


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _secret(request: Request) -> str:
    return _settings(request).secret_key.get_secret_value()


async def _check_readiness(
    request: Request,
    session: SessionDep,
    principal: BookWriterDep,
    invite: OnboardingInvite,
    action: ReadinessAction,
    override: ReadinessOverrideIn | None,
    now: datetime,
) -> None:
    """Seed 000: the invite's tenant and lease are reviewed before it goes; a blocking item
    refuses it (409) unless overridden with a reason. The check runs on what the invite
    resolved, inside the request's transaction, so a refusal rolls the invite and its e-mail
    back."""
    await readiness.check_send(
        session,
        principal.agency,
        principal.user,
        action=action,
        subject_id=invite.id,
        subject=readiness.SendSubject(
            tenant_id=invite.tenant_id,
            name=f"{invite.first_name} {invite.last_name}",
            email=invite.email,
            lease_id=invite.lease_id,
        ),
        override_reason=override.reason if override is not None else None,
        gateway_configured=readiness.gateway_configured(_settings(request)),
        now=now,
    )


# ------------------------------------------------------------------------ shaping


def task_out(task: OnboardingTask) -> TaskOut:
    config = task.config
    return TaskOut(
        id=task.id,
        name=task.name,
        kind=task.kind,
        is_onboarding=task.is_onboarding,
        fields=[FormFieldOut.model_validate(field) for field in config.get("fields", [])],
        document_label=config.get("document_label"),
        text=config.get("text"),
        text_version=task.text_version,
        description=config.get("description"),
        archived=task.archived_at is not None,
        created_at=task.created_at,
    )


def _flow_out(view: service.FlowView) -> FlowOut:
    return FlowOut(
        id=view.flow.id,
        name=view.flow.name,
        steps=[FlowStepOut(position=p, task=task_out(t)) for p, t in view.steps],
        has_payment_steps=view.has_payment_steps,
        has_recurring_steps=view.has_recurring_steps,
        archived=view.flow.archived_at is not None,
        created_at=view.flow.created_at,
    )


def _invite_out(
    invite: OnboardingInvite,
    steps: list[service.StepView],
    flow_name: str,
    now_status: InviteStatus,
) -> InviteOut:
    return InviteOut(
        id=invite.id,
        first_name=invite.first_name,
        last_name=invite.last_name,
        email=invite.email,
        flow_id=invite.flow_id,
        flow_name=flow_name,
        tenant_id=invite.tenant_id,
        lease_id=invite.lease_id,
        status=now_status,
        sent_at=invite.sent_at,
        expires_at=invite.expires_at,
        reminders_sent=invite.reminders_sent,
        used_at=invite.used_at,
        cancelled_at=invite.cancelled_at,
        steps_done=sum(1 for s in steps if s.done),
        steps_total=len(steps),
        created_at=invite.created_at,
    )


def _recurring_out(state: RecurringStepState | None) -> RecurringStepOut | None:
    if state is None:
        return None
    return RecurringStepOut(
        lease_id=state.lease_id,
        offered=state.offered,
        set_up=state.set_up,
        setup_id=state.setup_id,
        method=state.method,
        payment_method_label=state.payment_method_label,
        set_up_at=state.set_up_at,
        setup_active=state.setup_active,
    )


async def _invite_outs(
    session: SessionDep, invites: list[OnboardingInvite], clock: ClockDep
) -> tuple[list[InviteOut], dict[uuid.UUID, list[service.StepView]]]:
    now = clock.now()
    steps = await service.step_views(session, invites, now)
    names = await service.flow_names(session, {invite.flow_id for invite in invites})
    outs = [
        _invite_out(
            invite,
            steps[invite.id],
            names.get(invite.flow_id, ""),
            service.effective_status(invite, now),
        )
        for invite in invites
    ]
    return outs, steps


# -------------------------------------------------------------------------- tasks


@staff_router.get("/tasks")
async def list_tasks(
    principal: StaffDep,
    session: SessionDep,
    onboarding_only: bool = False,
    page: PageRequest = Depends(page_request),
    include_archived: Annotated[
        bool, Query(description="Archived tasks too (they cannot be assigned).")
    ] = True,
) -> Page[TaskOut]:
    tasks, cursor = await service.list_tasks(
        session,
        principal.agency.id,
        onboarding_only=onboarding_only,
        page=page,
        include_archived=include_archived,
    )
    return Page(items=[task_out(t) for t in tasks], next_cursor=cursor)


@staff_router.post("/tasks", status_code=201, responses=problem_responses(409))
async def create_task(body: TaskCreate, principal: BookWriterDep, session: SessionDep) -> TaskOut:
    """A reusable task. A `recurring_setup` task is refused (409 `recurring-step-not-offered`)
    while the agency has recurring payments switched off."""
    return task_out(await service.create_task(session, principal.agency.id, body))


@staff_router.get("/tasks/{task_id}")
async def get_task(task_id: uuid.UUID, principal: StaffDep, session: SessionDep) -> TaskOut:
    return task_out(await service.get_task(session, principal.agency.id, task_id))


@staff_router.patch("/tasks/{task_id}")
async def update_task(
    task_id: uuid.UUID,
    body: TaskUpdate,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> TaskOut:
    """Change a task; `archived` takes it off (or puts it back on) what staff can assign."""
    task = await service.update_task(session, principal.agency.id, task_id, body, now=clock.now())
    return task_out(task)


# -------------------------------------------------------------------------- flows


@staff_router.get("/flows")
async def list_flows(
    principal: StaffDep,
    session: SessionDep,
    page: PageRequest = Depends(page_request),
    include_archived: Annotated[
        bool, Query(description="Archived flows too (new invites cannot use them).")
    ] = False,
) -> Page[FlowOut]:
    flows, cursor = await service.list_flows(
        session, principal.agency.id, page=page, include_archived=include_archived
    )
    return Page(items=[_flow_out(f) for f in flows], next_cursor=cursor)


@staff_router.post("/flows", status_code=201, responses=problem_responses(409))
async def create_flow(body: FlowWrite, principal: BookWriterDep, session: SessionDep) -> FlowOut:
    return _flow_out(await service.create_flow(session, principal.agency.id, body))


@staff_router.get("/flows/{flow_id}")
async def get_flow(flow_id: uuid.UUID, principal: StaffDep, session: SessionDep) -> FlowOut:
    return _flow_out(await service.get_flow(session, principal.agency.id, flow_id))


@staff_router.put("/flows/{flow_id}", responses=problem_responses(409))
async def update_flow(
    flow_id: uuid.UUID, body: FlowWrite, principal: BookWriterDep, session: SessionDep
) -> FlowOut:
    return _flow_out(await service.update_flow(session, principal.agency.id, flow_id, body))


@staff_router.patch("/flows/{flow_id}", responses=problem_responses(409))
async def patch_flow(
    flow_id: uuid.UUID,
    body: FlowPatch,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> FlowOut:
    """Rename, change the steps of, archive or restore a flow; what the body leaves out stays.
    Invites already sent keep the steps they were sent with."""
    view = await service.patch_flow(session, principal.agency.id, flow_id, body, now=clock.now())
    return _flow_out(view)


# -------------------------------------------------------------------------- invites


@staff_router.get("/invites")
async def list_invites(
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    q: Annotated[SearchText | None, Query(description="Matches name or e-mail.")] = None,
    status: InviteStatus | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[InviteOut]:
    """Seed 001's Onboarding Invites table: search by name or e-mail, filter by status."""
    invites, cursor = await service.list_invites(
        session, principal.agency.id, search=q, status=status, now=clock.now(), page=page
    )
    outs, _ = await _invite_outs(session, invites, clock)
    return Page(items=outs, next_cursor=cursor)


async def _detail(
    session: SessionDep, invite: OnboardingInvite, clock: ClockDep
) -> InviteDetailOut:
    outs, steps = await _invite_outs(session, [invite], clock)
    return InviteDetailOut(
        **outs[0].model_dump(),
        steps=[
            InviteStepOut(
                position=view.step.position,
                task_id=view.task.id,
                name=view.task.name,
                kind=view.task.kind,
                amount=money_out(view.step.amount, view.step.currency),
                invoice_id=view.step.invoice_id,
                done=view.done,
                completed_at=view.step.completed_at,
                answers=view.step.answers,
                accepted_text_version=view.step.accepted_text_version,
                uploaded_file_name=view.uploaded_file_name,
                recurring=_recurring_out(view.recurring),
            )
            for view in steps[invite.id]
        ],
    )


@staff_router.post("/invites", status_code=201, responses=problem_responses(409))
async def create_invite(
    body: InviteCreate,
    request: Request,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> InviteDetailOut:
    """Send an onboarding invite: an e-mail with a magic link valid 7 days (seed 001). For a
    tenant on the books or a lease, the readiness review (seed 000) must find nothing blocking,
    or `readiness_override` says why it goes anyway (409 `readiness-blocked` lists the items)."""
    now = clock.now()
    sent = await service.create_invite(
        session,
        principal.agency,
        principal.user,
        body,
        now=now,
        base_url=_settings(request).public_base_url,
        secret=_secret(request),
    )
    await _check_readiness(
        request,
        session,
        principal,
        sent.invite,
        ReadinessAction.INVITE,
        body.readiness_override,
        now,
    )
    return await _detail(session, sent.invite, clock)


@staff_router.get("/invites/{invite_id}")
async def get_invite(
    invite_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> InviteDetailOut:
    """An invite with the invitee's progress and answers."""
    invite = await service.get_invite(session, principal.agency.id, invite_id)
    return await _detail(session, invite, clock)


@staff_router.post("/invites/{invite_id}/resend", responses=problem_responses(409))
async def resend_invite(
    invite_id: uuid.UUID,
    request: Request,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    body: InviteResend | None = None,
) -> InviteDetailOut:
    """Pending or Expired invites only: a fresh link, the old one dead, 7 days again. The
    readiness review applies as when sending (`readiness_override` to send anyway)."""
    now = clock.now()
    sent = await service.resend_invite(
        session,
        principal.agency,
        invite_id,
        now=now,
        base_url=_settings(request).public_base_url,
        secret=_secret(request),
    )
    await _check_readiness(
        request,
        session,
        principal,
        sent.invite,
        ReadinessAction.INVITE_RESEND,
        body.readiness_override if body is not None else None,
        now,
    )
    return await _detail(session, sent.invite, clock)


@staff_router.post("/invites/{invite_id}/cancel", responses=problem_responses(409))
async def cancel_invite(
    invite_id: uuid.UUID, principal: BookWriterDep, session: SessionDep, clock: ClockDep
) -> InviteDetailOut:
    invite = await service.cancel_invite(session, principal.agency.id, invite_id, now=clock.now())
    return await _detail(session, invite, clock)


# ------------------------------------------------------------------- the link (public)


@dataclass(frozen=True)
class InviteThrottle:
    """Unknown tokens tried per client address, counted in Redis: a link cannot be guessed by
    trying many (they carry 256 bits anyway)."""

    redis: Redis
    client: str

    @property
    def _key(self) -> str:
        return f"doorstep:invite-fail:client:{hashlib.sha256(self.client.encode()).hexdigest()}"

    async def check(self) -> None:
        if int(await self.redis.get(self._key) or 0) >= INVITE_FAILURES_PER_CLIENT:
            ttl = int(await self.redis.ttl(self._key))
            raise TooManyRequests(ttl if ttl > 0 else INVITE_FAILURE_WINDOW_SECONDS)

    async def record_failure(self) -> None:
        await count_failure(self.redis, self._key, INVITE_FAILURE_WINDOW_SECONDS)


async def _open_invite(
    request: Request, session: SessionDep, redis: Redis, token: str, clock: ClockDep, *, lock: bool
) -> OnboardingInvite:
    throttle = InviteThrottle(redis, client_address(request))
    await throttle.check()
    invite = await service.find_invite_by_token(session, token, clock.now(), for_update=lock)
    if invite is None:
        await throttle.record_failure()
        raise NotFound("No such invitation. Check the link in your e-mail, or ask your agency.")
    return invite


LinkToken = Annotated[str, Path(min_length=1, max_length=100, description="The link's token.")]
StepPosition = Annotated[int, Path(ge=1, le=30, description="The step (1 = first).")]
_LINK_ERRORS = problem_responses(404, 410, 422, 429)


@public_router.get("/{token}", responses=_LINK_ERRORS)
async def open_invite(
    token: LinkToken, request: Request, session: SessionDep, clock: ClockDep, redis: RedisDep
) -> InviteLinkOut:
    """What the link's page shows; a used, cancelled or expired link is a 410 saying which."""
    invite = await _open_invite(request, session, redis, token, clock, lock=False)
    agency = await session.get_one(Agency, invite.agency_id)
    return InviteLinkOut(
        first_name=invite.first_name,
        last_name=invite.last_name,
        email=invite.email,
        agency_name=agency.name,
        agency_locale=agency.locale,
        agency_timezone=agency.timezone,
        expires_at=invite.expires_at,
    )


@public_router.post("/{token}/accept", responses=_LINK_ERRORS | problem_responses(400, 409))
async def accept_invite(
    token: LinkToken,
    body: InviteAccept,
    request: Request,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    redis: RedisDep,
    tokens: AccessTokensDep,
) -> TokenResponse:
    """Set a password: the portal account is created and signed in. The link works once."""
    invite = await _open_invite(request, session, redis, token, clock, lock=True)
    now = clock.now()
    redeemed = await service.redeem_invite(
        session, invite, body.password, now, language=body.language
    )
    issued = await start_session(
        session,
        tokens,
        Audience.TENANT,
        redeemed.tenant.id,
        redeemed.tenant.agency_id,
        now,
        timedelta(seconds=_settings(request).refresh_token_ttl_seconds),
    )
    return token_response(request, response, Audience.TENANT, issued)


# ------------------------------------------------------------------ the steps (tenant)


@portal_router.get("")
async def my_onboarding(
    principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalOnboardingOut:
    """The signed-in tenant's onboarding steps and progress, as saved on the server."""
    invite = await service.tenant_invite(session, principal.tenant)
    views = (await service.step_views(session, [invite], clock.now()))[invite.id]
    steps = [
        PortalStepOut.from_task(
            view.task,
            view.step,
            done=view.done,
            uploaded_file_name=view.uploaded_file_name,
            position=view.step.position,
            recurring=_recurring_out(
                view.recurring.as_seen_by(principal.tenant.id) if view.recurring else None
            ),
        )
        for view in views
    ]
    remaining = [step.position for step in steps if not step.done]
    return PortalOnboardingOut(
        invite_id=invite.id,
        agency_name=principal.agency.name,
        steps=steps,
        steps_done=len(steps) - len(remaining),
        steps_total=len(steps),
        complete=not remaining,
        next_position=remaining[0] if remaining else None,
    )


_STEP_ERRORS = problem_responses(409)


@portal_router.put("/{invite_id}/steps/{position}/form", status_code=204, responses=_STEP_ERRORS)
async def save_form(
    invite_id: uuid.UUID,
    position: StepPosition,
    body: FormAnswers,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.save_form(
        session, principal.tenant, invite_id, position, body.answers, clock.now()
    )


@portal_router.post("/{invite_id}/steps/{position}/accept", status_code=204, responses=_STEP_ERRORS)
async def accept_text(
    invite_id: uuid.UUID,
    position: StepPosition,
    body: AcceptTerms,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.accept_text(
        session, principal.tenant, invite_id, position, body.text_version, clock.now()
    )


@portal_router.put(
    "/{invite_id}/steps/{position}/document", status_code=204, responses=_STEP_ERRORS
)
async def upload_document(
    invite_id: uuid.UUID,
    position: StepPosition,
    body: DocumentUpload,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.upload_document(
        session,
        principal.tenant,
        invite_id,
        position,
        file_name=body.file_name,
        content_type=body.content_type,
        content_base64=body.content_base64,
        now=clock.now(),
    )

"""Tasks assigned to an existing tenant over HTTP: staff assign, follow and cancel them on the
tenant's page; the tenant does them in the portal with the routes of an invite's steps."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response

from doorstep.auth.dependencies import BookWriterDep, StaffDep, TenantDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import uploaded_file_headers, uploaded_file_openapi
from doorstep.core.errors import problem_responses
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.settings import Settings
from doorstep.onboarding import assignments as service
from doorstep.onboarding.assignment_schemas import AssignmentCreate, AssignmentOut, PortalTaskOut
from doorstep.onboarding.schemas import AcceptTerms, DocumentUpload, FormAnswers, money_out

staff_router = APIRouter(
    prefix="/onboarding/tenants/{tenant_id}/assignments",
    tags=["onboarding"],
    responses=problem_responses(400, 401, 403, 404, 422),
)
portal_router = APIRouter(
    prefix="/portal/tasks", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)

# What an uploaded file is saved as: the extension of what it says it is, else a plain file.
_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_FILE_RESPONSE = uploaded_file_openapi(
    [*_EXTENSIONS, "application/octet-stream"],
    "The file the tenant uploaded (a PDF, an image, or any other file).",
)


def _staff_out(view: service.AssignmentView) -> AssignmentOut:
    assignment = view.assignment
    return AssignmentOut(
        id=assignment.id,
        tenant_id=assignment.tenant_id,
        task_id=view.task.id,
        name=view.task.name,
        kind=view.task.kind,
        status=view.status,
        amount=money_out(assignment.amount, assignment.currency),
        lease_id=assignment.lease_id,
        invoice_id=assignment.invoice_id,
        answers=assignment.answers,
        accepted_text_version=assignment.accepted_text_version,
        completed_at=assignment.completed_at,
        uploaded_file_name=view.uploaded_file_name,
        assigned_at=assignment.created_at,
        cancelled_at=assignment.cancelled_at,
    )


def _portal_out(view: service.AssignmentView) -> PortalTaskOut:
    return PortalTaskOut.from_task(
        view.task,
        view.assignment,
        done=view.status is service.AssignmentStatus.DONE,
        uploaded_file_name=view.uploaded_file_name,
        id=view.assignment.id,
        status=view.status,
        assigned_at=view.assignment.created_at,
    )


# ------------------------------------------------------------------------------ staff


@staff_router.post("", status_code=201, responses=problem_responses(409))
async def assign_task(
    tenant_id: uuid.UUID,
    body: AssignmentCreate,
    request: Request,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> AssignmentOut:
    """Give one of the agency's tasks to a tenant who has a portal account; they are e-mailed a
    link to it. A payment task takes its amount and, when the tenant has several active
    leases, the lease it is invoiced on. 409 with a `code` (`no_portal_account`,
    `portal_access_off`, `tenant_deleted`) when the tenant cannot do tasks in the portal."""
    settings: Settings = request.app.state.settings
    now = clock.now()
    assignment = await service.assign_task(
        session,
        principal.agency,
        principal.user,
        tenant_id,
        task_id=body.task_id,
        amount=body.amount,
        lease_id=body.lease_id,
        now=now,
        base_url=settings.public_base_url,
    )
    return _staff_out((await service.assignment_views(session, [assignment], now))[0])


@staff_router.get("")
async def list_assignments(
    tenant_id: uuid.UUID,
    principal: StaffDep,
    session: SessionDep,
    clock: ClockDep,
    page: PageRequest = Depends(page_request),
) -> Page[AssignmentOut]:
    """The tenant's assigned tasks, newest first, with their progress and answers."""
    views, cursor = await service.list_assignments(
        session, principal.agency.id, tenant_id, now=clock.now(), page=page
    )
    return Page(items=[_staff_out(view) for view in views], next_cursor=cursor)


@staff_router.post("/{assignment_id}/cancel", responses=problem_responses(409))
async def cancel_assignment(
    tenant_id: uuid.UUID,
    assignment_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> AssignmentOut:
    """Take back an open task; a payment task's invoice is voided with it."""
    view = await service.cancel_assignment(
        session, principal.agency, principal.user, tenant_id, assignment_id, clock.now()
    )
    return _staff_out(view)


@staff_router.get(
    "/{assignment_id}/document",
    response_class=Response,
    responses=_FILE_RESPONSE,
)
async def download_assignment_document(
    tenant_id: uuid.UUID, assignment_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> Response:
    """The document the tenant uploaded, always as an attachment that never runs here."""
    upload = await service.assignment_upload(session, principal.agency.id, tenant_id, assignment_id)
    return Response(
        upload.content,
        media_type=upload.content_type
        if upload.content_type in _EXTENSIONS
        else "application/octet-stream",
        headers=uploaded_file_headers(
            upload.file_name,
            extension=_EXTENSIONS.get(upload.content_type, "bin"),
            default_stem="document",
        ),
    )


# ----------------------------------------------------------------------------- tenant


@portal_router.get("")
async def my_tasks(
    principal: TenantDep, session: SessionDep, clock: ClockDep
) -> list[PortalTaskOut]:
    """The signed-in tenant's tasks (open ones first are their "To do"), saved on the server."""
    views = await service.tenant_assignments(session, principal.tenant, clock.now())
    views.sort(key=lambda view: view.status is not service.AssignmentStatus.OPEN)
    return [_portal_out(view) for view in views]


@portal_router.get("/{assignment_id}")
async def my_task(
    assignment_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalTaskOut:
    return _portal_out(
        await service.tenant_assignment(session, principal.tenant, assignment_id, clock.now())
    )


_WRITE_ERRORS = problem_responses(409)


@portal_router.put("/{assignment_id}/form", status_code=204, responses=_WRITE_ERRORS)
async def save_task_form(
    assignment_id: uuid.UUID,
    body: FormAnswers,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.save_form(session, principal.tenant, assignment_id, body.answers, clock.now())


@portal_router.post("/{assignment_id}/accept", status_code=204, responses=_WRITE_ERRORS)
async def accept_task_text(
    assignment_id: uuid.UUID,
    body: AcceptTerms,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.accept_text(
        session, principal.tenant, assignment_id, body.text_version, clock.now()
    )


@portal_router.put("/{assignment_id}/document", status_code=204, responses=_WRITE_ERRORS)
async def upload_task_document(
    assignment_id: uuid.UUID,
    body: DocumentUpload,
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
) -> None:
    await service.upload_document(
        session,
        principal.tenant,
        assignment_id,
        file_name=body.file_name,
        content_type=body.content_type,
        content_base64=body.content_base64,
        now=clock.now(),
    )

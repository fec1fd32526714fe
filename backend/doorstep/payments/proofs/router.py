"""Proofs of bank transfers: tenants upload them, staff confirm (recording the payment) or
reject them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator

from doorstep.auth.dependencies import (
    FinanceWriterDep,
    StaffDep,
    StaffPrincipal,
    TenantDep,
)
from doorstep.billing.allocations import AllocationRequest
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import uploaded_file_headers, uploaded_file_openapi
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.core.schemas import MAX_AMOUNT_MINOR, CalendarDate
from doorstep.payments.proofs import service as proofs
from doorstep.payments.proofs.models import ProofStatus, TransferProof
from doorstep.payments.proofs.schemas import (
    PortalTransferProofOut,
    ProofConfirmation,
    ProofRejection,
    TransferProofOut,
)

staff_router = APIRouter(
    prefix="/transfer-proofs",
    tags=["payments"],
    responses=problem_responses(400, 401, 403, 404, 422),
)
portal_router = APIRouter(
    prefix="/portal/transfer-proofs",
    tags=["portal"],
    responses=problem_responses(400, 401, 404, 422),
)

_FILE_RESPONSE = uploaded_file_openapi(
    proofs.EXTENSIONS, "The file the tenant sent (a PDF or an image)."
)


def _file_response(proof: TransferProof, content: bytes) -> Response:
    # Always an attachment and never sniffed: an uploaded file must not run in our origin.
    return Response(
        content,
        media_type=proof.content_type,
        headers=uploaded_file_headers(
            proof.file_name,
            extension=proofs.EXTENSIONS[proof.content_type],
            default_stem="transfer-proof",
        ),
    )


def _staff_out(view: proofs.ProofView) -> TransferProofOut:
    names = {
        "tenant_name": view.tenant_name,
        "property_name": view.property_name,
        "unit_name": view.unit_name,
        "invoice_number": view.invoice_number,
        "decided_by_name": view.decided_by_name,
    }
    columns = set(TransferProofOut.model_fields) - set(names)
    return TransferProofOut.model_validate(
        {column: getattr(view.proof, column) for column in columns} | names
    )


def _portal_out(view: proofs.ProofView) -> PortalTransferProofOut:
    """The tenant's view: the staff view without what only staff need."""
    return PortalTransferProofOut.model_validate(_staff_out(view).model_dump())


async def _staff_one(
    session: SessionDep, principal: StaffPrincipal, proof_id: uuid.UUID
) -> TransferProofOut:
    proof = await proofs.get_proof(session, principal.agency_id, proof_id)
    (view,) = await proofs.proof_views(session, [proof])
    return _staff_out(view)


def _whole_number(value: object) -> object:
    # A form field is text, and "950.00" must not quietly become 950 cents.
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        raise ValueError("a whole number of minor units (cents), digits only")
    return value


# --------------------------------------------------------------------- tenant


@portal_router.post(
    "",
    status_code=201,
    responses=problem_responses(409, 413),
    response_model=PortalTransferProofOut,
)
async def submit_transfer_proof(
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    lease_id: Annotated[uuid.UUID, Form(description="The lease the transfer was for.")],
    amount: Annotated[
        int,
        BeforeValidator(_whole_number),
        Form(gt=0, le=MAX_AMOUNT_MINOR, description="What you sent, in minor units."),
    ],
    paid_on: Annotated[CalendarDate, Form(description="The day you made the transfer.")],
    reference: Annotated[
        str,
        Form(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="The reference or message you gave the transfer.",
        ),
    ],
    file: Annotated[
        UploadFile,
        File(
            description="The bank's confirmation or a screenshot: PDF, JPEG, PNG, WebP or "
            f"HEIC, at most {proofs.MAX_PROOF_BYTES // 1024 // 1024} MB."
        ),
    ],
    invoice_id: Annotated[
        uuid.UUID | None, Form(description="The invoice it pays, when it is for one.")
    ] = None,
    note: Annotated[
        str | None,
        Form(max_length=1000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"),
    ] = None,
) -> PortalTransferProofOut | JSONResponse:
    """Tell the agency you paid by bank transfer and show it. The agency confirms it when the
    money arrives (you then get a receipt) or tells you why it could not."""
    data = await file.read(proofs.MAX_PROOF_BYTES + 1)
    upload = proofs.ProofUpload(
        lease_id=lease_id,
        invoice_id=invoice_id,
        amount=amount,
        paid_on=paid_on,
        reference=reference.strip(),
        note=note.strip() if note else None,
        file_name=file.filename,
        data=data,
    )

    async def work() -> PortalTransferProofOut:
        proof = await proofs.submit_proof(
            session, principal.agency, principal.tenant, upload, clock.now()
        )
        (view,) = await proofs.proof_views(session, [proof])
        return _portal_out(view)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation="submit_transfer_proof",
        payload={
            "lease_id": str(lease_id),
            "invoice_id": str(invoice_id) if invoice_id else None,
            "amount": amount,
            "paid_on": paid_on.isoformat(),
            "reference": upload.reference,
            "note": upload.note,
            "file_sha256": proofs.file_digest(data),
        },
        work=work,
        status_code=201,
    )


@portal_router.get("")
async def list_my_transfer_proofs(
    principal: TenantDep,
    session: SessionDep,
    status: ProofStatus | None = None,
    invoice_id: Annotated[
        uuid.UUID | None, Query(description="Only the proofs sent for this invoice.")
    ] = None,
    page: PageRequest = Depends(page_request),
) -> Page[PortalTransferProofOut]:
    """The proofs you sent, newest first, with the agency's decision."""
    views, cursor = await proofs.list_tenant_proofs(
        session, principal.tenant, page, status=status, invoice_id=invoice_id
    )
    return Page(items=[_portal_out(v) for v in views], next_cursor=cursor)


@portal_router.get("/{proof_id}")
async def get_my_transfer_proof(
    proof_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> PortalTransferProofOut:
    return _portal_out(await proofs.tenant_proof_view(session, principal.tenant, proof_id))


@portal_router.get("/{proof_id}/file", response_class=Response, responses=_FILE_RESPONSE)
async def get_my_transfer_proof_file(
    proof_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> Response:
    proof, content = await proofs.tenant_proof_file(session, principal.tenant, proof_id)
    return _file_response(proof, content)


@portal_router.post("/{proof_id}/withdraw", responses=problem_responses(409))
async def withdraw_my_transfer_proof(
    proof_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PortalTransferProofOut:
    """Take back a proof sent by mistake, while the agency has not decided on it."""
    proof = await proofs.withdraw_proof(session, principal.tenant, proof_id, clock.now())
    (view,) = await proofs.proof_views(session, [proof])
    return _portal_out(view)


# --------------------------------------------------------------------- staff


@staff_router.get("")
async def list_transfer_proofs(
    principal: StaffDep,
    session: SessionDep,
    status: ProofStatus | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    page: PageRequest = Depends(page_request),
) -> Page[TransferProofOut]:
    """Proofs tenants sent, oldest first; `status=submitted` is the queue to work through."""
    views, cursor = await proofs.list_proofs(
        session,
        principal.agency_id,
        status=status,
        lease_id=lease_id,
        tenant_id=tenant_id,
        page=page,
    )
    return Page(items=[_staff_out(v) for v in views], next_cursor=cursor)


@staff_router.get("/{proof_id}")
async def get_transfer_proof(
    proof_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> TransferProofOut:
    return await _staff_one(session, principal, proof_id)


@staff_router.get("/{proof_id}/file", response_class=Response, responses=_FILE_RESPONSE)
async def get_transfer_proof_file(
    proof_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> Response:
    proof = await proofs.get_proof(session, principal.agency_id, proof_id)
    return _file_response(proof, await proofs.proof_file(session, proof))


@staff_router.post(
    "/{proof_id}/confirm", responses=problem_responses(409), response_model=TransferProofOut
)
async def confirm_transfer_proof(
    proof_id: uuid.UUID,
    body: ProofConfirmation,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> TransferProofOut | JSONResponse:
    """The money arrived: record it as a bank transfer confirmed by you, receipted and mailed
    to the tenant like any payment."""

    async def work() -> TransferProofOut:
        confirmation = proofs.Confirmation(
            amount=body.amount,
            received_on=body.received_on,
            reference=body.reference,
            allocations=None
            if body.allocations is None
            else [AllocationRequest(a.invoice_id, a.amount) for a in body.allocations],
        )
        await proofs.confirm_proof(
            session, principal.agency, principal.user, proof_id, confirmation, clock.now()
        )
        return await _staff_one(session, principal, proof_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"confirm_transfer_proof:{proof_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )


@staff_router.post(
    "/{proof_id}/reject", responses=problem_responses(409), response_model=TransferProofOut
)
async def reject_transfer_proof(
    proof_id: uuid.UUID,
    body: ProofRejection,
    principal: FinanceWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
) -> TransferProofOut | JSONResponse:
    """The money is not there: the tenant is e-mailed why, what is still owed and how to get
    help."""

    async def work() -> TransferProofOut:
        await proofs.reject_proof(
            session, principal.agency, principal.user, proof_id, body.reason, clock.now()
        )
        return await _staff_one(session, principal, proof_id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"reject_transfer_proof:{proof_id}",
        payload=body.model_dump(mode="json"),
        work=work,
    )

"""Documents over HTTP: payment receipts and annual account statements as PDF, and the files
staff publish on a lease, for staff and for tenants (seed 002's documents section)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from doorstep.auth.dependencies import BookWriterDep, StaffDep, TenantDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import attachment, uploaded_file_headers, uploaded_file_openapi
from doorstep.core.errors import problem_responses
from doorstep.core.idempotency import IdempotencyDep
from doorstep.core.pagination import Page, PageRequest, page_request
from doorstep.documents import service as documents
from doorstep.documents.models import DocumentKind, LeaseDocument
from doorstep.documents.receipts import ReceiptData, receipt_data, receipt_pdf
from doorstep.documents.schemas import (
    LeaseDocumentOut,
    PortalDocumentKind,
    PortalDocumentOut,
    StatementYearOut,
)
from doorstep.documents.statements import (
    StatementData,
    statement_data,
    statement_pdf,
    statement_years,
)

PDF = "application/pdf"


class PdfResponse(Response):
    media_type = PDF


_PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The receipt as a PDF document.",
        "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
        "headers": {
            "Content-Disposition": {
                "description": "attachment, with a file name such as receipt-42.pdf",
                "schema": {"type": "string"},
            }
        },
    }
}

staff_router = APIRouter(tags=["payments"], responses=problem_responses(400, 401, 403, 404, 422))
portal_router = APIRouter(
    prefix="/portal", tags=["portal"], responses=problem_responses(400, 401, 404, 422)
)


async def _pdf(data: ReceiptData) -> PdfResponse:
    return PdfResponse(
        await receipt_pdf(data),
        headers={
            "Content-Disposition": attachment(
                data.filename, extension="pdf", default_stem="receipt"
            ),
            "Cache-Control": "private, no-store",
        },
    )


@staff_router.get(
    "/payments/{payment_id}/receipt.pdf",
    response_class=PdfResponse,
    responses=_PDF_RESPONSE,
)
async def get_payment_receipt(
    payment_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> PdfResponse:
    """The payment's receipt as a PDF, in the agency's language, with its allocations as they
    stand now. 404 when the payment has no receipt (it has not succeeded)."""
    data = await receipt_data(session, principal.agency_id, payment_id, clock.now())
    return await _pdf(data)


@portal_router.get(
    "/payments/{payment_id}/receipt.pdf",
    response_class=PdfResponse,
    responses=_PDF_RESPONSE,
)
async def get_my_payment_receipt(
    payment_id: uuid.UUID, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PdfResponse:
    """The receipt of a payment on one of the tenant's leases, as a PDF."""
    data = await receipt_data(
        session, principal.agency.id, payment_id, clock.now(), tenant=principal.tenant
    )
    return await _pdf(data)


# ------------------------------------------------------------------ lease documents

lease_router = APIRouter(
    prefix="/leases/{lease_id}",
    tags=["documents"],
    responses=problem_responses(400, 401, 403, 404, 422),
)

_FILE_RESPONSE = uploaded_file_openapi(documents.EXTENSIONS, "The published file.")
_STATEMENT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The account statement as a PDF document.",
        "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
        "headers": {
            "Content-Disposition": {
                "description": "attachment, with a file name such as account-statement-2026-1A.pdf",
                "schema": {"type": "string"},
            }
        },
    }
}
# A calendar year; anything else is a 422, never a lookup.
Year = Annotated[int, Path(ge=1900, le=2999, description="A calendar year, e.g. 2026.")]


def _file_response(document: LeaseDocument, content: bytes) -> Response:
    return Response(
        content,
        media_type=document.content_type,
        headers=uploaded_file_headers(
            document.file_name,
            extension=documents.EXTENSIONS[document.content_type],
            default_stem="document",
        ),
    )


async def _statement_response(data: StatementData) -> PdfResponse:
    return PdfResponse(
        await statement_pdf(data),
        headers={
            "Content-Disposition": attachment(
                data.filename, extension="pdf", default_stem="account-statement"
            ),
            "Cache-Control": "private, no-store",
        },
    )


def _document_out(view: documents.DocumentView) -> LeaseDocumentOut:
    document = view.document
    return LeaseDocumentOut(
        id=document.id,
        lease_id=document.lease_id,
        kind=document.kind,
        title=document.title,
        year=document.year,
        file_name=document.file_name,
        content_type=document.content_type,
        file_size=document.file_size,
        published_at=document.published_at,
        published_by_name=view.published_by_name,
        withdrawn_at=document.withdrawn_at,
        withdrawn_by_name=view.withdrawn_by_name,
    )


async def _view_of(
    session: SessionDep, agency_id: uuid.UUID, lease_id: uuid.UUID, document_id: uuid.UUID
) -> LeaseDocumentOut:
    views = await documents.lease_documents(session, agency_id, lease_id)
    (view,) = [v for v in views if v.document.id == document_id]
    return _document_out(view)


@lease_router.get("/documents")
async def list_lease_documents(
    lease_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> list[LeaseDocumentOut]:
    """The documents published on the lease, newest first, withdrawn ones included (with who
    withdrew them and when)."""
    views = await documents.lease_documents(session, principal.agency_id, lease_id)
    return [_document_out(view) for view in views]


@lease_router.post(
    "/documents",
    status_code=201,
    responses=problem_responses(409, 413),
    response_model=LeaseDocumentOut,
)
async def publish_lease_document(
    lease_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
    idempotency: IdempotencyDep,
    kind: Annotated[DocumentKind, Form(description="What the document is.")],
    title: Annotated[
        str,
        Form(
            min_length=1,
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$",
            description="What tenants see, e.g. “Condition report at move-in”.",
        ),
    ],
    file: Annotated[
        UploadFile,
        File(
            description=f"A PDF, or a JPEG or PNG image, at most "
            f"{documents.MAX_FILE_BYTES // 1024 // 1024} MB."
        ),
    ],
    # A form sends a field left empty as "": it means the same as leaving it out.
    year: Annotated[
        Annotated[int, Field(ge=1900, le=2999)] | Literal[""] | None,
        Form(description="The year it is about; needed for an expense statement (empty: none)."),
    ] = None,
) -> LeaseDocumentOut | JSONResponse:
    """Publish a file on the lease: every tenant of the lease sees it in their portal at once
    and is e-mailed."""
    data = await file.read(documents.MAX_FILE_BYTES + 1)
    new = documents.NewDocument(
        kind=kind, title=title.strip(), year=year or None, file_name=file.filename, data=data
    )

    async def work() -> LeaseDocumentOut:
        document = await documents.publish_document(
            session, principal.agency, principal.user, lease_id, new, clock.now()
        )
        return await _view_of(session, principal.agency_id, lease_id, document.id)

    return await idempotency.run(
        session,
        scope=principal.request_scope,
        operation=f"publish_lease_document:{lease_id}",
        payload={
            "kind": kind.value,
            "title": new.title,
            "year": new.year,
            "file": documents.file_digest(data),
        },
        work=work,
        status_code=201,
    )


@lease_router.get(
    "/documents/{document_id}/file", response_class=Response, responses=_FILE_RESPONSE
)
async def get_lease_document_file(
    lease_id: uuid.UUID, document_id: uuid.UUID, principal: StaffDep, session: SessionDep
) -> Response:
    document = await documents.get_document(session, principal.agency_id, lease_id, document_id)
    return _file_response(document, await documents.document_content(session, document))


@lease_router.post("/documents/{document_id}/withdraw", responses=problem_responses(409))
async def withdraw_lease_document(
    lease_id: uuid.UUID,
    document_id: uuid.UUID,
    principal: BookWriterDep,
    session: SessionDep,
    clock: ClockDep,
) -> LeaseDocumentOut:
    """Take the document out of the tenants' portal; the record of it, and who withdrew it
    when, stays."""
    await documents.withdraw_document(
        session, principal.agency_id, principal.user, lease_id, document_id, clock.now()
    )
    return await _view_of(session, principal.agency_id, lease_id, document_id)


@lease_router.get("/statements")
async def list_lease_statements(
    lease_id: uuid.UUID, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> list[StatementYearOut]:
    """The years the lease has an account statement for, newest first."""
    await documents.lease_documents(session, principal.agency_id, lease_id)  # 404 if not ours
    years = await statement_years(session, principal.agency, [lease_id], clock.now())
    return [StatementYearOut(year=year) for year in years[lease_id]]


@lease_router.get(
    "/statements/{year}.pdf", response_class=PdfResponse, responses=_STATEMENT_RESPONSE
)
async def get_lease_statement(
    lease_id: uuid.UUID, year: Year, principal: StaffDep, session: SessionDep, clock: ClockDep
) -> PdfResponse:
    """The lease's account statement for the year as a PDF, in the agency's language: every
    invoice, credit note, payment and refund with the opening and closing balance."""
    data = await statement_data(session, principal.agency, lease_id, year, clock.now())
    return await _statement_response(data)


# ------------------------------------------------------------------ tenants


@portal_router.get("/documents")
async def list_my_documents(
    principal: TenantDep,
    session: SessionDep,
    clock: ClockDep,
    lease_id: Annotated[uuid.UUID | None, Query(description="Only this lease's.")] = None,
    kind: Annotated[PortalDocumentKind | None, Query(description="Only this kind.")] = None,
    page: PageRequest = Depends(page_request),
) -> Page[PortalDocumentOut]:
    """Every document of your homes, newest first, a page at a time: what the agency
    published, your receipts and the account statement of each year."""
    lease_ids = [
        lease.id for lease in await documents.tenant_leases(session, principal.tenant, lease_id)
    ]
    years = await statement_years(session, principal.agency, lease_ids, clock.now())
    found = await documents.tenant_documents(
        session,
        principal.agency,
        principal.tenant,
        years,
        clock.now(),
        lease_id=lease_id,
        kind=kind.value if kind else None,
    )
    rows, cursor = documents.page_of_documents(found, page)
    items = [
        PortalDocumentOut(
            kind=PortalDocumentKind(item.kind),
            lease_id=item.lease_id,
            property_name=item.property_name,
            unit_name=item.unit_name,
            date=item.day,
            title=item.title,
            year=item.year,
            document_id=item.document_id,
            content_type=item.content_type,
            file_size=item.file_size,
            payment_id=item.payment_id,
            receipt_number=item.receipt_number,
            amount=item.amount,
            currency=item.currency,
        )
        for item in rows
    ]
    return Page(items=items, next_cursor=cursor)


@portal_router.get(
    "/documents/{document_id}/file", response_class=Response, responses=_FILE_RESPONSE
)
async def get_my_document_file(
    document_id: uuid.UUID, principal: TenantDep, session: SessionDep
) -> Response:
    """A document the agency published on one of your leases."""
    document = await documents.tenant_document(session, principal.tenant, document_id)
    return _file_response(document, await documents.document_content(session, document))


@portal_router.get(
    "/leases/{lease_id}/statements/{year}.pdf",
    response_class=PdfResponse,
    responses=_STATEMENT_RESPONSE,
)
async def get_my_statement(
    lease_id: uuid.UUID, year: Year, principal: TenantDep, session: SessionDep, clock: ClockDep
) -> PdfResponse:
    """The account statement of one of your leases for the year, as a PDF."""
    lease = await documents.tenant_lease(session, principal.tenant, lease_id)
    data = await statement_data(session, principal.agency, lease.id, year, clock.now())
    return await _statement_response(data)

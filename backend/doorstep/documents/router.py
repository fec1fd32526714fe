"""Generated documents over HTTP: payment receipts as PDF, for staff and for tenants."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from doorstep.auth.dependencies import StaffDep, TenantDep
from doorstep.core.deps import ClockDep, SessionDep
from doorstep.core.downloads import attachment
from doorstep.core.errors import problem_responses
from doorstep.documents.receipts import ReceiptData, receipt_data, receipt_pdf

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

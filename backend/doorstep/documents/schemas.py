from __future__ import annotations

import datetime as dt
import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from doorstep.core.schemas import ResponseModel
from doorstep.documents.models import DocumentKind


class PortalDocumentKind(StrEnum):
    """What a line of the tenant's documents is: a kind staff publish, or one generated."""

    SIGNED_LEASE = "signed_lease"
    CONDITION_REPORT_MOVE_IN = "condition_report_move_in"
    CONDITION_REPORT_MOVE_OUT = "condition_report_move_out"
    EXPENSE_STATEMENT = "expense_statement"
    CERTIFICATE = "certificate"
    OTHER = "other"
    RECEIPT = "receipt"
    ACCOUNT_STATEMENT = "account_statement"


class LeaseDocumentOut(ResponseModel):
    """A document published on a lease, as staff see it (withdrawn ones included)."""

    id: uuid.UUID
    lease_id: uuid.UUID
    kind: DocumentKind
    title: str
    year: int | None
    file_name: str
    content_type: str
    file_size: int
    published_at: datetime
    published_by_name: str
    withdrawn_at: datetime | None
    withdrawn_by_name: str | None


class StatementYearOut(ResponseModel):
    year: int = Field(description="A calendar year the lease had a movement in.")


class PortalDocumentOut(ResponseModel):
    """One document of the tenant's, whatever made it. Download it by its kind: a published
    file by `document_id`, a receipt by `payment_id`, an account statement by `lease_id` and
    `year`."""

    kind: PortalDocumentKind
    lease_id: uuid.UUID
    property_name: str
    unit_name: str
    date: dt.date = Field(
        description="When it was published, the payment received, or the statement's last day "
        "(today for this year's)."
    )
    title: str | None = Field(description="A published document's title.")
    year: int | None = Field(description="An expense or account statement's year.")
    document_id: uuid.UUID | None
    content_type: str | None
    file_size: int | None
    payment_id: uuid.UUID | None
    receipt_number: int | None
    amount: int | None = Field(description="A receipt's amount, in minor units.")
    currency: str | None

"""Seed 002: "The documents section centralises all contractual and financial documents:
signed lease, property condition reports, monthly receipts, annual expense statements,
various certificates."

Two sources feed it. Staff publish files on a lease (``LeaseDocument``): every tenant of the
lease sees them at once and is e-mailed; a withdrawn document leaves the portal but stays as a
record of who withdrew it and when. The system generates the rest from the ledger on request:
a receipt per succeeded payment (``documents.receipts``) and an account statement per lease and
calendar year (``documents.statements``). Nothing generated is stored.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PIL import Image
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from doorstep.agencies.models import Agency, StaffUser
from doorstep.core.clock import local_date
from doorstep.core.erasure import Needles, mentions, scrubbed
from doorstep.core.errors import AppError, Conflict, InvalidInput, NotFound
from doorstep.core.names import display_name
from doorstep.core.pagination import PageRequest, decode_values, encode_cursor
from doorstep.core.scoping import get_in_agency
from doorstep.documents.models import DocumentKind, LeaseDocument
from doorstep.leases.models import Lease, LeaseStatus, LeaseTenant
from doorstep.notifications.push import queue_email_and_push
from doorstep.payments.ledger.models import Payment, PaymentStatus, Receipt
from doorstep.properties.models import Property, Unit
from doorstep.tenants.models import Tenant

MAX_FILE_BYTES = 10 * 1024 * 1024
# Files are recognised by their content, never by their name or the client's claimed type.
_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
PDF = "application/pdf"
EXTENSIONS = {PDF: "pdf", "image/jpeg": "jpg", "image/png": "png"}
# The outbox kind; ``documents.emails`` writes it.
PUBLISHED_EMAIL = "lease_document_published"
# Leases whose tenants see their documents (tenants never see drafts; cancelled leases
# never ran).
VISIBLE_LEASES = (LeaseStatus.ACTIVE, LeaseStatus.ENDED)


class DocumentTooLarge(AppError):
    status_code = 413
    slug = "document-too-large"
    title = "The document is too large"


class DocumentAlreadyWithdrawn(Conflict):
    slug = "document-already-withdrawn"
    title = "This document was already withdrawn"


class LeaseCancelled(Conflict):
    slug = "lease-cancelled"
    title = "This lease was cancelled"


def sniff_content_type(data: bytes) -> str | None:
    """What the file is, read from its bytes: a PDF by its header, an image by decoding it
    (Pillow), JPEG or PNG."""
    if data.startswith(b"%PDF-"):
        return PDF
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except Exception:
        # Pillow fails on malformed input in many ways: each is a file we do not take (422).
        return None
    return _IMAGE_TYPES.get(kind or "")


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_file_name(raw: str | None, content_type: str) -> str:
    name = " ".join(re.sub(r"[\x00-\x1f\x7f/\\]", " ", raw or "").split())
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:150] or 'document'}.{EXTENSIONS[content_type]}"


@dataclass(frozen=True)
class NewDocument:
    kind: DocumentKind
    title: str
    year: int | None
    file_name: str | None
    data: bytes


async def publish_document(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    lease_id: uuid.UUID,
    new: NewDocument,
    now: datetime,
) -> LeaseDocument:
    """Staff publish a file on a lease: a PDF, JPEG or PNG (checked by content) of at most
    10 MB. An expense statement names its year. Every tenant of the lease is e-mailed when
    they can see it (the lease is active or ended), in the agency's language."""
    lease = await get_in_agency(session, Lease, lease_id, agency.id, missing="No such lease.")
    if lease.status == LeaseStatus.CANCELLED:
        raise LeaseCancelled("Documents are published on leases that run or ran.")
    if new.kind == DocumentKind.EXPENSE_STATEMENT and new.year is None:
        raise InvalidInput("year", "An expense statement is for a year: give it.")
    if len(new.data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(f"A document is at most {MAX_FILE_BYTES // 1024 // 1024} MB.")
    content_type = sniff_content_type(new.data)
    if content_type is None:
        raise InvalidInput("file", "Send a PDF, or a JPEG or PNG image.")
    document = LeaseDocument(
        agency_id=agency.id,
        lease_id=lease.id,
        kind=new.kind,
        title=new.title,
        year=new.year,
        file_name=clean_file_name(new.file_name, content_type),
        content_type=content_type,
        file_size=len(new.data),
        file_sha256=file_digest(new.data),
        content=new.data,
        published_by_id=staff.id,
        published_at=now,
    )
    session.add(document)
    await session.flush()
    if lease.status in VISIBLE_LEASES:
        for tenant_id in await _reachable_tenants(session, lease.id):
            ref, dedupe_key = (
                f"{document.id}:{tenant_id}",
                f"{PUBLISHED_EMAIL}:{document.id}:{tenant_id}",
            )
            await queue_email_and_push(
                session,
                kind=PUBLISHED_EMAIL,
                ref=ref,
                agency_id=agency.id,
                tenant_id=tenant_id,
                dedupe_key=dedupe_key,
                now=now,
            )
    return document


async def _reachable_tenants(session: AsyncSession, lease_id: uuid.UUID) -> list[uuid.UUID]:
    """The lease's tenants who can still be written to (a deleted customer cannot)."""
    return list(
        await session.scalars(
            select(Tenant.id)
            .join(LeaseTenant, LeaseTenant.tenant_id == Tenant.id)
            .where(LeaseTenant.lease_id == lease_id, Tenant.deleted_at.is_(None))
            .order_by(Tenant.id)
        )
    )


async def withdraw_document(
    session: AsyncSession,
    agency_id: uuid.UUID,
    staff: StaffUser,
    lease_id: uuid.UUID,
    document_id: uuid.UUID,
    now: datetime,
) -> LeaseDocument:
    """The document leaves the tenants' portal at once; who withdrew it and when is kept."""
    document = await get_document(session, agency_id, lease_id, document_id, for_update=True)
    if document.withdrawn_at is not None:
        raise DocumentAlreadyWithdrawn("This document is already withdrawn.")
    document.withdrawn_at = now
    document.withdrawn_by_id = staff.id
    await session.flush()
    return document


async def get_document(
    session: AsyncSession,
    agency_id: uuid.UUID,
    lease_id: uuid.UUID,
    document_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> LeaseDocument:
    statement = select(LeaseDocument).where(
        LeaseDocument.id == document_id,
        LeaseDocument.lease_id == lease_id,
        LeaseDocument.agency_id == agency_id,
    )
    if for_update:
        statement = statement.with_for_update()
    document = await session.scalar(statement)
    if document is None:
        raise NotFound("No such document.")
    return document


@dataclass(frozen=True)
class DocumentView:
    document: LeaseDocument
    published_by_name: str
    withdrawn_by_name: str | None


async def lease_documents(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> list[DocumentView]:
    """A lease's published documents, withdrawn ones included, newest first, with who
    published and withdrew each."""
    await get_in_agency(session, Lease, lease_id, agency_id, missing="No such lease.")
    publisher, withdrawer = aliased(StaffUser), aliased(StaffUser)
    rows = await session.execute(
        select(
            LeaseDocument,
            publisher.first_name,
            publisher.last_name,
            withdrawer.first_name,
            withdrawer.last_name,
        )
        .join(publisher, publisher.id == LeaseDocument.published_by_id)
        .outerjoin(withdrawer, withdrawer.id == LeaseDocument.withdrawn_by_id)
        .where(LeaseDocument.agency_id == agency_id, LeaseDocument.lease_id == lease_id)
        .order_by(LeaseDocument.id.desc())
    )
    return [
        DocumentView(
            document=document,
            published_by_name=display_name(p_first, p_last),
            withdrawn_by_name=display_name(w_first, w_last) if document.withdrawn_by_id else None,
        )
        for document, p_first, p_last, w_first, w_last in rows
    ]


async def document_content(session: AsyncSession, document: LeaseDocument) -> bytes:
    """The file's bytes, read only for a download."""
    content = await session.scalar(
        select(LeaseDocument.content).where(LeaseDocument.id == document.id)
    )
    return content or b""


# ----------------------------------------------------------------------------- tenants


async def tenant_document(
    session: AsyncSession, tenant: Tenant, document_id: uuid.UUID
) -> LeaseDocument:
    """A document the tenant sees: published, not withdrawn, on an active or ended lease
    they are party to. Anything else is not found."""
    document = await session.scalar(
        select(LeaseDocument)
        .join(Lease, Lease.id == LeaseDocument.lease_id)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .where(
            LeaseDocument.id == document_id,
            LeaseDocument.agency_id == tenant.agency_id,
            LeaseDocument.withdrawn_at.is_(None),
            LeaseTenant.tenant_id == tenant.id,
            Lease.status.in_(VISIBLE_LEASES),
        )
    )
    if document is None:
        raise NotFound("No such document.")
    return document


async def tenant_leases(
    session: AsyncSession, tenant: Tenant, lease_id: uuid.UUID | None = None
) -> list[Lease]:
    """The active and ended leases the tenant is party to (only ``lease_id`` when given)."""
    statement = (
        select(Lease)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .where(
            Lease.agency_id == tenant.agency_id,
            LeaseTenant.tenant_id == tenant.id,
            Lease.status.in_(VISIBLE_LEASES),
        )
        .order_by(Lease.start_date.desc(), Lease.id)
    )
    if lease_id is not None:
        statement = statement.where(Lease.id == lease_id)
    return list(await session.scalars(statement))


async def tenant_lease(session: AsyncSession, tenant: Tenant, lease_id: uuid.UUID) -> Lease:
    """An active or ended lease the tenant is party to; anything else is not found."""
    lease = await session.scalar(
        select(Lease)
        .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
        .where(
            Lease.id == lease_id,
            Lease.agency_id == tenant.agency_id,
            LeaseTenant.tenant_id == tenant.id,
            Lease.status.in_(VISIBLE_LEASES),
        )
    )
    if lease is None:
        raise NotFound("No such lease.")
    return lease


@dataclass(frozen=True)
class PortalDocument:
    """One line of the tenant's documents list, whatever made it."""

    kind: str  # a DocumentKind, "receipt" or "account_statement"
    lease_id: uuid.UUID
    property_name: str
    unit_name: str
    day: date
    title: str | None = None
    document_id: uuid.UUID | None = None
    content_type: str | None = None
    file_size: int | None = None
    published_at: datetime | None = None
    year: int | None = None
    payment_id: uuid.UUID | None = None
    receipt_number: int | None = None
    amount: int | None = None
    currency: str | None = None


RECEIPT = "receipt"
ACCOUNT_STATEMENT = "account_statement"


async def tenant_documents(
    session: AsyncSession,
    agency: Agency,
    tenant: Tenant,
    statement_years: dict[uuid.UUID, list[int]],
    now: datetime,
    *,
    lease_id: uuid.UUID | None = None,
    kind: str | None = None,
) -> list[PortalDocument]:
    """Seed 002: every document of the tenant's active and ended leases in one list, newest
    first — what staff published (not withdrawn), the receipt of every succeeded payment on
    the lease (joint tenants share a lease's history) and the account statement of each year
    the lease had activity (``statement_years``, from ``documents.statements``)."""
    leases = {
        lease_id_: (property_name, unit_name)
        for lease_id_, property_name, unit_name in await session.execute(
            select(Lease.id, Property.name, Unit.name)
            .join(LeaseTenant, LeaseTenant.lease_id == Lease.id)
            .join(Unit, Unit.id == Lease.unit_id)
            .join(Property, Property.id == Unit.property_id)
            .where(
                Lease.agency_id == agency.id,
                LeaseTenant.tenant_id == tenant.id,
                Lease.status.in_(VISIBLE_LEASES),
            )
        )
    }
    if lease_id is not None:
        leases = {k: v for k, v in leases.items() if k == lease_id}
    if not leases:
        return []
    found: list[PortalDocument] = []
    if kind is None or kind in DocumentKind.__members__.values():
        statement = select(LeaseDocument).where(
            LeaseDocument.agency_id == agency.id,
            LeaseDocument.lease_id.in_(leases),
            LeaseDocument.withdrawn_at.is_(None),
        )
        if kind is not None:
            statement = statement.where(LeaseDocument.kind == DocumentKind(kind))
        for document in await session.scalars(statement):
            found.append(
                PortalDocument(
                    kind=document.kind.value,
                    lease_id=document.lease_id,
                    property_name=leases[document.lease_id][0],
                    unit_name=leases[document.lease_id][1],
                    day=local_date(document.published_at, agency.timezone),
                    title=document.title,
                    document_id=document.id,
                    content_type=document.content_type,
                    file_size=document.file_size,
                    published_at=document.published_at,
                    year=document.year,
                )
            )
    if kind in (None, RECEIPT):
        rows = await session.execute(
            select(
                Payment.id,
                Payment.lease_id,
                Payment.amount,
                Payment.currency,
                Payment.received_on,
                Payment.succeeded_at,
                Receipt.number,
                Receipt.issued_at,
            )
            .join(Receipt, Receipt.payment_id == Payment.id)
            .where(
                Payment.agency_id == agency.id,
                Payment.lease_id.in_(leases),
                Payment.status == PaymentStatus.SUCCEEDED,
            )
        )
        for (
            payment_id,
            lease_of,
            amount,
            currency,
            received_on,
            succeeded_at,
            number,
            issued,
        ) in rows:
            found.append(
                PortalDocument(
                    kind=RECEIPT,
                    lease_id=lease_of,
                    property_name=leases[lease_of][0],
                    unit_name=leases[lease_of][1],
                    day=received_on or local_date(succeeded_at or issued, agency.timezone),
                    payment_id=payment_id,
                    receipt_number=number,
                    amount=amount,
                    currency=currency,
                )
            )
    if kind in (None, ACCOUNT_STATEMENT):
        today = local_date(now, agency.timezone)
        for lease_of, (property_name, unit_name) in leases.items():
            for year in statement_years.get(lease_of, []):
                found.append(
                    PortalDocument(
                        kind=ACCOUNT_STATEMENT,
                        lease_id=lease_of,
                        property_name=property_name,
                        unit_name=unit_name,
                        day=min(date(year, 12, 31), today),
                        year=year,
                    )
                )
    found.sort(key=_newest_first)
    return found


# The sort key of a line, as a cursor carries it (``_newest_first``'s four values).
_KEY_PARSERS = (int, int, float, str)


def page_of_documents(
    found: Sequence[PortalDocument], page: PageRequest
) -> tuple[list[PortalDocument], str | None]:
    """A keyset page of the merged list (sorted by ``_newest_first``): the lines after the
    cursor's, and the cursor after the last one when more follow. The three kinds come from
    three sources merged here, so the cursor is the merged order's own key, not one table's;
    a line added or removed meanwhile neither repeats nor skips another."""
    after = found
    if page.cursor:
        key = tuple(decode_values(page.cursor, _KEY_PARSERS))
        after = [item for item in found if _newest_first(item) > key]
    rows = list(after[: page.limit])
    if len(after) <= page.limit:
        return rows, None
    return rows, encode_cursor(list(_newest_first(rows[-1])))


def _newest_first(item: PortalDocument) -> tuple[int, int, float, str]:
    # Newest day first. On one day, what staff published comes first (a file is news: "made
    # instantly available"), then the receipts, then the year's account statement, which is
    # dated today for as long as the year runs; within a kind, the later first.
    if item.published_at is not None:
        rank, later = 0, item.published_at.timestamp()
    elif item.receipt_number is not None:
        rank, later = 1, float(item.receipt_number)
    else:
        rank, later = 2, float(item.year or 0)
    ident = str(item.document_id or item.payment_id or item.lease_id)
    return (-item.day.toordinal(), rank, -later, ident)


async def forget_tenant(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID, needles: Needles
) -> int:
    """Seed 001, deleting a customer: the documents published on their leases stay with the
    lease, as incidents stay with the home — they are the agency's records of the tenancy
    (the signed lease, condition reports, statements), not the person's own uploads, and the
    lease's other tenants keep seeing them. Their titles are staff's free text and may name
    the person: those are rewritten in place. Returns how many titles were rewritten."""
    leases = select(LeaseTenant.lease_id).where(LeaseTenant.tenant_id == tenant_id)
    result = await session.execute(
        update(LeaseDocument)
        .where(
            LeaseDocument.agency_id == agency_id,
            LeaseDocument.lease_id.in_(leases),
            mentions(LeaseDocument.title, needles),
        )
        .values(title=scrubbed(LeaseDocument.title, needles))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""Proof of a bank transfer: the tenant uploads it, staff confirm or reject it.

A proof is the tenant's word, not money. Only a staff member who has seen the transfer arrive
confirms it, which records the off-platform payment (and so its receipt) with them as the
confirming user (seed 000: "if payment happens outside the platform, record it manually after
confirmation"). A rejection tells the tenant why, what is still owed and how to get help.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffUser
from doorstep.agencies.service import get_trust_account
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.ledger import invoice_amounts
from doorstep.billing.models import Invoice, InvoiceStatus
from doorstep.billing.service import tenant_invoice
from doorstep.core.clock import local_date
from doorstep.core.errors import AppError, Conflict, InvalidInput, NotFound
from doorstep.core.pagination import PageRequest, paginate
from doorstep.core.scoping import get_in_agency
from doorstep.leases.models import Lease
from doorstep.notifications.push import queue_email_and_push
from doorstep.notifications.service import queue_composed
from doorstep.payments.ledger.models import PaymentMethod
from doorstep.payments.ledger.service import (
    lease_places,
    record_offline_payment,
    tenant_payable_leases,
)
from doorstep.payments.proofs.models import ProofStatus, TransferProof, TransferProofFile
from doorstep.tenants.models import Tenant

MAX_PROOF_BYTES = 10 * 1024 * 1024
# The outbox kinds of the e-mails telling a tenant their proof was received, confirmed or
# rejected (and why); ``collections.emails`` writes them.
RECEIVED_EMAIL = "transfer_proof_received"
CONFIRMED_EMAIL = "transfer_proof_confirmed"
REJECTION_EMAIL = "transfer_proof_rejected"

# What a proof may be, told by the file's first bytes (never by its name or the client's
# claimed type): a PDF, or a photo or screenshot of the transfer.
_SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("application/pdf", re.compile(rb"%PDF-")),
    ("image/png", re.compile(rb"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", re.compile(rb"\xff\xd8\xff")),
    ("image/webp", re.compile(rb"RIFF....WEBP", re.DOTALL)),
    ("image/heic", re.compile(rb"....ftyp(heic|heix|mif1|msf1)", re.DOTALL)),
)
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/heic": "heic",
}


class ProofTooLarge(AppError):
    status_code = 413
    slug = "proof-too-large"
    title = "The file is too large"


class ProofAlreadySubmitted(Conflict):
    slug = "proof-already-submitted"
    title = "This file was already sent"


class ProofAlreadyDecided(Conflict):
    slug = "proof-already-decided"
    title = "This proof was already dealt with"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_content_type(data: bytes) -> str | None:
    for content_type, signature in _SIGNATURES:
        if signature.match(data):
            return content_type
    return None


def clean_file_name(raw: str | None, content_type: str) -> str:
    """The name shown and offered on download: no control characters or path, the extension
    of what the file really is."""
    name = " ".join(re.sub(r"[\x00-\x1f\x7f/\\]", " ", raw or "").split())
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem[:150] or "transfer-proof"
    return f"{stem}.{EXTENSIONS[content_type]}"


@dataclass(frozen=True)
class ProofUpload:
    lease_id: uuid.UUID
    invoice_id: uuid.UUID | None
    amount: int
    paid_on: date
    reference: str
    note: str | None
    file_name: str | None
    data: bytes


async def submit_proof(
    session: AsyncSession, agency: Agency, tenant: Tenant, upload: ProofUpload, now: datetime
) -> TransferProof:
    """A tenant says they paid by transfer and shows it. The proof is for one of their own
    leases (seed 000: the intended lease, never another), optionally one open invoice of it;
    the file is a PDF or an image, checked by content, at most 10 MB."""
    leases = {lease.id: lease for lease in await tenant_payable_leases(session, tenant)}
    lease = leases.get(upload.lease_id)
    if lease is None:
        raise InvalidInput("lease_id", "This is not one of your leases.")
    if upload.invoice_id is not None:
        await _check_invoice(session, tenant, lease, upload.invoice_id)
    if upload.paid_on > local_date(now, agency.timezone):
        raise InvalidInput("paid_on", "A transfer cannot be made in the future.")
    if len(upload.data) > MAX_PROOF_BYTES:
        raise ProofTooLarge(f"A proof is at most {MAX_PROOF_BYTES // 1024 // 1024} MB.")
    content_type = sniff_content_type(upload.data)
    if content_type is None:
        raise InvalidInput("file", "Send a PDF or a photo (JPEG, PNG, WebP or HEIC).")
    digest = file_digest(upload.data)
    proof = TransferProof(
        agency_id=agency.id,
        lease_id=lease.id,
        tenant_id=tenant.id,
        invoice_id=upload.invoice_id,
        status=ProofStatus.SUBMITTED,
        amount=upload.amount,
        currency=lease.rent_currency,
        paid_on=upload.paid_on,
        reference=upload.reference,
        note=upload.note or None,
        file_name=clean_file_name(upload.file_name, content_type),
        content_type=content_type,
        file_size=len(upload.data),
        file_sha256=digest,
    )
    try:
        async with session.begin_nested():
            session.add(proof)
            await session.flush()
    except IntegrityError as error:
        if "uq_transfer_proofs_tenant_id_file_sha256_live" not in str(error.orig):
            raise
        raise ProofAlreadySubmitted(
            "You already sent this file; it is waiting for the agency or was accepted."
        ) from None
    session.add(TransferProofFile(proof_id=proof.id, content=upload.data))
    await session.flush()
    # Seed 000: the tenant hears that the agency has it and what happens next.
    await queue_composed(
        session,
        kind=RECEIVED_EMAIL,
        ref=str(proof.id),
        agency_id=agency.id,
        dedupe_key=f"transfer-proof-received:{proof.id}",
        now=now,
    )
    return proof


async def _check_invoice(
    session: AsyncSession, tenant: Tenant, lease: Lease, invoice_id: uuid.UUID
) -> None:
    try:
        invoice = await tenant_invoice(session, tenant, invoice_id)
    except NotFound:
        raise InvalidInput("invoice_id", "This is not one of your open invoices.") from None
    if invoice.lease_id != lease.id:
        raise InvalidInput("invoice_id", "This invoice is for another lease.")
    if (await invoice_amounts(session, [invoice.id]))[invoice.id].outstanding <= 0:
        raise InvalidInput("invoice_id", "This invoice is already paid.")


async def withdraw_proof(
    session: AsyncSession, tenant: Tenant, proof_id: uuid.UUID, now: datetime
) -> TransferProof:
    """A tenant takes back a proof sent by mistake, as long as nobody has decided on it."""
    proof = await _tenant_proof(session, tenant, proof_id, for_update=True)
    _require_submitted(proof)
    proof.status = ProofStatus.WITHDRAWN
    proof.decided_at = now
    await session.flush()
    return proof


def _require_submitted(proof: TransferProof) -> None:
    if proof.status is not ProofStatus.SUBMITTED:
        raise ProofAlreadyDecided(f"This proof is already {proof.status.value}.")


@dataclass(frozen=True)
class Confirmation:
    """What staff saw arrive; each field left out is taken from the tenant's proof."""

    amount: int | None = None
    received_on: date | None = None
    reference: str | None = None
    allocations: Sequence[AllocationRequest] | None = None


async def confirm_proof(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    proof_id: uuid.UUID,
    confirmation: Confirmation,
    now: datetime,
) -> TransferProof:
    """The money is in the trust account: record it as a bank transfer confirmed by this staff
    member, receipted and mailed like any payment. Allocation follows the trust account's
    rule; otherwise staff choose, and by default the invoice the tenant named is settled."""
    proof = await get_proof(session, agency.id, proof_id, for_update=True)
    _require_submitted(proof)
    allocations = confirmation.allocations
    amount = confirmation.amount or proof.amount
    if allocations is None and proof.invoice_id is not None:
        trust_account = await get_trust_account(session, agency.id)
        if not trust_account.receipt_oldest_invoice_first:
            allocations = await _default_allocation(session, proof.invoice_id, amount)
    payment = (
        await record_offline_payment(
            session,
            agency,
            staff,
            lease_id=proof.lease_id,
            tenant_id=proof.tenant_id,
            amount=amount,
            currency=proof.currency,
            method=PaymentMethod.BANK_TRANSFER,
            received_on=confirmation.received_on or proof.paid_on,
            reference=confirmation.reference or proof.reference,
            allocations=allocations,
            now=now,
        )
    ).payment
    proof.status = ProofStatus.CONFIRMED
    proof.payment_id = payment.id
    proof.decided_by_id = staff.id
    proof.decided_at = now
    await session.flush()
    await queue_composed(
        session,
        kind=CONFIRMED_EMAIL,
        ref=str(proof.id),
        agency_id=agency.id,
        dedupe_key=f"transfer-proof-confirmed:{proof.id}",
        now=now,
    )
    return proof


async def _default_allocation(
    session: AsyncSession, invoice_id: uuid.UUID, amount: int
) -> list[AllocationRequest]:
    invoice = await session.get(Invoice, invoice_id)
    if invoice is None or invoice.status is not InvoiceStatus.OPEN:
        return []
    outstanding = (await invoice_amounts(session, [invoice_id]))[invoice_id].outstanding
    portion = min(amount, outstanding)
    return [AllocationRequest(invoice_id, portion)] if portion > 0 else []


async def reject_proof(
    session: AsyncSession,
    agency: Agency,
    staff: StaffUser,
    proof_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> TransferProof:
    """The money is not there (or not as described). The tenant is told why, in the
    agency's language, with what is still owed and how to ask for help (seed 000)."""
    proof = await get_proof(session, agency.id, proof_id, for_update=True)
    _require_submitted(proof)
    proof.status = ProofStatus.REJECTED
    proof.rejection_reason = reason
    proof.decided_by_id = staff.id
    proof.decided_at = now
    await session.flush()
    # The tenant is told why, and their devices that there is something to read;
    # ``collections.emails`` words both (the outbox asks it).
    dedupe_key = f"transfer-proof-rejected:{proof.id}"
    await queue_email_and_push(
        session,
        kind=REJECTION_EMAIL,
        ref=str(proof.id),
        agency_id=agency.id,
        tenant_id=proof.tenant_id,
        dedupe_key=dedupe_key,
        now=now,
    )
    return proof


async def get_proof(
    session: AsyncSession, agency_id: uuid.UUID, proof_id: uuid.UUID, *, for_update: bool = False
) -> TransferProof:
    return await get_in_agency(
        session, TransferProof, proof_id, agency_id, missing="No such proof.", for_update=for_update
    )


async def _tenant_proof(
    session: AsyncSession, tenant: Tenant, proof_id: uuid.UUID, *, for_update: bool = False
) -> TransferProof:
    """A proof the tenant sent themselves. Joint tenants do not see each other's: a bank
    statement shows more than the transfer."""
    statement = select(TransferProof).where(
        TransferProof.id == proof_id,
        TransferProof.agency_id == tenant.agency_id,
        TransferProof.tenant_id == tenant.id,
    )
    if for_update:
        statement = statement.with_for_update()
    proof = await session.scalar(statement)
    if proof is None:
        raise NotFound("No such proof.")
    return proof


@dataclass(frozen=True)
class ProofView:
    proof: TransferProof
    tenant_name: str
    property_name: str
    unit_name: str
    invoice_number: int | None
    decided_by_name: str | None


async def list_proofs(
    session: AsyncSession,
    agency_id: uuid.UUID,
    *,
    status: ProofStatus | None = None,
    lease_id: uuid.UUID | None = None,
    tenant_id: uuid.UUID | None = None,
    page: PageRequest,
) -> tuple[list[ProofView], str | None]:
    """Proofs, oldest first: the review queue is worked from the top."""
    statement = select(TransferProof).where(TransferProof.agency_id == agency_id)
    for column, value in (
        (TransferProof.status, status),
        (TransferProof.lease_id, lease_id),
        (TransferProof.tenant_id, tenant_id),
    ):
        if value is not None:
            statement = statement.where(column == value)
    found, cursor = await paginate(session, statement, (TransferProof.id,), page)
    return await proof_views(session, found), cursor


async def list_tenant_proofs(
    session: AsyncSession,
    tenant: Tenant,
    page: PageRequest,
    *,
    status: ProofStatus | None = None,
    invoice_id: uuid.UUID | None = None,
) -> tuple[list[ProofView], str | None]:
    """The tenant's own proofs, newest first."""
    statement = select(TransferProof).where(
        TransferProof.agency_id == tenant.agency_id, TransferProof.tenant_id == tenant.id
    )
    for column, value in ((TransferProof.status, status), (TransferProof.invoice_id, invoice_id)):
        if value is not None:
            statement = statement.where(column == value)
    found, cursor = await paginate(session, statement, (TransferProof.id,), page, descending=True)
    return await proof_views(session, found), cursor


async def tenant_proof_view(
    session: AsyncSession, tenant: Tenant, proof_id: uuid.UUID
) -> ProofView:
    (view,) = await proof_views(session, [await _tenant_proof(session, tenant, proof_id)])
    return view


async def proof_views(session: AsyncSession, found: Sequence[TransferProof]) -> list[ProofView]:
    """Proofs with the names their screens show (the tenant, the lease's unit and property,
    the invoice, who decided), in four queries for any count."""
    if not found:
        return []
    tenants = {
        tenant_id: f"{first} {last}"
        for tenant_id, first, last in await session.execute(
            select(Tenant.id, Tenant.first_name, Tenant.last_name).where(
                Tenant.id.in_({p.tenant_id for p in found})
            )
        )
    }
    places = await lease_places(session, {p.lease_id for p in found})
    invoice_ids = {p.invoice_id for p in found if p.invoice_id}
    numbers: dict[uuid.UUID, int | None] = {}
    if invoice_ids:
        numbers = {
            invoice_id: number
            for invoice_id, number in await session.execute(
                select(Invoice.id, Invoice.number).where(Invoice.id.in_(invoice_ids))
            )
        }
    staff_ids = {p.decided_by_id for p in found if p.decided_by_id}
    staff: dict[uuid.UUID, str] = {}
    if staff_ids:
        staff = {
            staff_id: f"{first} {last}"
            for staff_id, first, last in await session.execute(
                select(StaffUser.id, StaffUser.first_name, StaffUser.last_name).where(
                    StaffUser.id.in_(staff_ids)
                )
            )
        }
    return [
        ProofView(
            proof=proof,
            tenant_name=tenants[proof.tenant_id],
            property_name=places[proof.lease_id][0],
            unit_name=places[proof.lease_id][1],
            invoice_number=numbers.get(proof.invoice_id) if proof.invoice_id else None,
            decided_by_name=staff.get(proof.decided_by_id) if proof.decided_by_id else None,
        )
        for proof in found
    ]


async def proof_file(session: AsyncSession, proof: TransferProof) -> bytes:
    return (
        await session.scalar(
            select(TransferProofFile.content).where(TransferProofFile.proof_id == proof.id)
        )
        or b""
    )


async def tenant_proof_file(
    session: AsyncSession, tenant: Tenant, proof_id: uuid.UUID
) -> tuple[TransferProof, bytes]:
    proof = await _tenant_proof(session, tenant, proof_id)
    return proof, await proof_file(session, proof)


async def forget_tenant_proofs(
    session: AsyncSession, agency_id: uuid.UUID, tenant_id: uuid.UUID
) -> int:
    """Seed 001, deleting a customer: their proofs of transfer go, files and all (the bytes
    live in ``transfer_proof_files``, deleted with the proof). A proof is the tenant's
    evidence, not money: a confirmed one already became a recorded payment (with the staff
    member who confirmed it), which stays in the books."""
    result = await session.execute(
        delete(TransferProof).where(
            TransferProof.agency_id == agency_id, TransferProof.tenant_id == tenant_id
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

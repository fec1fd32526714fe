"""How a tenant pays a lease by bank transfer: the agency's trust account (beneficiary, IBAN,
BIC or a domestic account number) and the lease's structured payment reference. The portal's
screens show them; e-mails asking for money can reuse the same reader."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.service import get_trust_account
from doorstep.collections.references import lease_payment_reference
from doorstep.core.errors import NotFound
from doorstep.leases.models import Lease


@dataclass(frozen=True, slots=True)
class PaymentInstructions:
    beneficiary: str
    iban: str | None
    bic: str | None
    account_number: str | None
    # The ISO 11649 creditor reference, compact (``RF47123456789012``).
    reference: str

    @property
    def has_bank_account(self) -> bool:
        return bool(self.iban or self.account_number)


async def payment_instructions(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> PaymentInstructions:
    """The bank details a tenant quotes to pay this lease by transfer: the agency's trust
    account and the lease's reference (derived from the lease, so every lease has one). The
    lease is looked up within the agency: another agency's lease is not found."""
    found = await session.scalar(
        select(Lease.id).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if found is None:
        raise NotFound("No such lease.")
    account = await get_trust_account(session, agency_id)
    return PaymentInstructions(
        beneficiary=account.name,
        iban=account.iban,
        bic=account.bic,
        account_number=account.account_number,
        reference=lease_payment_reference(found),
    )

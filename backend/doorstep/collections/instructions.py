"""How a tenant pays a lease by bank transfer: the agency's trust account and the lease's
structured payment reference (seed 000: "what is needed, amount, due date, and how to pay").

Every message that asks for money shows these, so a tenant can pay without signing in anywhere.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import TrustAccount
from doorstep.collections.references import display_reference, lease_payment_reference
from doorstep.core.errors import NotFound
from doorstep.leases.models import Lease


@dataclass(frozen=True)
class PaymentInstructions:
    """The beneficiary (the trust account's holder), its IBAN and BIC (or a domestic account
    number where IBAN is not used) and the lease's ISO 11649 reference."""

    beneficiary: str
    iban: str | None
    bic: str | None
    account_number: str | None
    reference: str  # compact: RF471234567890

    @property
    def display_iban(self) -> str | None:
        return display_reference(self.iban) if self.iban else None

    @property
    def display_reference(self) -> str:
        return display_reference(self.reference)


async def payment_instructions(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> PaymentInstructions | None:
    """The lease's bank-transfer instructions, or None while the agency has given no account
    to pay into (then no message may pretend otherwise). The lease must be the agency's."""
    lease_found = await session.scalar(
        select(Lease.id).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if lease_found is None:
        raise NotFound("No such lease.")
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency_id))
    if account is None or not (account.iban or account.account_number):
        return None
    return PaymentInstructions(
        beneficiary=account.name,
        iban=account.iban,
        bic=account.bic if account.iban else None,
        account_number=None if account.iban else account.account_number,
        reference=lease_payment_reference(lease_id),
    )

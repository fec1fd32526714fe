"""How a tenant pays a lease by bank transfer: the agency's trust account (beneficiary, IBAN and
BIC, or a domestic account number where IBAN is not used) and the lease's structured payment
reference (seed 000: "what is needed, amount, due date, and how to pay").

The portal's screens show them (:func:`transfer_details`); every message that asks for money
shows them too (:func:`payment_instructions`), so a tenant can pay without signing in anywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import TrustAccount
from doorstep.collections.references import display_reference, lease_payment_reference
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

    @property
    def display_iban(self) -> str | None:
        return display_reference(self.iban) if self.iban else None

    @property
    def display_reference(self) -> str:
        return display_reference(self.reference)


async def _details(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> PaymentInstructions | None:
    """None when the agency has no trust account; another agency's lease is not found."""
    found = await session.scalar(
        select(Lease.id).where(Lease.id == lease_id, Lease.agency_id == agency_id)
    )
    if found is None:
        raise NotFound("No such lease.")
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency_id))
    if account is None:
        return None
    return PaymentInstructions(
        beneficiary=account.name,
        iban=account.iban,
        bic=account.bic if account.iban else None,
        account_number=None if account.iban else account.account_number,
        reference=lease_payment_reference(found),
    )


async def transfer_details(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> PaymentInstructions:
    """The bank details a tenant quotes to pay this lease by transfer, with or without an
    account given yet (the reference is derived from the lease, so every lease has one)."""
    details = await _details(session, agency_id, lease_id)
    if details is None:
        raise NotFound("This agency has no trust account.")
    return details


async def leases_transfer_details(
    session: AsyncSession, agency_id: uuid.UUID, lease_ids: list[uuid.UUID]
) -> list[PaymentInstructions]:
    """``transfer_details`` for many of one agency's leases, in their order, with one query (the
    agency's account; each reference is derived from the lease's id); none while the agency has
    no trust account. The caller vouches that the leases are the agency's (it selected them
    scoped by agency)."""
    if not lease_ids:
        return []
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency_id))
    if account is None:
        return []
    return [
        PaymentInstructions(
            beneficiary=account.name,
            iban=account.iban,
            bic=account.bic if account.iban else None,
            account_number=None if account.iban else account.account_number,
            reference=lease_payment_reference(lease_id),
        )
        for lease_id in lease_ids
    ]


async def payment_instructions(
    session: AsyncSession, agency_id: uuid.UUID, lease_id: uuid.UUID
) -> PaymentInstructions | None:
    """The lease's bank-transfer instructions for a message, or None while the agency has given
    no account to pay into (then no message may pretend otherwise)."""
    details = await _details(session, agency_id, lease_id)
    return details if details is not None and details.has_bank_account else None


async def lease_instructions(
    session: AsyncSession, agency_id: uuid.UUID
) -> Callable[[uuid.UUID], PaymentInstructions | None]:
    """``payment_instructions`` for many of one agency's leases, with one query: the agency's
    account is read once and each lease's reference derived from its id. The caller vouches
    that the leases are the agency's (it selected them scoped by agency)."""
    account = await session.scalar(select(TrustAccount).where(TrustAccount.agency_id == agency_id))

    def for_lease(lease_id: uuid.UUID) -> PaymentInstructions | None:
        if account is None or not (account.iban or account.account_number):
            return None
        return PaymentInstructions(
            beneficiary=account.name,
            iban=account.iban,
            bic=account.bic if account.iban else None,
            account_number=None if account.iban else account.account_number,
            reference=lease_payment_reference(lease_id),
        )

    return for_lease

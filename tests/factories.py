"""Builders for test data, written straight through the services (fast, and always valid)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.agencies.schemas import AgencyCreate, TrustAccountUpdate
from doorstep.agencies.service import create_agency, update_trust_account
from doorstep.agencies.settings import read_settings
from doorstep.audit.models import Approval
from doorstep.auth.service import start_session
from doorstep.billing.allocations import AllocationRequest
from doorstep.billing.models import CreditNoteKind, Invoice, InvoiceKind
from doorstep.billing.service import NewLine, create_invoice, issue_credit_note
from doorstep.core.clock import FixedClock
from doorstep.core.money import MoneyIn
from doorstep.core.security import AccessTokens, Audience, hash_password
from doorstep.leases.models import Lease, RentFrequency
from doorstep.leases.schemas import LeaseCreate
from doorstep.leases.service import activate_lease, create_lease
from doorstep.payments.ledger.models import Payment, PaymentMethod
from doorstep.payments.ledger.service import record_offline_payment
from doorstep.payments.proofs.models import TransferProof
from doorstep.payments.proofs.service import ProofUpload, submit_proof
from doorstep.properties.models import Property, Unit
from doorstep.properties.schemas import PropertyCreate, UnitCreate
from doorstep.properties.service import create_property, create_unit
from doorstep.tenants.models import Tenant

PASSWORD = "correct horse battery staple"


@cache
def password_hash() -> str:
    # Hashing is deliberately slow; one hash serves every account a test run creates.
    return hash_password(PASSWORD)


@dataclass
class Factory:
    session: AsyncSession
    tokens: AccessTokens
    clock: FixedClock

    async def agency(self, name: str = "Acme Lettings", currency: str = "EUR") -> Agency:
        return await create_agency(
            self.session,
            AgencyCreate(
                name=name,
                country="BE",
                currency=currency,
                locale="en-BE",
                timezone="Europe/Brussels",
            ),
        )

    async def bank_details(self, agency: Agency) -> None:
        """Bank-transfer details on the agency's trust account: tenants can pay by transfer."""
        await update_trust_account(
            self.session,
            agency.id,
            TrustAccountUpdate(iban="BE68539007547034", bic="GKCCBEBB"),
        )

    async def staff(self, agency: Agency, role: StaffRole = StaffRole.OWNER) -> StaffUser:
        user = StaffUser(
            agency_id=agency.id,
            email=f"{role.value}-{uuid.uuid4().hex[:8]}@example.com",
            first_name=role.value.title(),
            last_name="Tester",
            role=role,
            password_hash=password_hash(),
        )
        self.session.add(user)
        await self.session.flush()
        return user

    async def tenant(
        self, agency: Agency, *, portal: bool = True, first_name: str = "Tara"
    ) -> Tenant:
        tenant = Tenant(
            agency_id=agency.id,
            first_name=first_name,
            last_name="Tenant",
            email=f"tenant-{uuid.uuid4().hex[:8]}@example.com",
            phone="+32470123456",
            password_hash=password_hash() if portal else None,
        )
        self.session.add(tenant)
        await self.session.flush()
        return tenant

    async def property(self, agency: Agency, name: str = "Residence Louise") -> Property:
        return await create_property(
            self.session,
            agency.id,
            PropertyCreate(
                name=name,
                address_line1="Avenue Louise 120",
                city="Brussels",
                postal_code="1050",
                country="BE",
            ),
        )

    async def unit(self, agency: Agency, prop: Property | None = None, name: str = "1A") -> Unit:
        prop = prop or await self.property(agency)
        return await create_unit(
            self.session, agency.id, UnitCreate(property_id=prop.id, name=name)
        )

    async def lease(
        self,
        agency: Agency,
        tenants: list[Tenant],
        *,
        unit: Unit | None = None,
        start: date | None = None,
        end: date | None = None,
        rent: int = 95_000,
        frequency: RentFrequency = RentFrequency.MONTHLY,
        due_day: int = 1,
        active: bool = True,
    ) -> Lease:
        unit = unit or await self.unit(agency)
        lease = await create_lease(
            self.session,
            agency,
            LeaseCreate(
                unit_id=unit.id,
                tenant_ids=[t.id for t in tenants],
                start_date=start or self.clock.now().date() - timedelta(days=60),
                end_date=end,
                rent=MoneyIn(amount=rent, currency=agency.currency),
                frequency=frequency,
                due_day=due_day,
            ),
        )
        if active:
            await activate_lease(self.session, agency, lease.id, self.clock.now())
        return lease

    async def headers(self, who: StaffUser | Tenant) -> dict[str, str]:
        """Bearer headers for a freshly started login session of ``who``."""
        audience = Audience.STAFF if isinstance(who, StaffUser) else Audience.TENANT
        issued = await start_session(
            self.session,
            self.tokens,
            audience,
            who.id,
            who.agency_id,
            self.clock.now(),
            timedelta(days=30),
        )
        return {"Authorization": f"Bearer {issued.access_token}"}

    async def invoice(
        self, agency: Agency, lease: Lease, staff: StaffUser, *, amount: int = 10_000
    ) -> Invoice:
        return await create_invoice(
            self.session,
            agency,
            staff,
            lease_id=lease.id,
            kind=InvoiceKind.FEE,
            due_date=self.clock.now().date(),
            lines=[NewLine("Key replacement", amount)],
            now=self.clock.now(),
        )

    async def payment(
        self,
        agency: Agency,
        lease: Lease,
        tenant: Tenant,
        staff: StaffUser,
        *,
        amount: int,
        allocations: list[AllocationRequest] | None = None,
        reference: str = "BANK-REF-1",
        received_on: date | None = None,
        now: datetime | None = None,
    ) -> Payment:
        """A bank transfer recorded by ``staff`` (received today by the clock, unless told)."""
        now = now or self.clock.now()
        recorded = await record_offline_payment(
            self.session,
            agency,
            staff,
            lease_id=lease.id,
            tenant_id=tenant.id,
            amount=amount,
            currency=agency.currency,
            method=PaymentMethod.BANK_TRANSFER,
            received_on=received_on or now.date(),
            reference=reference,
            allocations=allocations,
            now=now,
        )
        return recorded.payment

    async def transfer_proof(
        self,
        agency: Agency,
        lease: Lease,
        tenant: Tenant,
        *,
        amount: int = 10_000,
        invoice: Invoice | None = None,
        content: bytes | None = None,
    ) -> TransferProof:
        """A tenant's proof of a bank transfer, waiting for staff (a small PDF by default)."""
        upload = ProofUpload(
            lease_id=lease.id,
            invoice_id=invoice.id if invoice else None,
            amount=amount,
            paid_on=self.clock.now().date(),
            reference="Transfer for the rent",
            note=None,
            file_name="bank-confirmation.pdf",
            data=content or b"%PDF-1.4\n% proof " + uuid.uuid4().bytes + b"\n%%EOF\n",
        )
        return await submit_proof(self.session, agency, tenant, upload, self.clock.now())

    async def credit_note_for_approval(
        self, agency: Agency, invoice: Invoice, staff: StaffUser
    ) -> Approval:
        """A credit above the agency's approval threshold: it waits in the approvals inbox."""
        threshold = read_settings(agency.settings).approval_threshold
        _, approval = await issue_credit_note(
            self.session,
            agency,
            staff,
            invoice_id=invoice.id,
            amount=threshold + 1,
            reason="Broken boiler for a month",
            kind=CreditNoteKind.CREDIT,
            now=self.clock.now(),
        )
        assert approval is not None
        return approval

from __future__ import annotations

import uuid

from pydantic import Field

from doorstep.core.languages import Language
from doorstep.core.schemas import Phone, RequestModel, ResponseModel


class PortalAgency(ResponseModel):
    id: uuid.UUID
    name: str
    locale: str
    currency: str
    timezone: str = Field(description="Due dates are dates in this timezone.")
    country: str = Field(description="Phone numbers of this country are shown without +.")


class PortalProfile(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    phone: str | None = Field(description="E.164, e.g. `+32470123456`.")
    phone_display: str | None = Field(
        description="As the agency's country writes it: `0470 12 34 56` for a Belgian agency."
    )
    language: Language | None = Field(
        description="The language the tenant chose for the portal, their e-mails and documents; "
        "null: none chosen (the agency's locale is used)."
    )
    agency: PortalAgency


class PortalProfileUpdate(RequestModel):
    """A tenant keeps their phone number current and chooses their language; name and e-mail
    changes go via the agency. Only the fields sent change."""

    phone: Phone | None = Field(default=None, description="null removes the number.")
    language: Language | None = Field(
        default=None,
        description="The language of the portal, the tenant's e-mails and documents. Cannot be "
        "null: a tenant who chose one keeps one.",
    )


class PaymentInstructionsOut(ResponseModel):
    """How to pay a lease by bank transfer (issue 11): the agency's trust account and the
    lease's structured reference, to quote so the money is matched to the lease."""

    lease_id: uuid.UUID
    beneficiary: str = Field(description="The account holder: the agency's trust account.")
    iban: str | None = Field(description="Compact (no spaces); null where IBAN is not used.")
    bic: str | None
    account_number: str | None = Field(description="A domestic account number, without IBAN.")
    reference: str = Field(
        description="The lease's ISO 11649 structured reference, compact (RF + 2 + 12 digits)."
    )

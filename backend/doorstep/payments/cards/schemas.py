from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from doorstep.billing.schemas import InvoiceState
from doorstep.core.schemas import RequestModel, ResponseModel
from doorstep.readiness.schemas import ReadinessOverrideIn

# Gateway ids (Stripe's pm_…, card_…): letters, digits and underscores.
GatewayId = Annotated[
    str,
    StringConstraints(min_length=3, max_length=200, pattern=r"^[A-Za-z0-9_]+$"),
    Field(examples=["pm_1QxYz2AbCdEfGhIj"]),
]


class CardSetupOut(ResponseModel):
    """What the PWA needs to save a card with Stripe.js: load ``stripe_js_url``, create
    ``Stripe(publishable_key)``, then ``confirmCardSetup(client_secret, {payment_method:
    {card}})``, and send the resulting ``setupIntent.payment_method`` back."""

    client_secret: str
    publishable_key: str
    stripe_js_url: str


class SavedCardIn(RequestModel):
    payment_method_id: GatewayId = Field(
        description="`setupIntent.payment_method` from Stripe.js' confirmCardSetup."
    )


class SavedCardOut(ResponseModel):
    id: str = Field(description="The payment method id to pay with.")
    brand: str
    last4: str
    exp_month: int
    exp_year: int


class CardPaymentIn(RequestModel):
    payment_method_id: GatewayId = Field(description="A saved card (or the one just set up).")
    save_card: bool | None = Field(
        default=None,
        description="For a card just set up with confirmCardSetup (portal): true keeps it for "
        "next time if the payment succeeds, false (or a declined payment) forgets it. Leave "
        "it out to pay with a saved card. A payment link never keeps a card.",
    )


class CardPaymentOut(ResponseModel):
    payment_id: uuid.UUID
    invoice_id: uuid.UUID
    status: Literal["succeeded", "requires_action", "pending"] = Field(
        description="succeeded: paid and receipted. requires_action: call Stripe.js' "
        "confirmCardPayment(client_secret) for 3-D Secure; the payment then settles by "
        "itself. pending: the result is not known yet and will be settled shortly."
    )
    amount: int
    currency: str
    receipt_number: int | None
    client_secret: str | None = Field(description="Only when status is requires_action.")


class PaymentLinkCreate(RequestModel):
    tenant_id: uuid.UUID | None = Field(
        default=None,
        description="The lease's tenant the link is for (reviewed before it goes); the lease's "
        "first tenant when not given.",
    )
    readiness_override: ReadinessOverrideIn | None = Field(
        default=None,
        description="Create the link although the readiness review (seed 000) finds blocking "
        "items: the reason is recorded with who and when.",
    )


class PaymentLinkOut(ResponseModel):
    id: uuid.UUID
    invoice_id: uuid.UUID
    url: str = Field(description="Send this to the tenant; it is shown only here.")
    expires_at: datetime


class PayLinkInvoiceOut(ResponseModel):
    """What a payment link shows: enough to recognise and pay the invoice, nothing about the
    tenant."""

    agency_name: str
    agency_locale: str = Field(description="The agency's locale (BCP 47), for dates and amounts.")
    agency_timezone: str = Field(
        description="The agency's IANA time zone: the page shows instants such as the link's "
        "expiry on the agency's clock, as the agency app does."
    )
    invoice_number: int | None
    reference: str = Field(description="What to quote when paying, e.g. `Invoice 42`.")
    property_name: str = Field(description="The home the invoice is for, so the payer knows it.")
    unit_name: str
    property_address: str = Field(description="Street, postal code and city of the property.")
    period_start: date | None = Field(description="The rent period invoiced, when it is rent.")
    period_end: date | None
    amount_due: int
    currency: str
    due_date: date
    state: InvoiceState
    payable: bool
    expires_at: datetime


class WebhookReceived(ResponseModel):
    received: bool
    outcome: str

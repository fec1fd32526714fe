"""What paying by card can refuse, and the agency switches that gate it."""

from __future__ import annotations

from doorstep.agencies.models import Agency
from doorstep.agencies.settings import read_settings
from doorstep.core.errors import AppError, Conflict
from doorstep.payments.cards.gateway import GatewayUnavailable


class FeatureNotEnabled(Conflict):
    slug = "feature-not-enabled"
    title = "Not enabled for your agency"


class NothingToPay(Conflict):
    slug = "invoice-not-payable"
    title = "This invoice cannot be paid online"


class PaymentInProgress(Conflict):
    slug = "payment-in-progress"
    title = "A payment for this invoice is already under way"


class PaymentFailed(AppError):
    status_code = 402
    slug = "payment-failed"
    title = "The payment did not go through"

    def __init__(
        self, detail: str, *, code: str | None = None, decline_code: str | None = None
    ) -> None:
        super().__init__(detail)
        self.code = code or "payment_failed"
        self.decline_code = decline_code


class PaymentOutcomeUnknown(GatewayUnavailable):
    slug = "payment-outcome-unknown"
    title = "The result of the payment is not known yet"
    code = "outcome_unknown"

    def __init__(self) -> None:
        super().__init__(
            "The card processor did not give us the result of your payment. Do not pay "
            "again: it will show in your payments within a few minutes."
        )


class PaymentLinkExpired(AppError):
    status_code = 410
    slug = "payment-link-expired"
    title = "This payment link has expired"


_FEATURE_NAMES = {
    "online_payments": "Paying by card online",
    "payment_links": "Payment links",
}


def require_feature(agency: Agency, feature: str) -> None:
    """Seed 000: what an agency has not switched on is "In progress", never half-working."""
    if not getattr(read_settings(agency.settings).features, feature):
        raise FeatureNotEnabled(
            f"{_FEATURE_NAMES[feature]} is not enabled for your agency yet (in progress). "
            "Pay by bank transfer, or ask your agency."
        )

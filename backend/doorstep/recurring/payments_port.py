"""Everything the recurring machinery uses from the payments module, in one place.

When a name moves inside the payments package, this file is the only one to change. Recurring
never writes the payments tables itself: a pending payment and its card attempt are opened, and
the gateway's answer applied, by the payments services.
"""

from __future__ import annotations

from doorstep.payments.cards.charges import (
    BlockingAttempt,
    Payer,
    apply_intent,
    open_attempt,
    record_intent,
)
from doorstep.payments.cards.customers import save_card, start_card_setup, tenant_customer
from doorstep.payments.cards.errors import NothingToPay
from doorstep.payments.cards.gateway import (
    Card,
    CardDeclined,
    GatewayConfig,
    GatewayFailure,
    GatewayNotFound,
    GatewayUnavailable,
    Intent,
    IntentStatus,
    SetupSession,
    StripeGateway,
    payment_key,
)
from doorstep.payments.cards.links import create_payment_link, link_token
from doorstep.payments.cards.models import CardCharge
from doorstep.payments.ledger.models import Payment, PaymentMethod, PaymentStatus

__all__ = [
    "BlockingAttempt",
    "Card",
    "CardCharge",
    "CardDeclined",
    "GatewayConfig",
    "GatewayFailure",
    "GatewayNotFound",
    "GatewayUnavailable",
    "Intent",
    "IntentStatus",
    "NothingToPay",
    "Payer",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "SetupSession",
    "StripeGateway",
    "apply_intent",
    "create_payment_link",
    "link_token",
    "open_attempt",
    "payment_key",
    "record_intent",
    "save_card",
    "start_card_setup",
    "tenant_customer",
]

# The HTTP side: the app's gateway and the side database card flows commit their steps in.
from doorstep.payments.cards.dependencies import GatewaysDep, SideDatabaseDep

__all__ += ["GatewaysDep", "SideDatabaseDep"]

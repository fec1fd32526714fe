"""Everything the recurring machinery uses from the payments module, in one place.

The payments package is being split into sub-packages; when a name moves, this file is the
only one to change. Recurring never writes the payments tables itself: a pending payment and
its card attempt are opened, and the gateway's answer applied, by the payments services.
"""

from __future__ import annotations

from doorstep.payments.gateway import (
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
from doorstep.payments.models import Payment, PaymentMethod, PaymentStatus
from doorstep.payments.online import (
    BlockingAttempt,
    NothingToPay,
    Payer,
    apply_intent,
    create_payment_link,
    link_token,
    open_attempt,
    record_intent,
    save_card,
    start_card_setup,
    tenant_customer,
)
from doorstep.payments.online_models import CardCharge

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
from doorstep.payments.online_router import GatewaysDep, SideDatabaseDep

__all__ += ["GatewaysDep", "SideDatabaseDep"]

"""The card flows' HTTP dependencies: the app's gateway and the side database their steps
commit in. Apart from the routes, so that any router that takes cards (payments, recurring)
uses them without importing another router."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from doorstep.core.db import Database
from doorstep.core.settings import Settings
from doorstep.payments.cards.gateway import GatewayConfig, PaymentsNotConfigured, StripeGateway


class Gateways:
    """The app's gateway, made on first use: routes ask for it only after their access
    checks, so an unconfigured server still answers 404 / 409 where those apply."""

    def __init__(self, request: Request) -> None:
        self._state = request.app.state

    def require(self) -> StripeGateway:
        gateway: StripeGateway | None = getattr(self._state, "payment_gateway", None)
        if gateway is None:
            settings: Settings = self._state.settings
            config = GatewayConfig.from_settings(settings)
            if config is None:
                raise PaymentsNotConfigured("Pay by bank transfer, or ask your agency.")
            gateway = StripeGateway(config)
            self._state.payment_gateway = gateway
        return gateway

    @property
    def webhook_secret(self) -> str | None:
        gateway: StripeGateway | None = getattr(self._state, "payment_gateway", None)
        if gateway is not None:
            return gateway.config.webhook_secret
        settings: Settings = self._state.settings
        secret = settings.stripe_webhook_secret
        return secret.get_secret_value() if secret else None

    def optional(self) -> StripeGateway | None:
        try:
            return self.require()
        except PaymentsNotConfigured:
            return None


async def side_database(request: Request) -> Database:
    """Card payments commit in several steps beside the request's own transaction (the
    pending payment must be committed before the card is charged). They use a small pool of
    their own: the request already holds a connection of the main pool, and a burst of
    requests each waiting for a second one could starve it."""
    database: Database = request.app.state.claims_db
    return database


async def gateways(request: Request) -> Gateways:
    # A coroutine: FastAPI would build a class dependency in its thread pool.
    return Gateways(request)


GatewaysDep = Annotated[Gateways, Depends(gateways)]
SideDatabaseDep = Annotated[Database, Depends(side_database)]

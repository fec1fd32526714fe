"""Money: integer minor units plus an ISO 4217 code. Never floats."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from doorstep.core.schemas import MAX_AMOUNT_MINOR, CurrencyCode, RequestModel, ResponseModel

AmountMinor = Annotated[
    int,
    Field(
        strict=True,
        ge=0,
        le=MAX_AMOUNT_MINOR,
        description="Amount in minor units of the currency (cents for EUR), a whole number.",
    ),
]
PositiveAmountMinor = Annotated[
    int,
    Field(
        strict=True,
        gt=0,
        le=MAX_AMOUNT_MINOR,
        description="Amount in minor units of the currency (cents for EUR), a whole number.",
    ),
]


class Money(ResponseModel):
    amount: int = Field(description="Minor units (cents for EUR).")
    currency: str = Field(description="ISO 4217 code.")


class MoneyIn(RequestModel):
    amount: PositiveAmountMinor
    currency: CurrencyCode

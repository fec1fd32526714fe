"""An agency's settings and feature switches (stored as JSON on the agency)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Boolean, ColumnElement, func, literal_column

from doorstep.core.money import AmountMinor


class AgencyFeatures(BaseModel):
    """Seed 000: portal, payment links and automated messages depend on agency settings; a
    feature that is off is shown as "In progress" rather than hidden or half-working."""

    model_config = ConfigDict(extra="forbid")

    tenant_portal: bool = True
    online_payments: bool = False
    payment_links: bool = False
    automated_messages: bool = False


class AgencySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invoice_lead_days: Annotated[int, Field(strict=True, ge=0, le=60)] = Field(
        default=14, description="Days before the due date that rent invoices are generated."
    )
    auto_approve_invoices: bool = Field(
        default=True, description="Generated invoices open at once instead of awaiting approval."
    )
    approval_threshold: AmountMinor = Field(
        default=50_000,
        description="Credit notes, write-offs and refunds above this (minor units) need a "
        "second approver with the accountant or owner role.",
    )
    features: AgencyFeatures = Field(default_factory=AgencyFeatures)
    # Seed 000: a message to a tenant says how to ask for help; these are the ways.
    contact_email: str | None = Field(
        default=None, description="Where tenants write for help (shown in their messages)."
    )
    contact_phone: str | None = Field(
        default=None, description="Where tenants call for help, E.164 (shown in their messages)."
    )


def read_settings(raw: dict[str, Any]) -> AgencySettings:
    return AgencySettings.model_validate(raw)


def feature_switch_sql(settings_column: Any, feature: str) -> ColumnElement[bool]:
    """The agency's feature switch read in SQL from its settings JSON (so a hot read takes it
    in the same row as the rest), with the model's default where the agency never set it."""
    default = AgencyFeatures.model_fields[feature].default
    assert isinstance(default, bool)
    # Names written into the SQL rather than bound: statements built once are sent as they
    # were compiled, and only a feature named in the model can get here.
    path: ColumnElement[str] = literal_column(f"'{{features,{feature}}}'")
    return func.coalesce(settings_column.op("#>>")(path).cast(Boolean), default)

"""Web push: the server key the portal subscribes with, and the tenant's devices."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from doorstep.core.schemas import RequestModel, ResponseModel, Text

_BASE64URL = r"^[A-Za-z0-9_-]+={0,2}$"


class PushKeyOut(ResponseModel):
    """What the portal needs to subscribe a browser."""

    enabled: bool = Field(description="False when this server sends no push (no VAPID key).")
    public_key: str | None = Field(
        description="The VAPID public key (`applicationServerKey`): the uncompressed P-256 "
        "point, base64url."
    )


class PushKeysIn(RequestModel):
    p256dh: Annotated[str, StringConstraints(min_length=80, max_length=100, pattern=_BASE64URL)] = (
        Field(description="The browser's P-256 public key, base64url (65 bytes).")
    )
    auth: Annotated[str, StringConstraints(min_length=16, max_length=40, pattern=_BASE64URL)] = (
        Field(description="The browser's auth secret, base64url (16 bytes).")
    )


class PushSubscriptionIn(RequestModel):
    """A browser's ``PushSubscription`` (its ``toJSON()``, without ``expirationTime``)."""

    endpoint: Annotated[str, StringConstraints(min_length=1, max_length=1000)] = Field(
        description="The push service URL of this browser. Accepted: https on port 443 to a "
        "known push service (Google FCM, Mozilla, Microsoft WNS, Apple, or the hosts the "
        "server is configured with) named by host name, never an IP address; in development "
        "and tests also http://127.0.0.1:<port>. Anything else is refused with 422, so the "
        "server never sends requests to an address of the client's choosing."
    )
    keys: PushKeysIn
    device_label: Text | None = Field(
        default=None, description="How the tenant recognises this device, e.g. 'Android phone'."
    )


class PushSubscriptionOut(ResponseModel):
    id: uuid.UUID
    endpoint: str
    device_label: str | None
    created_at: datetime

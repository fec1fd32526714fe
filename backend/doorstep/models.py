"""Imports every module's models so the metadata is complete (migrations, alembic check)."""

from __future__ import annotations

from doorstep.accounts import models as accounts_models
from doorstep.agencies import models as agencies_models
from doorstep.audit import models as audit_models
from doorstep.auth import models as auth_models
from doorstep.billing import models as billing_models
from doorstep.collections import models as collections_models
from doorstep.core import idempotency, sequences
from doorstep.core.db import Base
from doorstep.documents import models as documents_models
from doorstep.incidents import models as incidents_models
from doorstep.leases import models as leases_models
from doorstep.messages import models as messages_models
from doorstep.notifications import models as notifications_models
from doorstep.onboarding import assignment_models as onboarding_assignment_models
from doorstep.onboarding import models as onboarding_models
from doorstep.payments.cards import models as payments_online_models
from doorstep.payments.ledger import models as payments_models
from doorstep.payments.proofs import models as payments_proof_models
from doorstep.properties import models as properties_models
from doorstep.readiness import models as readiness_models
from doorstep.recurring import models as recurring_models
from doorstep.scheduler import models as scheduler_models
from doorstep.tenants import models as tenants_models

metadata = Base.metadata

__all__ = [
    "accounts_models",
    "agencies_models",
    "audit_models",
    "auth_models",
    "billing_models",
    "collections_models",
    "documents_models",
    "idempotency",
    "incidents_models",
    "leases_models",
    "messages_models",
    "metadata",
    "notifications_models",
    "onboarding_assignment_models",
    "onboarding_models",
    "payments_models",
    "payments_online_models",
    "payments_proof_models",
    "properties_models",
    "readiness_models",
    "recurring_models",
    "scheduler_models",
    "sequences",
    "tenants_models",
]

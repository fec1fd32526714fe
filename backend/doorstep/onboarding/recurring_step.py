"""The onboarding step that sets up recurring rent (issue 13).

The set-up itself is the recurring module's (``recurring.service.set_up``: card or SEPA
mandate, with the authorisation accepted and stored there); this step only asks for it on the
invite's lease and reads whether it exists. Like a payment step, whether it is done is derived
from the record it waits for, never stored: the lease has an active set-up (made in the step
or before it), or the tenant set one up on that lease since using the invite (stopping it
later does not take the onboarding back). When the agency has switched the feature off, the
step says so and no longer holds the onboarding up.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency
from doorstep.core.errors import Conflict
from doorstep.onboarding.models import OnboardingInvite, OnboardingTask, TaskKind
from doorstep.recurring.models import RecurringSetup, SetupMethod, SetupStatus
from doorstep.recurring.service import RecurringNotEnabled, require_enabled


class RecurringStepNotOffered(Conflict):
    """Staff cannot ask for a recurring set-up the agency does not offer."""

    slug = "recurring-step-not-offered"
    title = "Recurring payments are not enabled for your agency"


NOT_OFFERED = (
    "Recurring payments are not switched on for your agency, so onboarding cannot ask tenants "
    "to set them up. Switch the feature on first."
)


def recurring_offered(agency: Agency) -> bool:
    """Whether the agency has recurring payments on (the recurring module's own switch)."""
    try:
        require_enabled(agency)
    except RecurringNotEnabled:
        return False
    return True


def require_offered(agency: Agency, tasks: Sequence[OnboardingTask]) -> None:
    """A recurring set-up task is created, put in a flow or sent in an invite only while the
    agency has the feature on (seed 000: a feature not switched on is never half-working)."""
    if any(task.kind is TaskKind.RECURRING_SETUP for task in tasks) and not recurring_offered(
        agency
    ):
        raise RecurringStepNotOffered(NOT_OFFERED)


@dataclass(frozen=True)
class RecurringStepState:
    """What a recurring set-up step shows: the lease it is for, whether the agency still
    offers the feature, and the set-up that completes it (if any)."""

    lease_id: uuid.UUID | None
    offered: bool
    setup_id: uuid.UUID | None = None
    # Whose set-up it is: a co-tenant's may complete the step, but its card stays theirs.
    setup_tenant_id: uuid.UUID | None = None
    method: SetupMethod | None = None
    payment_method_label: str | None = None
    set_up_at: datetime | None = None
    setup_active: bool = False
    set_up_by_other: bool = False

    @property
    def set_up(self) -> bool:
        return self.setup_id is not None or self.set_up_by_other

    def as_seen_by(self, tenant_id: uuid.UUID) -> RecurringStepState:
        """The state as a tenant may read it: a set-up made by someone else on the lease (a
        co-tenant) shows as set up, without its id or the card or account it takes from."""
        if self.setup_tenant_id is None or self.setup_tenant_id == tenant_id:
            return self
        return replace(self, setup_id=None, payment_method_label=None, set_up_by_other=True)

    @property
    def done(self) -> bool:
        """Complete with a set-up; with the feature switched off it no longer blocks."""
        return self.set_up or not self.offered


async def recurring_step_states(
    session: AsyncSession, invites: Sequence[OnboardingInvite]
) -> dict[uuid.UUID, RecurringStepState]:
    """Each invite's recurring step state (for invites whose steps hold one). Two queries
    whatever the number of invites."""
    if not invites:
        return {}
    agency_ids = {invite.agency_id for invite in invites}
    agencies = {
        agency.id: agency
        for agency in await session.scalars(select(Agency).where(Agency.id.in_(agency_ids)))
    }
    lease_ids = {invite.lease_id for invite in invites if invite.lease_id is not None}
    setups: list[RecurringSetup] = []
    if lease_ids:
        setups = list(
            await session.scalars(
                select(RecurringSetup)
                .where(
                    RecurringSetup.lease_id.in_(lease_ids),
                    RecurringSetup.agency_id.in_(agency_ids),
                )
                .order_by(RecurringSetup.authorised_at.desc(), RecurringSetup.id)
            )
        )
    states: dict[uuid.UUID, RecurringStepState] = {}
    for invite in invites:
        offered = recurring_offered(agencies[invite.agency_id])
        setup = _completing_setup(invite, setups)
        if setup is None:
            states[invite.id] = RecurringStepState(lease_id=invite.lease_id, offered=offered)
            continue
        states[invite.id] = RecurringStepState(
            lease_id=invite.lease_id,
            offered=offered,
            setup_id=setup.id,
            setup_tenant_id=setup.tenant_id,
            method=setup.method,
            payment_method_label=setup.payment_method_label,
            set_up_at=setup.authorised_at,
            setup_active=setup.status is SetupStatus.ACTIVE,
        )
    return states


def _completing_setup(
    invite: OnboardingInvite, setups: Sequence[RecurringSetup]
) -> RecurringSetup | None:
    """The lease's active set-up (whoever made it, whenever), else the latest one the invitee
    made on it since using the invite (it completed the step even if it stopped since)."""
    if invite.lease_id is None:
        return None
    on_lease = [
        setup
        for setup in setups
        if setup.lease_id == invite.lease_id and setup.agency_id == invite.agency_id
    ]
    for setup in on_lease:
        if setup.status is SetupStatus.ACTIVE:
            return setup
    if invite.tenant_id is None or invite.used_at is None:
        return None
    for setup in on_lease:
        if setup.tenant_id == invite.tenant_id and setup.authorised_at >= invite.used_at:
            return setup
    return None

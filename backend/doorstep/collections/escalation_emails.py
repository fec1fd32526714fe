"""The e-mail that asks the responsible roles to review an escalated follow-up (seed 000: "ask
the responsible role to review it before final approval"), to each active owner and accountant
but the person who escalated, in the agency's language, through the outbox."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.agencies.models import Agency, StaffRole, StaffUser
from doorstep.collections.models import FollowUp
from doorstep.core.names import display_name
from doorstep.core.settings import get_settings
from doorstep.documents.i18n import Texts
from doorstep.notifications.service import QueuedEmail, queue_emails
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email

ESCALATION_EMAIL = "follow_up_escalated"
# Who may review (follow_ups.REVIEWER_ROLES): the ones asked to.
REVIEWERS = (StaffRole.OWNER, StaffRole.ACCOUNTANT)

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "subject": "Review needed: a follow-up of {total} overdue",
        "greeting": "Dear {name},",
        "body": "{who} asks you to review a follow-up before anything is decided: {total} "
        "overdue on the lease of {tenants}.",
        "outcome": "What came of it: {outcome}",
        "action": "Review the follow-up",
        "signoff": "Kind regards,",
    },
    "fr": {
        "subject": "Avis demandé : une relance de {total} en retard",
        "greeting": "Bonjour {name},",
        "body": "{who} vous demande d'examiner une relance avant toute décision : {total} en "
        "retard sur le bail de {tenants}.",
        "outcome": "Résultat : {outcome}",
        "action": "Examiner la relance",
        "signoff": "Cordialement,",
    },
    "nl": {
        "subject": "Beoordeling gevraagd: een opvolging van {total} achterstallig",
        "greeting": "Beste {name},",
        "body": "{who} vraagt u een opvolging te beoordelen voor er iets beslist wordt: "
        "{total} achterstallig op de huurovereenkomst van {tenants}.",
        "outcome": "Resultaat: {outcome}",
        "action": "De opvolging beoordelen",
        "signoff": "Met vriendelijke groeten,",
    },
}


async def ask_for_review(
    session: AsyncSession, agency: Agency, follow_up: FollowUp, escalated_by: StaffUser
) -> int:
    """Queue the request to every reviewer but the one who escalated; how many were asked."""
    assert follow_up.escalated_at is not None
    reviewers = (
        await session.scalars(
            select(StaffUser)
            .where(
                StaffUser.agency_id == agency.id,
                StaffUser.is_active.is_(True),
                StaffUser.role.in_(REVIEWERS),
                StaffUser.id != escalated_by.id,
            )
            .order_by(StaffUser.id)
        )
    ).all()
    texts = Texts.for_agency(agency.locale, agency.timezone)
    words = CATALOGUE.get(texts.language, CATALOGUE["en"])
    total = texts.money(follow_up.overdue_total, follow_up.currency)
    tenants = ", ".join(str(recipient.get("name", "")) for recipient in follow_up.recipients)
    who = display_name(escalated_by.first_name, escalated_by.last_name)
    link = (
        f"{get_settings().public_base_url.rstrip('/')}/agency/collections/follow-ups/{follow_up.id}"
    )
    paragraphs = [words["body"].format(who=who, total=total, tenants=tenants)]
    if follow_up.outcome_note:
        paragraphs.append(words["outcome"].format(outcome=follow_up.outcome_note))
    emails = []
    for reviewer in reviewers:
        rendered = render_email(
            EmailContent(
                lang=texts.language,
                agency_name=agency.name,
                subject=words["subject"].format(total=total),
                greeting=words["greeting"].format(
                    name=display_name(reviewer.first_name, reviewer.last_name)
                ),
                blocks=[Paragraph(paragraph) for paragraph in paragraphs],
                action=Action(words["action"], link),
                signoff=words["signoff"],
            )
        )
        emails.append(
            QueuedEmail(
                to=reviewer.email,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                kind=ESCALATION_EMAIL,
                # One request per escalation (a follow-up escalated again after a review asks
                # again).
                dedupe_key=(
                    f"{ESCALATION_EMAIL}:{follow_up.id}:{follow_up.escalated_at.isoformat()}"
                    f":{reviewer.id}"
                ),
                from_name=agency.name,
            )
        )
    await queue_emails(session, agency.id, emails)
    return len(reviewers)

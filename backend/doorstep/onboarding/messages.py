"""The invite and reminder e-mails in the agency's language (en, fr, nl; English otherwise),
through the one e-mail template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from doorstep.documents.i18n import Texts
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "invite.subject": "{agency} invites you to your tenant portal",
        "reminder.subject": "Reminder: your invitation from {agency} expires on {date}",
        "greeting": "Dear {name},",
        "invite.body": "{agency} invites you to create your tenant portal account. Open this "
        "link to set your password and complete your onboarding:",
        "reminder.body": "You have not yet accepted the invitation from {agency} to create your "
        "tenant portal account. Open this link to set your password and complete your onboarding:",
        "expiry": "The link works once and expires on {date}.",
        "ignore": "If you were not expecting this e-mail, you can ignore it.",
        "signoff": "Kind regards,",
        "action": "Create your account",
    },
    "fr": {
        "invite.subject": "{agency} vous invite sur votre portail locataire",
        "reminder.subject": "Rappel : votre invitation de {agency} expire le {date}",
        "greeting": "Bonjour {name},",
        "invite.body": "{agency} vous invite à créer votre compte sur le portail locataire. "
        "Ouvrez ce lien pour choisir votre mot de passe et terminer votre inscription :",
        "reminder.body": "Vous n'avez pas encore accepté l'invitation de {agency} à créer votre "
        "compte sur le portail locataire. Ouvrez ce lien pour choisir votre mot de passe et "
        "terminer votre inscription :",
        "expiry": "Le lien ne sert qu'une fois et expire le {date}.",
        "ignore": "Si vous n'attendiez pas ce message, vous pouvez l'ignorer.",
        "signoff": "Cordialement,",
        "action": "Créer mon compte",
    },
    "nl": {
        "invite.subject": "{agency} nodigt u uit voor uw huurdersportaal",
        "reminder.subject": "Herinnering: uw uitnodiging van {agency} verloopt op {date}",
        "greeting": "Beste {name},",
        "invite.body": "{agency} nodigt u uit om uw account op het huurdersportaal aan te "
        "maken. Open deze link om uw wachtwoord te kiezen en uw onboarding af te ronden:",
        "reminder.body": "U hebt de uitnodiging van {agency} om uw account op het "
        "huurdersportaal aan te maken nog niet aanvaard. Open deze link om uw wachtwoord te "
        "kiezen en uw onboarding af te ronden:",
        "expiry": "De link werkt één keer en verloopt op {date}.",
        "ignore": "Verwachtte u deze e-mail niet, dan mag u hem negeren.",
        "signoff": "Met vriendelijke groeten,",
        "action": "Mijn account aanmaken",
    },
}


@dataclass(frozen=True)
class InviteEmail:
    subject: str
    text: str
    html: str


def invite_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    first_name: str,
    link: str,
    expires_at: datetime,
    reminder: bool,
) -> InviteEmail:
    """The invite (or a reminder of it) with its magic link and its expiry date."""
    formatting = Texts.for_agency(locale, timezone)
    words = CATALOGUE.get(formatting.language, CATALOGUE["en"])
    expiry_date = formatting.date(expires_at)
    kind = "reminder" if reminder else "invite"
    subject = words[f"{kind}.subject"].format(agency=agency_name, date=expiry_date)
    rendered = render_email(
        EmailContent(
            lang=formatting.language,
            agency_name=agency_name,
            subject=subject,
            greeting=words["greeting"].format(name=first_name),
            blocks=[Paragraph(words[f"{kind}.body"].format(agency=agency_name))],
            action=Action(words["action"], link),
            after=[
                # The exact moment, on the agency's clock: the link stops at that time, not at
                # the end of the day the subject names.
                Paragraph(words["expiry"].format(date=formatting.instant(expires_at))),
                Paragraph(words["ignore"]),
            ],
            signoff=words["signoff"],
        )
    )
    return InviteEmail(subject=rendered.subject, text=rendered.text, html=rendered.html)

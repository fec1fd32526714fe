"""The e-mail telling a tenant that their agency gave them a task to do in the portal, in the
agency's language (en, fr, nl; English otherwise), through the one e-mail template."""

from __future__ import annotations

from dataclasses import dataclass

from doorstep.documents.i18n import Texts
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "assigned.subject": "{agency} asks you to complete a task: {task}",
        "assigned.greeting": "Dear {name},",
        "assigned.body": "{agency} has added a task to your tenant portal: “{task}”. Open it to "
        "complete it; your progress is saved, so you can finish it later on any device.",
        "assigned.amount": "Amount to pay: {amount}.",
        "assigned.signoff": "Kind regards,",
        "assigned.action": "Open the task",
    },
    "fr": {
        "assigned.subject": "{agency} vous demande de compléter une tâche : {task}",
        "assigned.greeting": "Bonjour {name},",
        "assigned.body": "{agency} a ajouté une tâche à votre portail locataire : « {task} ». "
        "Ouvrez-la pour la compléter ; votre progression est enregistrée, vous pouvez la "
        "terminer plus tard sur n'importe quel appareil.",
        "assigned.amount": "Montant à payer : {amount}.",
        "assigned.signoff": "Cordialement,",
        "assigned.action": "Ouvrir la tâche",
    },
    "nl": {
        "assigned.subject": "{agency} vraagt u een taak af te ronden: {task}",
        "assigned.greeting": "Beste {name},",
        "assigned.body": "{agency} heeft een taak toegevoegd aan uw huurdersportaal: "
        "“{task}”. Open ze om ze af te ronden; uw voortgang wordt bewaard, zodat u later op "
        "elk toestel verder kunt.",
        "assigned.amount": "Te betalen bedrag: {amount}.",
        "assigned.signoff": "Met vriendelijke groeten,",
        "assigned.action": "De taak openen",
    },
}


@dataclass(frozen=True)
class AssignedEmail:
    subject: str
    text: str
    html: str


def task_assigned_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    first_name: str,
    task_name: str,
    amount: tuple[int, str] | None,
    link: str,
) -> AssignedEmail:
    """The task's name, its amount for a payment task, and the link to its page in the portal."""
    formatting = Texts.for_agency(locale, timezone)
    words = CATALOGUE.get(formatting.language, CATALOGUE["en"])
    blocks = [Paragraph(words["assigned.body"].format(agency=agency_name, task=task_name))]
    if amount is not None:
        minor, currency = amount
        blocks.append(
            Paragraph(words["assigned.amount"].format(amount=formatting.money(minor, currency)))
        )
    rendered = render_email(
        EmailContent(
            lang=formatting.language,
            agency_name=agency_name,
            subject=words["assigned.subject"].format(agency=agency_name, task=task_name),
            greeting=words["assigned.greeting"].format(name=first_name),
            blocks=blocks,
            action=Action(words["assigned.action"], link),
            after=[],
            signoff=words["assigned.signoff"],
        )
    )
    return AssignedEmail(subject=rendered.subject, text=rendered.text, html=rendered.html)

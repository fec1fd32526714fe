"""The account e-mails in the agency's language (en, fr, nl; English otherwise): a password
reset link, the confirmation of a new address, and the notice to the old one."""

from __future__ import annotations

from dataclasses import dataclass

from doorstep.documents.i18n import Texts

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "reset.subject": "Reset your {agency} password",
        "reset.body": "Someone (we hope you) asked to reset the password of your {app} account "
        "at {agency}. Open this link to choose a new one:",
        "reset.expiry": "The link works once, within {hours} hour(s). Choosing a new password "
        "signs you out on every device.",
        "reset.ignore": "If you did not ask for this, ignore this e-mail: your password stays "
        "as it is.",
        "confirm.subject": "Confirm your new e-mail address for {agency}",
        "confirm.body": "Open this link to use this address for your {app} account at {agency} "
        "from now on:",
        "confirm.expiry": "The link works once, within {hours} hour(s). Until you open it, "
        "nothing changes.",
        "confirm.ignore": "If you did not ask for this, ignore this e-mail.",
        "changed.subject": "Your {agency} e-mail address was changed",
        "changed.body": "The e-mail address of your {app} account at {agency} is now {email}. "
        "You will no longer receive its messages here.",
        "changed.help": "If you did not make this change, contact {agency} at once.",
        "app.staff": "agency",
        "app.tenant": "tenant portal",
        "greeting": "Dear {name},",
        "signoff": "Kind regards,",
    },
    "fr": {
        "reset.subject": "Réinitialisez votre mot de passe {agency}",
        "reset.body": "Quelqu'un (vous, nous l'espérons) a demandé à réinitialiser le mot de "
        "passe de votre compte {app} chez {agency}. Ouvrez ce lien pour en choisir un nouveau :",
        "reset.expiry": "Le lien ne sert qu'une fois, dans les {hours} heure(s). Choisir un "
        "nouveau mot de passe vous déconnecte sur tous vos appareils.",
        "reset.ignore": "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe "
        "reste inchangé.",
        "confirm.subject": "Confirmez votre nouvelle adresse e-mail pour {agency}",
        "confirm.body": "Ouvrez ce lien pour utiliser désormais cette adresse pour votre compte "
        "{app} chez {agency} :",
        "confirm.expiry": "Le lien ne sert qu'une fois, dans les {hours} heure(s). Tant que vous "
        "ne l'ouvrez pas, rien ne change.",
        "confirm.ignore": "Si vous n'avez rien demandé, ignorez ce message.",
        "changed.subject": "Votre adresse e-mail chez {agency} a été modifiée",
        "changed.body": "L'adresse e-mail de votre compte {app} chez {agency} est désormais "
        "{email}. Vous ne recevrez plus ses messages ici.",
        "changed.help": "Si vous n'êtes pas à l'origine de ce changement, contactez {agency} "
        "sans attendre.",
        "app.staff": "agence",
        "app.tenant": "du portail locataire",
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
    },
    "nl": {
        "reset.subject": "Stel uw wachtwoord bij {agency} opnieuw in",
        "reset.body": "Iemand (hopelijk u) heeft gevraagd het wachtwoord van uw {app}-account "
        "bij {agency} opnieuw in te stellen. Open deze link om een nieuw te kiezen:",
        "reset.expiry": "De link werkt één keer, binnen {hours} uur. Een nieuw wachtwoord kiezen "
        "meldt u af op al uw toestellen.",
        "reset.ignore": "Hebt u hier niet om gevraagd, negeer deze e-mail dan: uw wachtwoord "
        "blijft ongewijzigd.",
        "confirm.subject": "Bevestig uw nieuwe e-mailadres voor {agency}",
        "confirm.body": "Open deze link om dit adres voortaan te gebruiken voor uw {app}-account "
        "bij {agency}:",
        "confirm.expiry": "De link werkt één keer, binnen {hours} uur. Zolang u hem niet opent, "
        "verandert er niets.",
        "confirm.ignore": "Hebt u hier niet om gevraagd, negeer deze e-mail dan.",
        "changed.subject": "Uw e-mailadres bij {agency} is gewijzigd",
        "changed.body": "Het e-mailadres van uw {app}-account bij {agency} is nu {email}. U "
        "ontvangt de berichten ervan hier niet meer.",
        "changed.help": "Hebt u dit niet zelf gewijzigd, neem dan meteen contact op met {agency}.",
        "app.staff": "kantoor",
        "app.tenant": "huurdersportaal",
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groeten,",
    },
}


@dataclass(frozen=True)
class AccountEmail:
    subject: str
    text: str


def _words(locale: str, timezone: str) -> dict[str, str]:
    language = Texts.for_agency(locale, timezone).language
    return CATALOGUE.get(language, CATALOGUE["en"])


def _compose(
    words: dict[str, str], subject: str, name: str, agency: str, *parts: str
) -> AccountEmail:
    text = "\n\n".join(
        [words["greeting"].format(name=name), *parts, f"{words['signoff']}\n{agency}"]
    )
    return AccountEmail(subject=subject, text=text + "\n")


def reset_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    audience: str,
    first_name: str,
    link: str,
    hours: int,
) -> AccountEmail:
    """The password reset link, naming the agency (one e-mail per agency where the address
    has an account, so the person picks the account by its link)."""
    words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    return _compose(
        words,
        words["reset.subject"].format(agency=agency_name),
        first_name,
        agency_name,
        words["reset.body"].format(agency=agency_name, app=app),
        link,
        words["reset.expiry"].format(hours=hours),
        words["reset.ignore"],
    )


def confirm_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    audience: str,
    first_name: str,
    link: str,
    hours: int,
) -> AccountEmail:
    """The confirmation link, sent to the new address: nothing changes until it is opened."""
    words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    return _compose(
        words,
        words["confirm.subject"].format(agency=agency_name),
        first_name,
        agency_name,
        words["confirm.body"].format(agency=agency_name, app=app),
        link,
        words["confirm.expiry"].format(hours=hours),
        words["confirm.ignore"],
    )


def email_changed_notice(
    *, locale: str, timezone: str, agency_name: str, audience: str, first_name: str, new_email: str
) -> AccountEmail:
    """Told to the old address once the change is made, so a hijack does not go unnoticed."""
    words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    return _compose(
        words,
        words["changed.subject"].format(agency=agency_name),
        first_name,
        agency_name,
        words["changed.body"].format(agency=agency_name, app=app, email=new_email),
        words["changed.help"].format(agency=agency_name),
    )

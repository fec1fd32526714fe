"""The account e-mails in the agency's language (en, fr, nl; English otherwise): a password
reset link, the confirmation of a new address, the notice to the old one, and the notices of
two-step sign-in (turned off, a recovery code used) — through the one e-mail template, each with
its one call to action."""

from __future__ import annotations

from doorstep.documents.i18n import Texts
from doorstep.notifications.template import (
    Action,
    EmailContent,
    Paragraph,
    RenderedEmail,
    render_email,
)

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "two_factor.action": "Open your account",
        "two_factor_off.subject": "Two-step sign-in was turned off at {agency}",
        "two_factor_off.body": "Two-step sign-in is now off for your {agency} account: signing "
        "in asks for your password alone.",
        "two_factor_reset.body": "{by} turned off two-step sign-in for your {agency} account, "
        "for example because you lost your phone. Signing in asks for your password alone until "
        "you set it up again from your account.",
        "two_factor_off.help": "If you did not expect this, change your password and contact "
        "{agency} at once.",
        "recovery_used.subject": "A recovery code was used to sign in at {agency}",
        "recovery_used.body": "One of your recovery codes was just used for your {agency} "
        "account. It cannot be used again; you have {left} left.",
        "recovery_used.help": "If this was not you, change your password and turn two-step "
        "sign-in off and on again from your account, then tell {agency}.",
        "reset.action": "Choose a new password",
        "confirm.action": "Confirm my new address",
        "changed.action.contact": "Contact {agency}",
        "changed.action.sign_in": "Sign in",
        "reset.subject": "Reset your {agency} password",
        "reset.body": "Someone (we hope you) asked to reset the password of your {app} account "
        "at {agency}. Use the button below to choose a new one.",
        "reset.expiry": "The link works once, within {hours} hour(s). Choosing a new password "
        "signs you out on every device.",
        "reset.ignore": "If you did not ask for this, ignore this e-mail: your password stays "
        "as it is.",
        "confirm.subject": "Confirm your new e-mail address for {agency}",
        "confirm.body": "Confirm this address to use it for your {app} account at {agency} "
        "from now on.",
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
        "two_factor.action": "Ouvrir mon compte",
        "two_factor_off.subject": "La connexion en deux étapes a été désactivée chez {agency}",
        "two_factor_off.body": "La connexion en deux étapes est désormais désactivée pour votre "
        "compte {agency} : la connexion ne demande plus que votre mot de passe.",
        "two_factor_reset.body": "{by} a désactivé la connexion en deux étapes de votre compte "
        "{agency}, par exemple parce que vous avez perdu votre téléphone. La connexion ne demande "
        "plus que votre mot de passe jusqu'à ce que vous la configuriez à nouveau depuis votre "
        "compte.",
        "two_factor_off.help": "Si vous ne vous y attendiez pas, changez votre mot de passe et "
        "contactez {agency} sans attendre.",
        "recovery_used.subject": "Un code de secours a servi à vous connecter chez {agency}",
        "recovery_used.body": "Un de vos codes de secours vient d'être utilisé pour votre compte "
        "{agency}. Il ne servira plus ; il vous en reste {left}.",
        "recovery_used.help": "Si ce n'était pas vous, changez votre mot de passe, désactivez "
        "puis réactivez la connexion en deux étapes depuis votre compte et prévenez {agency}.",
        "reset.action": "Choisir un nouveau mot de passe",
        "confirm.action": "Confirmer ma nouvelle adresse",
        "changed.action.contact": "Contacter {agency}",
        "changed.action.sign_in": "Me connecter",
        "reset.subject": "Réinitialisez votre mot de passe {agency}",
        "reset.body": "Quelqu'un (vous, nous l'espérons) a demandé à réinitialiser le mot de "
        "passe de votre compte {app} chez {agency}. Utilisez le bouton ci-dessous pour en choisir "
        "un nouveau.",
        "reset.expiry": "Le lien ne sert qu'une fois, dans les {hours} heure(s). Choisir un "
        "nouveau mot de passe vous déconnecte sur tous vos appareils.",
        "reset.ignore": "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe "
        "reste inchangé.",
        "confirm.subject": "Confirmez votre nouvelle adresse e-mail pour {agency}",
        "confirm.body": "Confirmez cette adresse pour l'utiliser désormais pour votre compte "
        "{app} chez {agency}.",
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
        "two_factor.action": "Mijn account openen",
        "two_factor_off.subject": "Aanmelden in twee stappen is uitgeschakeld bij {agency}",
        "two_factor_off.body": "Aanmelden in twee stappen staat nu uit voor uw account bij "
        "{agency}: bij het aanmelden wordt alleen nog uw wachtwoord gevraagd.",
        "two_factor_reset.body": "{by} heeft aanmelden in twee stappen uitgeschakeld voor uw "
        "account bij {agency}, bijvoorbeeld omdat u uw telefoon kwijt bent. Tot u het opnieuw "
        "instelt vanuit uw account, wordt bij het aanmelden alleen uw wachtwoord gevraagd.",
        "two_factor_off.help": "Had u dit niet verwacht, wijzig dan uw wachtwoord en neem meteen "
        "contact op met {agency}.",
        "recovery_used.subject": "Er is aangemeld met een herstelcode bij {agency}",
        "recovery_used.body": "Een van uw herstelcodes is zonet gebruikt voor uw account bij "
        "{agency}. Hij werkt niet meer; u hebt er nog {left}.",
        "recovery_used.help": "Was u dit niet, wijzig dan uw wachtwoord, schakel aanmelden in "
        "twee stappen uit en weer in vanuit uw account en verwittig {agency}.",
        "reset.action": "Een nieuw wachtwoord kiezen",
        "confirm.action": "Mijn nieuwe adres bevestigen",
        "changed.action.contact": "Contact opnemen met {agency}",
        "changed.action.sign_in": "Aanmelden",
        "reset.subject": "Stel uw wachtwoord bij {agency} opnieuw in",
        "reset.body": "Iemand (hopelijk u) heeft gevraagd het wachtwoord van uw {app}-account "
        "bij {agency} opnieuw in te stellen. Gebruik de knop hieronder om een nieuw te kiezen.",
        "reset.expiry": "De link werkt één keer, binnen {hours} uur. Een nieuw wachtwoord kiezen "
        "meldt u af op al uw toestellen.",
        "reset.ignore": "Hebt u hier niet om gevraagd, negeer deze e-mail dan: uw wachtwoord "
        "blijft ongewijzigd.",
        "confirm.subject": "Bevestig uw nieuwe e-mailadres voor {agency}",
        "confirm.body": "Bevestig dit adres om het voortaan te gebruiken voor uw {app}-account "
        "bij {agency}.",
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


def _words(locale: str, timezone: str) -> tuple[str, dict[str, str]]:
    language = Texts.for_agency(locale, timezone).language
    return language, CATALOGUE.get(language, CATALOGUE["en"])


def _render(
    language: str,
    words: dict[str, str],
    *,
    subject: str,
    first_name: str,
    agency_name: str,
    body: str,
    action: Action,
    after: list[str],
) -> RenderedEmail:
    return render_email(
        EmailContent(
            lang=language if language in CATALOGUE else "en",
            agency_name=agency_name,
            subject=subject,
            greeting=words["greeting"].format(name=first_name),
            blocks=[Paragraph(body)],
            action=action,
            after=[Paragraph(text) for text in after],
            signoff=words["signoff"],
        )
    )


def reset_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    audience: str,
    first_name: str,
    link: str,
    hours: int,
) -> RenderedEmail:
    """The password reset link, naming the agency (one e-mail per agency where the address
    has an account, so the person picks the account by its link)."""
    language, words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    return _render(
        language,
        words,
        subject=words["reset.subject"].format(agency=agency_name),
        first_name=first_name,
        agency_name=agency_name,
        body=words["reset.body"].format(agency=agency_name, app=app),
        action=Action(words["reset.action"], link),
        after=[words["reset.expiry"].format(hours=hours), words["reset.ignore"]],
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
) -> RenderedEmail:
    """The confirmation link, sent to the new address: nothing changes until it is opened."""
    language, words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    return _render(
        language,
        words,
        subject=words["confirm.subject"].format(agency=agency_name),
        first_name=first_name,
        agency_name=agency_name,
        body=words["confirm.body"].format(agency=agency_name, app=app),
        action=Action(words["confirm.action"], link),
        after=[words["confirm.expiry"].format(hours=hours), words["confirm.ignore"]],
    )


def email_changed_notice(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    audience: str,
    first_name: str,
    new_email: str,
    contact_email: str | None,
    sign_in_link: str,
) -> RenderedEmail:
    """Told to the old address once the change is made, so a hijack does not go unnoticed:
    its button writes to the agency when the agency gives an address for that, else it opens
    the sign-in page."""
    language, words = _words(locale, timezone)
    app = words[f"app.{audience}"]
    action = (
        Action(
            words["changed.action.contact"].format(agency=agency_name), f"mailto:{contact_email}"
        )
        if contact_email
        else Action(words["changed.action.sign_in"], sign_in_link)
    )
    return _render(
        language,
        words,
        subject=words["changed.subject"].format(agency=agency_name),
        first_name=first_name,
        agency_name=agency_name,
        body=words["changed.body"].format(agency=agency_name, app=app, email=new_email),
        action=action,
        after=[words["changed.help"].format(agency=agency_name)],
    )


def two_factor_off_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    first_name: str,
    by_name: str | None,
    link: str,
) -> RenderedEmail:
    """Two-step sign-in was turned off: by the person themselves, or by an owner resetting it
    (``by_name``). Told either way, so that it never goes unnoticed."""
    language, words = _words(locale, timezone)
    body = (
        words["two_factor_reset.body"].format(by=by_name, agency=agency_name)
        if by_name
        else words["two_factor_off.body"].format(agency=agency_name)
    )
    return _render(
        language,
        words,
        subject=words["two_factor_off.subject"].format(agency=agency_name),
        first_name=first_name,
        agency_name=agency_name,
        body=body,
        action=Action(words["two_factor.action"], link),
        after=[words["two_factor_off.help"].format(agency=agency_name)],
    )


def recovery_code_used_email(
    *,
    locale: str,
    timezone: str,
    agency_name: str,
    first_name: str,
    left: int,
    link: str,
) -> RenderedEmail:
    """A recovery code was used: the owner of the account learns it, and how many are left."""
    language, words = _words(locale, timezone)
    return _render(
        language,
        words,
        subject=words["recovery_used.subject"].format(agency=agency_name),
        first_name=first_name,
        agency_name=agency_name,
        body=words["recovery_used.body"].format(agency=agency_name, left=left),
        action=Action(words["two_factor.action"], link),
        after=[words["recovery_used.help"].format(agency=agency_name)],
    )

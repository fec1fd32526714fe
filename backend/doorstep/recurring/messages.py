"""The e-mails of recurring payments, in the agency's language (en, fr, nl; English otherwise).

Seed 000: a message says what is needed, the amount, the due date and how to get help. Seed
003: the pre-charge reminder states the exact amount that will be taken (and says so when it
differs from what the tenant agreed to at set-up); "payment unsuccessful" says why nothing was
taken and gives a one-tap way to pay.

Each goes through the one e-mail template (HTML and plain text, the link written out in the
text part); those that ask for money carry the bank details too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from doorstep.collections.emails import bank_facts
from doorstep.collections.instructions import PaymentInstructions
from doorstep.documents.i18n import FALLBACK, Texts
from doorstep.notifications.push import PushNotice
from doorstep.notifications.template import Action, EmailContent, Paragraph, render_email
from doorstep.recurring.transitions import FailureKind

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Dear {name},",
        "signoff": "Kind regards,",
        "help": "Questions, or think an amount is wrong? Contact us: {contact}.",
        "help.none": "Questions, or think an amount is wrong? Reply to this e-mail, or write "
        "to us under Messages in your tenant portal.",
        "or": " or ",
        "due_soon.subject": "Rent of {amount} due on {date} ({agency})",
        "due_soon.body": "Invoice no. {number} for {place} asks for {amount}, due on {date}.",
        "due_soon.pay": "You can pay it in your tenant portal.",
        "due_soon.action": "View and pay invoice no. {number}",
        "pre_charge.subject": "We will take {amount} on {date} ({agency})",
        "pre_charge.body": "As you authorised, we will take {amount} from your {method} on "
        "{date} for invoice no. {number} ({place}).",
        "pre_charge.changed": "Please note: this is not the {agreed} you agreed to when you set "
        "up recurring payments. The amount has changed to {amount}.",
        "pre_charge.fixed": "Only this amount will be taken. If the invoice changes before then, "
        "nothing will be taken and we will tell you how to pay.",
        "unsuccessful.subject": "Your payment of invoice no. {number} did not go through "
        "({agency})",
        "unsuccessful.amount_changed": "We did not take your recurring payment: invoice no. "
        "{number} now asks for {amount}, not the {reminded} we told you we would take.",
        "unsuccessful.declined": "Your recurring payment of {amount} for invoice no. {number} "
        "was declined by your bank.",
        "unsuccessful.authentication_required": "Your bank wants you to confirm the payment of "
        "{amount} for invoice no. {number} yourself, so it was not taken.",
        "unsuccessful.paused": "We did not take your recurring payment of {amount} for invoice "
        "no. {number}: {agency} has paused online payments.",
        "unsuccessful.due": "Invoice no. {number} is due on {date}.",
        "unsuccessful.pay": "Please pay {amount} by hand, in one tap with the button below.",
        "unsuccessful.pay_transfer": "Please pay {amount} by bank transfer.",
        "unsuccessful.action": "Pay {amount} now",
        "unsuccessful.stays": "Your recurring payment stays in place for your next invoices.",
        "unsuccessful.stays_paused": "Your recurring payment stays in place and starts again "
        "when online payments are back.",
        "method.card": "card {label}",
        "method.sepa_debit": "bank account {label} (SEPA direct debit)",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
        "help": "Une question, ou un montant vous semble inexact ? Contactez-nous : {contact}.",
        "help.none": "Une question, ou un montant vous semble inexact ? Répondez à cet e-mail, "
        "ou écrivez-nous dans Messages de votre portail locataire.",
        "or": " ou ",
        "due_soon.subject": "Loyer de {amount} à payer le {date} ({agency})",
        "due_soon.body": "La facture n° {number} pour {place} s'élève à {amount}, à payer le "
        "{date}.",
        "due_soon.pay": "Vous pouvez la payer dans votre portail locataire.",
        "due_soon.action": "Voir et payer la facture n° {number}",
        "pre_charge.subject": "Nous prélèverons {amount} le {date} ({agency})",
        "pre_charge.body": "Comme vous l'avez autorisé, nous prélèverons {amount} sur votre "
        "{method} le {date} pour la facture n° {number} ({place}).",
        "pre_charge.changed": "Attention : ce n'est pas le montant de {agreed} accepté lors de "
        "la mise en place du paiement récurrent. Le montant est désormais de {amount}.",
        "pre_charge.fixed": "Seul ce montant sera prélevé. Si la facture change d'ici là, rien "
        "ne sera prélevé et nous vous dirons comment payer.",
        "unsuccessful.subject": "Le paiement de la facture n° {number} n'a pas abouti ({agency})",
        "unsuccessful.amount_changed": "Nous n'avons pas effectué votre paiement récurrent : la "
        "facture n° {number} s'élève désormais à {amount}, et non aux {reminded} annoncés.",
        "unsuccessful.declined": "Votre banque a refusé le paiement récurrent de {amount} pour "
        "la facture n° {number}.",
        "unsuccessful.authentication_required": "Votre banque souhaite que vous confirmiez "
        "vous-même le paiement de {amount} pour la facture n° {number} ; il n'a donc pas été "
        "effectué.",
        "unsuccessful.paused": "Nous n'avons pas effectué votre paiement récurrent de {amount} "
        "pour la facture n° {number} : {agency} a suspendu les paiements en ligne.",
        "unsuccessful.due": "La facture n° {number} est à payer le {date}.",
        "unsuccessful.pay": "Merci de payer {amount} vous-même, en un clic avec le bouton "
        "ci-dessous.",
        "unsuccessful.pay_transfer": "Merci de payer {amount} par virement bancaire.",
        "unsuccessful.action": "Payer {amount} maintenant",
        "unsuccessful.stays": "Votre paiement récurrent reste en place pour vos prochaines "
        "factures.",
        "unsuccessful.stays_paused": "Votre paiement récurrent reste en place et reprendra "
        "quand les paiements en ligne seront rétablis.",
        "method.card": "carte {label}",
        "method.sepa_debit": "compte bancaire {label} (prélèvement SEPA)",
    },
    "nl": {
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groet,",
        "help": "Vragen, of klopt een bedrag volgens u niet? Neem contact op: {contact}.",
        "help.none": "Vragen, of klopt een bedrag volgens u niet? Beantwoord deze e-mail, of "
        "schrijf ons via Berichten in uw huurdersportaal.",
        "or": " of ",
        "due_soon.subject": "Huur van {amount} te betalen op {date} ({agency})",
        "due_soon.body": "Factuur nr. {number} voor {place} bedraagt {amount}, te betalen op "
        "{date}.",
        "due_soon.pay": "U kunt ze betalen in uw huurdersportaal.",
        "due_soon.action": "Factuur nr. {number} bekijken en betalen",
        "pre_charge.subject": "We schrijven {amount} af op {date} ({agency})",
        "pre_charge.body": "Zoals u hebt toegestaan, schrijven we op {date} {amount} af van uw "
        "{method} voor factuur nr. {number} ({place}).",
        "pre_charge.changed": "Let op: dit is niet de {agreed} waarmee u akkoord ging bij het "
        "instellen van de terugkerende betaling. Het bedrag is gewijzigd naar {amount}.",
        "pre_charge.fixed": "Alleen dit bedrag wordt afgeschreven. Verandert de factuur "
        "intussen, dan schrijven we niets af en laten we u weten hoe u kunt betalen.",
        "unsuccessful.subject": "De betaling van factuur nr. {number} is niet gelukt ({agency})",
        "unsuccessful.amount_changed": "We hebben uw terugkerende betaling niet uitgevoerd: "
        "factuur nr. {number} bedraagt nu {amount}, niet de {reminded} die we aankondigden.",
        "unsuccessful.declined": "Uw bank heeft de terugkerende betaling van {amount} voor "
        "factuur nr. {number} geweigerd.",
        "unsuccessful.authentication_required": "Uw bank wil dat u de betaling van {amount} "
        "voor factuur nr. {number} zelf bevestigt; ze is dus niet uitgevoerd.",
        "unsuccessful.paused": "We hebben uw terugkerende betaling van {amount} voor factuur "
        "nr. {number} niet uitgevoerd: {agency} heeft online betalen gepauzeerd.",
        "unsuccessful.due": "Factuur nr. {number} is te betalen op {date}.",
        "unsuccessful.pay": "Betaal {amount} zelf, met één tik op de knop hieronder.",
        "unsuccessful.pay_transfer": "Betaal {amount} per bankoverschrijving.",
        "unsuccessful.action": "Nu {amount} betalen",
        "unsuccessful.stays": "Uw terugkerende betaling blijft ingesteld voor uw volgende "
        "facturen.",
        "unsuccessful.stays_paused": "Uw terugkerende betaling blijft ingesteld en gaat weer "
        "van start zodra online betalen terug is.",
        "method.card": "kaart {label}",
        "method.sepa_debit": "bankrekening {label} (SEPA-domiciliëring)",
    },
}


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Context:
    """What every message of one agency to one tenant about one invoice shares."""

    texts: Texts
    agency_name: str
    tenant_name: str
    invoice_number: int
    place: str
    currency: str
    contact_email: str | None
    contact_phone: str | None
    instructions: PaymentInstructions | None = None

    def __call__(self, key: str, **values: object) -> str:
        language = self.texts.language if self.texts.language in CATALOGUE else FALLBACK
        template = CATALOGUE[language].get(key) or CATALOGUE[FALLBACK][key]
        return template.format(**values)

    def money(self, amount: int) -> str:
        return self.texts.money(amount, self.currency)

    def _frame(
        self,
        subject: str,
        paragraphs: list[str],
        *,
        action: Action | None = None,
        bank_amount: str | None = None,
    ) -> Email:
        ways = [way for way in (self.contact_email, self.contact_phone) if way]
        help_line = self("help", contact=self("or").join(ways)) if ways else self("help.none")
        bank = bank_facts(self.texts, self.instructions, bank_amount) if bank_amount else []
        rendered = render_email(
            EmailContent(
                lang=self.texts.language,
                agency_name=self.agency_name,
                subject=subject,
                greeting=self("greeting", name=self.tenant_name),
                blocks=[Paragraph(paragraph) for paragraph in paragraphs],
                action=action,
                after=[*bank, Paragraph(help_line)],
                signoff=self("signoff"),
            )
        )
        return Email(rendered.subject, rendered.text, rendered.html)


def due_soon(ctx: Context, *, amount: int, due: date, portal_url: str | None) -> Email:
    """``portal_url`` is None when the agency's tenant portal is off: the bank details are
    then the way to pay, and nothing points to a portal the tenant cannot open."""
    values = {"amount": ctx.money(amount), "date": ctx.texts.date(due)}
    paragraphs = [ctx("due_soon.body", number=ctx.invoice_number, place=ctx.place, **values)]
    action = None
    if portal_url is not None:
        paragraphs.append(ctx("due_soon.pay"))
        action = Action(ctx("due_soon.action", number=ctx.invoice_number), portal_url)
    return ctx._frame(
        ctx("due_soon.subject", agency=ctx.agency_name, **values),
        paragraphs,
        action=action,
        bank_amount=values["amount"],
    )


def pre_charge(
    ctx: Context, *, amount: int, agreed: int, charge_on: date, method: str, label: str
) -> Email:
    values = {"amount": ctx.money(amount), "date": ctx.texts.date(charge_on)}
    method_text = ctx(f"method.{method}", label=label)
    paragraphs = [
        ctx(
            "pre_charge.body",
            number=ctx.invoice_number,
            place=ctx.place,
            method=method_text,
            **values,
        )
    ]
    if amount != agreed:
        paragraphs.append(
            ctx("pre_charge.changed", agreed=ctx.money(agreed), amount=values["amount"])
        )
    paragraphs.append(ctx("pre_charge.fixed"))
    return ctx._frame(ctx("pre_charge.subject", agency=ctx.agency_name, **values), paragraphs)


# Why a charge was not taken, beyond the failures a charge records (``FailureKind``).
PAUSED = "paused"


def unsuccessful(
    ctx: Context,
    *,
    failure: FailureKind | str,
    amount: int,
    reminded: int,
    due: date,
    pay_url: str | None,
) -> Email:
    """``amount`` is what the invoice asks for now; ``reminded`` what the reminder said;
    ``failure`` a ``FailureKind`` or :data:`PAUSED` (the agency switched online payments
    off). Without ``pay_url`` (no portal, no payment links) the bank details are the way."""
    reason = failure.value if isinstance(failure, FailureKind) else failure
    money = ctx.money(amount)
    pay = (
        ctx("unsuccessful.pay", amount=money)
        if pay_url is not None
        else ctx("unsuccessful.pay_transfer", amount=money)
    )
    return ctx._frame(
        ctx("unsuccessful.subject", number=ctx.invoice_number, agency=ctx.agency_name),
        [
            ctx(
                f"unsuccessful.{reason}",
                number=ctx.invoice_number,
                amount=money,
                reminded=ctx.money(reminded),
                agency=ctx.agency_name,
            ),
            ctx("unsuccessful.due", number=ctx.invoice_number, date=ctx.texts.date(due)),
            pay,
            ctx("unsuccessful.stays_paused" if reason == PAUSED else "unsuccessful.stays"),
        ],
        action=(
            Action(ctx("unsuccessful.action", amount=money), pay_url)
            if pay_url is not None
            else None
        ),
        bank_amount=money,
    )


# The push notifications beside the reminders (seed 003: "reminders before the due date";
# seed 002: push for important alerts): no amount or place on a lock screen, only the date.
PUSH_CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "due_soon.title": "Rent due soon",
        "due_soon.body": "{agency}: your rent is due on {date}.",
        "pre_charge.title": "Rent payment coming",
        "pre_charge.body": "{agency} will take your rent on {date} with your saved payment method.",
        "unsuccessful.title": "Rent payment not taken",
        "unsuccessful.body": "{agency}: your rent payment (due on {date}) did not go through. "
        "Please pay it yourself.",
    },
    "fr": {
        "due_soon.title": "Loyer bientôt dû",
        "due_soon.body": "{agency} : votre loyer est dû le {date}.",
        "pre_charge.title": "Prélèvement du loyer à venir",
        "pre_charge.body": "{agency} prélèvera votre loyer le {date} avec votre moyen de "
        "paiement enregistré.",
        "unsuccessful.title": "Paiement du loyer non effectué",
        "unsuccessful.body": "{agency} : le paiement de votre loyer (à payer le {date}) n'a pas "
        "abouti. Merci de le régler vous-même.",
    },
    "nl": {
        "due_soon.title": "Huur binnenkort verschuldigd",
        "due_soon.body": "{agency}: uw huur is verschuldigd op {date}.",
        "pre_charge.title": "Huurbetaling op komst",
        "pre_charge.body": "{agency} int uw huur op {date} met uw bewaarde betaalmiddel.",
        "unsuccessful.title": "Huurbetaling niet gelukt",
        "unsuccessful.body": "{agency}: de betaling van uw huur (te betalen op {date}) is niet "
        "gelukt. Betaal ze zelf.",
    },
}


def _push_words(ctx: Context) -> dict[str, str]:
    return PUSH_CATALOGUE.get(ctx.texts.language, PUSH_CATALOGUE[FALLBACK])


def due_soon_push(ctx: Context, *, due: date, invoice_id: uuid.UUID) -> PushNotice:
    words = _push_words(ctx)
    return PushNotice(
        title=words["due_soon.title"],
        body=words["due_soon.body"].format(agency=ctx.agency_name, date=ctx.texts.date(due)),
        url=f"/portal/payments/invoices/{invoice_id}",
        tag=f"invoice-{invoice_id}",
    )


def pre_charge_push(ctx: Context, *, charge_on: date, invoice_id: uuid.UUID) -> PushNotice:
    words = _push_words(ctx)
    return PushNotice(
        title=words["pre_charge.title"],
        body=words["pre_charge.body"].format(
            agency=ctx.agency_name, date=ctx.texts.date(charge_on)
        ),
        url=f"/portal/payments/invoices/{invoice_id}",
        tag=f"invoice-{invoice_id}",
    )


def unsuccessful_push(ctx: Context, *, due: date, invoice_id: uuid.UUID) -> PushNotice:
    """Beside the "payment unsuccessful" e-mail: that it did not go through and the due date,
    never the amount (a lock screen shows it)."""
    words = _push_words(ctx)
    return PushNotice(
        title=words["unsuccessful.title"],
        body=words["unsuccessful.body"].format(agency=ctx.agency_name, date=ctx.texts.date(due)),
        url=f"/portal/payments/invoices/{invoice_id}",
        tag=f"invoice-{invoice_id}",
        urgency="high",
    )

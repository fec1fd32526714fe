"""Text of generated documents and e-mails in the reader's language, numbers and dates in
their locale (babel). A tenant's messages use ``Texts.for_tenant`` (their own language if they
chose one, with the agency's region: ``core.languages.message_locale``); staff's use
``Texts.for_agency``.

A small catalogue rather than gettext files: the documents have a few dozen strings, and a
dict keeps every language of a string side by side, where a missing translation shows up in
review (and in ``tests/notifications/test_receipts.py``, which checks every key exists in each
language). English is the fallback for any other language.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_interval,
    format_time,
    get_datetime_format,
    get_timezone_name,
)
from babel.numbers import format_currency, get_currency_precision

from doorstep.core.languages import tenant_locale

FALLBACK = "en"
_LONG_MONTH = re.compile(r"(?<!M)MMM(?!M)")

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "receipt": "Receipt",
        "receipt_no": "Receipt no. {number}",
        "trust_account": "Trust account: {name}",
        "issued_on": "Issued on",
        "received_on": "Received on",
        "received_from": "Received from",
        "lease": "Lease",
        "amount": "Amount received",
        "method": "Payment method",
        "reference": "Reference",
        "applied_to": "Applied to",
        "invoice": "Invoice",
        "invoice_no": "Invoice no. {number}",
        "applied": "Amount applied",
        "not_applied": "Not applied to any invoice yet.",
        "refunded": "Refunded",
        "credit": "Remaining credit",
        "as_at": "Allocations as at {date}.",
        "confirmation": "This receipt confirms that {agency} received the amount above into "
        "its trust account.",
        "method.card": "Card",
        "method.payment_link": "Payment link",
        "method.sepa_debit": "SEPA direct debit",
        "method.bank_transfer": "Bank transfer",
        "method.cash": "Cash",
        "method.cheque": "Cheque",
        "file": "receipt",
        "email.subject": "Your receipt no. {number} from {agency}",
        "email.greeting": "Dear {name},",
        "email.received": "We received your payment of {amount} on {date} for {lease}. Thank you.",
        "email.attached": "Your receipt is attached to this e-mail as a PDF.",
        "email.portal": "You can also find it in your tenant portal at any time.",
        "email.signoff": "Kind regards,",
        "email.action": "See your payments",
        "proof.rejected.subject": "Your transfer could not be confirmed ({agency})",
        "proof.rejected.body": "We could not confirm the bank transfer of {amount} made on "
        "{date} with reference {reference} that you told us about.",
        "proof.rejected.reason": "Why: {reason}",
        "proof.rejected.owed": "Invoice no. {number} still asks for {amount}, due on {date}. "
        "You can pay it in your tenant portal or by bank transfer.",
        "proof.rejected.help": "If you think this is a mistake or need help, contact us: "
        "{contact}.",
        "proof.rejected.help_reply": "If you think this is a mistake or need help, reply to "
        "this e-mail, or write to us under Messages in your tenant portal.",
        "follow_up.subject": "{agency}: {total} overdue for {place}",
        "follow_up.place": "{property}, unit {unit}",
        "follow_up.intro.one": "According to our records, this invoice for {place} is past due "
        "and not yet paid:",
        "follow_up.intro.many": "According to our records, these {count} invoices for {place} "
        "are past due and not yet paid:",
        "follow_up.line": "Invoice {number}: {amount} still due, due on {date} ({days} overdue)",
        "follow_up.days.one": "1 day",
        "follow_up.days.many": "{count} days",
        "follow_up.total": "Total overdue: {total}. Please pay it as soon as possible.",
        "follow_up.total_label": "Total overdue",
        "follow_up.pay_soon": "Please pay it as soon as possible.",
        "follow_up.invoice": "Invoice {number}",
        "follow_up.column.invoice": "Invoice",
        "follow_up.column.due_date": "Due date",
        "follow_up.column.still_due": "Still due",
        "follow_up.how_to_pay": "How to pay",
        "follow_up.bank": "By bank transfer to {name}, {account}{bic}, with the reference "
        "{reference}. This reference tells us the money is for your lease, so please quote it "
        "exactly.",
        "follow_up.pay_online": "Online by card in your tenant portal: {url}",
        "follow_up.portal": "Your invoices and payments are in your tenant portal: {url}",
        "follow_up.help_title": "Need help?",
        "follow_up.help": "If you have already paid, think an amount is wrong, or cannot pay in "
        "full, contact us before the balance grows: {contact}. We can discuss a payment "
        "arrangement.",
        "follow_up.action.pay": "Pay online in your tenant portal",
        "follow_up.action.portal": "Open your tenant portal",
        "follow_up.or": " or ",
        "statement.title": "Account statement {year}",
        "statement.file": "account-statement",
        "statement.tenants": "Tenants",
        "statement.period": "Period",
        "statement.date": "Date",
        "statement.description": "Description",
        "statement.charged": "Charged",
        "statement.paid": "Paid",
        "statement.balance": "Balance",
        "statement.opening": "Opening balance",
        "statement.closing": "Closing balance and totals",
        "statement.invoice": "Invoice no. {number}",
        "statement.credit_note": "Credit note no. {number}",
        "statement.payment": "Payment, receipt no. {number}",
        "statement.refund": "Refund of the payment of receipt no. {number}",
        "statement.owed": "Balance due at the end of the period: {amount}.",
        "statement.in_credit": "Credit in your favour at the end of the period: {amount}.",
        "statement.settled": "Nothing due at the end of the period.",
        "statement.none": "No movement on the account this year.",
        "statement.as_at": "Drawn up on {date} from the records of {agency}. A positive balance "
        "is owed by the tenants, a negative one is held in their favour.",
        "published.subject": "New document from {agency}: {title}",
        "published.body": "{agency} published a document for {place}: “{title}” ({kind}).",
        "published.portal": "You can read and download it in your tenant portal.",
        "published.action": "See your documents",
        # The push beside it: no title (a lock screen shows it; a title can say much).
        "published.push.title": "New document",
        "published.push.body": "{agency} added a document to your lease. Open the portal to "
        "read it.",
        "kind.signed_lease": "signed lease",
        "kind.condition_report_move_in": "condition report at move-in",
        "kind.condition_report_move_out": "condition report at move-out",
        "kind.expense_statement": "expense statement",
        "kind.certificate": "certificate",
        "kind.other": "document",
    },
    "fr": {
        "receipt": "Reçu",
        "receipt_no": "Reçu n° {number}",
        "trust_account": "Compte de tiers : {name}",
        "issued_on": "Émis le",
        "received_on": "Date de réception",
        "received_from": "Reçu de",
        "lease": "Bail",
        "amount": "Montant reçu",
        "method": "Mode de paiement",
        "reference": "Référence",
        "applied_to": "Affecté à",
        "invoice": "Facture",
        "invoice_no": "Facture n° {number}",
        "applied": "Montant affecté",
        "not_applied": "Pas encore affecté à une facture.",
        "refunded": "Remboursé",
        "credit": "Crédit restant",
        "as_at": "Affectations au {date}.",
        "confirmation": "Ce reçu confirme que {agency} a reçu le montant ci-dessus sur son "
        "compte de tiers.",
        "method.card": "Carte",
        "method.payment_link": "Lien de paiement",
        "method.sepa_debit": "Prélèvement SEPA",
        "method.bank_transfer": "Virement bancaire",
        "method.cash": "Espèces",
        "method.cheque": "Chèque",
        "file": "recu",
        "email.subject": "Votre reçu n° {number} de {agency}",
        "email.greeting": "Bonjour {name},",
        "email.received": "Nous avons bien reçu votre paiement de {amount} le {date} pour "
        "{lease}. Merci.",
        "email.attached": "Votre reçu est joint à ce courriel au format PDF.",
        "email.portal": "Vous le retrouverez aussi à tout moment dans votre portail locataire.",
        "email.signoff": "Cordialement,",
        "email.action": "Voir vos paiements",
        "proof.rejected.subject": "Votre virement n'a pas pu être confirmé ({agency})",
        "proof.rejected.body": "Nous n'avons pas pu confirmer le virement de {amount} effectué "
        "le {date} avec la référence {reference} que vous nous avez signalé.",
        "proof.rejected.reason": "Motif : {reason}",
        "proof.rejected.owed": "La facture n° {number} demande encore {amount}, à payer le "
        "{date}. Vous pouvez la payer dans votre portail locataire ou par virement.",
        "proof.rejected.help": "Si vous pensez qu'il s'agit d'une erreur ou avez besoin "
        "d'aide, contactez-nous : {contact}.",
        "proof.rejected.help_reply": "Si vous pensez qu'il s'agit d'une erreur ou avez besoin "
        "d'aide, répondez à ce courriel, ou écrivez-nous dans Messages de votre portail "
        "locataire.",
        "follow_up.subject": "{agency} : {total} en retard pour {place}",
        "follow_up.place": "{property}, logement {unit}",
        "follow_up.intro.one": "Selon nos données, cette facture pour {place} est échue et n'est "
        "pas encore payée :",
        "follow_up.intro.many": "Selon nos données, ces {count} factures pour {place} sont "
        "échues et ne sont pas encore payées :",
        "follow_up.line": "Facture {number} : {amount} restant dû, échéance le {date} (en "
        "retard de {days})",
        "follow_up.days.one": "1 jour",
        "follow_up.days.many": "{count} jours",
        "follow_up.total": "Total en retard : {total}. Merci de le régler dès que possible.",
        "follow_up.total_label": "Total en retard",
        "follow_up.pay_soon": "Merci de le régler dès que possible.",
        "follow_up.invoice": "Facture {number}",
        "follow_up.column.invoice": "Facture",
        "follow_up.column.due_date": "Échéance",
        "follow_up.column.still_due": "Restant dû",
        "follow_up.how_to_pay": "Comment payer",
        "follow_up.bank": "Par virement bancaire à {name}, {account}{bic}, avec la référence "
        "{reference}. Cette référence nous indique que l'argent concerne votre bail : merci de "
        "la reprendre telle quelle.",
        "follow_up.pay_online": "En ligne par carte dans votre portail locataire : {url}",
        "follow_up.portal": "Vos factures et paiements se trouvent dans votre portail "
        "locataire : {url}",
        "follow_up.help_title": "Besoin d'aide ?",
        "follow_up.help": "Si vous avez déjà payé, pensez qu'un montant est erroné ou ne pouvez "
        "pas payer en totalité, contactez-nous avant que le solde n'augmente : {contact}. Nous "
        "pouvons convenir d'un échéancier.",
        "follow_up.action.pay": "Payer en ligne dans votre portail locataire",
        "follow_up.action.portal": "Ouvrir votre portail locataire",
        "follow_up.or": " ou ",
        "statement.title": "Relevé de compte {year}",
        "statement.file": "releve-de-compte",
        "statement.tenants": "Locataires",
        "statement.period": "Période",
        "statement.date": "Date",
        "statement.description": "Libellé",
        "statement.charged": "Débit",
        "statement.paid": "Crédit",
        "statement.balance": "Solde",
        "statement.opening": "Solde d'ouverture",
        "statement.closing": "Solde de clôture et totaux",
        "statement.invoice": "Facture n° {number}",
        "statement.credit_note": "Note de crédit n° {number}",
        "statement.payment": "Paiement, reçu n° {number}",
        "statement.refund": "Remboursement du paiement du reçu n° {number}",
        "statement.owed": "Solde dû en fin de période : {amount}.",
        "statement.in_credit": "Crédit en votre faveur en fin de période : {amount}.",
        "statement.settled": "Rien n'est dû en fin de période.",
        "statement.none": "Aucun mouvement sur le compte cette année.",
        "statement.as_at": "Établi le {date} d'après les registres de {agency}. Un solde "
        "positif est dû par les locataires, un solde négatif est tenu en leur faveur.",
        "published.subject": "Nouveau document de {agency} : {title}",
        "published.body": "{agency} a publié un document pour {place} : « {title} » ({kind}).",
        "published.portal": "Vous pouvez le consulter et le télécharger dans votre portail "
        "locataire.",
        "published.action": "Voir vos documents",
        "published.push.title": "Nouveau document",
        "published.push.body": "{agency} a ajouté un document à votre bail. Ouvrez le portail "
        "pour le consulter.",
        "kind.signed_lease": "bail signé",
        "kind.condition_report_move_in": "état des lieux d'entrée",
        "kind.condition_report_move_out": "état des lieux de sortie",
        "kind.expense_statement": "décompte de charges",
        "kind.certificate": "certificat",
        "kind.other": "document",
    },
    "nl": {
        "receipt": "Ontvangstbewijs",
        "receipt_no": "Ontvangstbewijs nr. {number}",
        "trust_account": "Derdenrekening: {name}",
        "issued_on": "Uitgereikt op",
        "received_on": "Ontvangen op",
        "received_from": "Ontvangen van",
        "lease": "Huurovereenkomst",
        "amount": "Ontvangen bedrag",
        "method": "Betaalwijze",
        "reference": "Referentie",
        "applied_to": "Toegewezen aan",
        "invoice": "Factuur",
        "invoice_no": "Factuur nr. {number}",
        "applied": "Toegewezen bedrag",
        "not_applied": "Nog niet aan een factuur toegewezen.",
        "refunded": "Terugbetaald",
        "credit": "Resterend tegoed",
        "as_at": "Toewijzingen op {date}.",
        "confirmation": "Dit ontvangstbewijs bevestigt dat {agency} het bovenstaande bedrag "
        "op haar derdenrekening heeft ontvangen.",
        "method.card": "Kaart",
        "method.payment_link": "Betaallink",
        "method.sepa_debit": "SEPA-domiciliëring",
        "method.bank_transfer": "Overschrijving",
        "method.cash": "Contant",
        "method.cheque": "Cheque",
        "file": "ontvangstbewijs",
        "email.subject": "Uw ontvangstbewijs nr. {number} van {agency}",
        "email.greeting": "Beste {name},",
        "email.received": "We hebben uw betaling van {amount} op {date} voor {lease} "
        "ontvangen. Dank u.",
        "email.attached": "Uw ontvangstbewijs zit als pdf in de bijlage van deze e-mail.",
        "email.portal": "U vindt het ook altijd terug in uw huurdersportaal.",
        "email.signoff": "Met vriendelijke groeten,",
        "email.action": "Uw betalingen bekijken",
        "proof.rejected.subject": "Uw overschrijving kon niet worden bevestigd ({agency})",
        "proof.rejected.body": "We konden de overschrijving van {amount} op {date} met "
        "referentie {reference} die u ons meldde niet bevestigen.",
        "proof.rejected.reason": "Reden: {reason}",
        "proof.rejected.owed": "Factuur nr. {number} vraagt nog {amount}, te betalen op "
        "{date}. U kunt ze betalen in uw huurdersportaal of per overschrijving.",
        "proof.rejected.help": "Denkt u dat dit een vergissing is of hebt u hulp nodig, neem "
        "dan contact met ons op: {contact}.",
        "proof.rejected.help_reply": "Denkt u dat dit een vergissing is of hebt u hulp nodig, "
        "beantwoord dan deze e-mail, of schrijf ons via Berichten in uw huurdersportaal.",
        "follow_up.subject": "{agency}: {total} achterstallig voor {place}",
        "follow_up.place": "{property}, wooneenheid {unit}",
        "follow_up.intro.one": "Volgens onze gegevens is deze factuur voor {place} vervallen en "
        "nog niet betaald:",
        "follow_up.intro.many": "Volgens onze gegevens zijn deze {count} facturen voor {place} "
        "vervallen en nog niet betaald:",
        "follow_up.line": "Factuur {number}: nog {amount} te betalen, vervallen op {date} "
        "({days} te laat)",
        "follow_up.days.one": "1 dag",
        "follow_up.days.many": "{count} dagen",
        "follow_up.total": "Totaal achterstallig: {total}. Gelieve dit zo snel mogelijk te "
        "betalen.",
        "follow_up.total_label": "Totaal achterstallig",
        "follow_up.pay_soon": "Gelieve dit zo snel mogelijk te betalen.",
        "follow_up.invoice": "Factuur {number}",
        "follow_up.column.invoice": "Factuur",
        "follow_up.column.due_date": "Vervaldatum",
        "follow_up.column.still_due": "Nog te betalen",
        "follow_up.how_to_pay": "Hoe betalen",
        "follow_up.bank": "Per overschrijving naar {name}, {account}{bic}, met de referentie "
        "{reference}. Aan deze referentie zien we dat het geld voor uw huurovereenkomst is, "
        "vermeld ze dus precies zo.",
        "follow_up.pay_online": "Online met uw kaart in uw huurdersportaal: {url}",
        "follow_up.portal": "Uw facturen en betalingen staan in uw huurdersportaal: {url}",
        "follow_up.help_title": "Hulp nodig?",
        "follow_up.help": "Hebt u al betaald, denkt u dat een bedrag niet klopt of kunt u niet "
        "volledig betalen, neem dan contact met ons op voordat het saldo oploopt: {contact}. "
        "We kunnen een afbetalingsregeling bespreken.",
        "follow_up.action.pay": "Online betalen in uw huurdersportaal",
        "follow_up.action.portal": "Uw huurdersportaal openen",
        "follow_up.or": " of ",
        "statement.title": "Rekeningoverzicht {year}",
        "statement.file": "rekeningoverzicht",
        "statement.tenants": "Huurders",
        "statement.period": "Periode",
        "statement.date": "Datum",
        "statement.description": "Omschrijving",
        "statement.charged": "Debet",
        "statement.paid": "Credit",
        "statement.balance": "Saldo",
        "statement.opening": "Beginsaldo",
        "statement.closing": "Eindsaldo en totalen",
        "statement.invoice": "Factuur nr. {number}",
        "statement.credit_note": "Creditnota nr. {number}",
        "statement.payment": "Betaling, ontvangstbewijs nr. {number}",
        "statement.refund": "Terugbetaling van de betaling van ontvangstbewijs nr. {number}",
        "statement.owed": "Verschuldigd saldo op het einde van de periode: {amount}.",
        "statement.in_credit": "Tegoed in uw voordeel op het einde van de periode: {amount}.",
        "statement.settled": "Niets verschuldigd op het einde van de periode.",
        "statement.none": "Geen verrichtingen op de rekening dit jaar.",
        "statement.as_at": "Opgesteld op {date} volgens de gegevens van {agency}. Een positief "
        "saldo is verschuldigd door de huurders, een negatief saldo staat in hun voordeel.",
        "published.subject": "Nieuw document van {agency}: {title}",
        "published.body": "{agency} publiceerde een document voor {place}: “{title}” ({kind}).",
        "published.portal": "U kunt het lezen en downloaden in uw huurdersportaal.",
        "published.action": "Uw documenten bekijken",
        "published.push.title": "Nieuw document",
        "published.push.body": "{agency} voegde een document toe aan uw huurovereenkomst. Open "
        "het portaal om het te lezen.",
        "kind.signed_lease": "ondertekende huurovereenkomst",
        "kind.condition_report_move_in": "plaatsbeschrijving bij intrek",
        "kind.condition_report_move_out": "plaatsbeschrijving bij vertrek",
        "kind.expense_statement": "afrekening van de kosten",
        "kind.certificate": "attest",
        "kind.other": "document",
    },
}


def _locale(tag: str) -> Locale:
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)


class _Agency(Protocol):
    @property
    def locale(self) -> str: ...

    @property
    def timezone(self) -> str: ...


class _Tenant(Protocol):
    @property
    def language(self) -> str | None: ...


@dataclass(frozen=True)
class Texts:
    """Everything locale-dependent about one document: words, money, dates."""

    locale: Locale
    timezone: str

    @classmethod
    def for_agency(cls, locale_tag: str, timezone: str) -> Texts:
        return cls(_locale(locale_tag), timezone)

    @classmethod
    def for_tenant(cls, agency: _Agency, tenant: _Tenant | None) -> Texts:
        """A message or document from ``agency`` to ``tenant``: in the tenant's language if
        they chose one, the agency's otherwise; the agency's region and timezone either way."""
        return cls(_locale(tenant_locale(agency, tenant)), agency.timezone)

    @property
    def language(self) -> str:
        return self.locale.language if self.locale.language in CATALOGUE else FALLBACK

    def __call__(self, key: str, **values: object) -> str:
        template = CATALOGUE[self.language].get(key) or CATALOGUE[FALLBACK][key]
        return template.format(**values)

    def html(self, key: str, **escaped_values: object) -> str:
        """The text of ``key`` as HTML; the values must already be escaped."""
        template = CATALOGUE[self.language].get(key) or CATALOGUE[FALLBACK][key]
        return html.escape(template, quote=False).format(**escaped_values)

    def money(self, amount_minor: int, currency: str) -> str:
        precision = get_currency_precision(currency)
        return format_currency(
            Decimal(amount_minor).scaleb(-precision), currency, locale=self.locale
        )

    def period(self, start: date, end: date) -> str:
        """A period, both ends included, as one range: "1-31 January 2027" (as on screen).

        CLDR's range patterns for day-month-year (babel has them with abbreviated months only)
        with the month written out, as in the one date style.
        """
        if start == end:
            return self.date(start)
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        halves = self.locale.interval_formats.get("yMMMd", {}).get(greatest)
        if not halves:
            return format_interval(start, end, "yMMMd", locale=self.locale)
        first, second = (_LONG_MONTH.sub("MMMM", half) for half in halves)
        return format_date(start, first, locale=self.locale) + format_date(
            end, second, locale=self.locale
        )

    def instant(self, value: datetime) -> str:
        """Date and time of an instant on the agency's clock, naming the zone, since the reader
        of an e-mail may be anywhere: "6 December 2026, 04:45 (Central European Time)"."""
        zone = ZoneInfo(self.timezone)
        moment = value.astimezone(zone)
        pattern = get_datetime_format("medium", locale=self.locale)
        shown = (
            str(pattern)
            .replace("'", "")
            .replace("{0}", format_time(moment, format="short", tzinfo=zone, locale=self.locale))
            .replace("{1}", format_date(moment.date(), format="long", locale=self.locale))
        )
        try:
            name = get_timezone_name(zone, width="long", zone_variant="generic", locale=self.locale)
        except LookupError:
            # CLDR names no zones for some locales an agency may choose; the zone's own key
            # still says which clock it is.
            name = self.timezone
        return f"{shown} ({name})"

    def date(self, value: date | datetime) -> str:
        """A calendar date; an instant is shown as its date in the agency's timezone.

        CLDR's "long" style ("6 December 2026"), the one date style of both front ends
        (web-shared/src/lib/format/date.ts), so an e-mail and the screen it links to agree.
        """
        if isinstance(value, datetime):
            value = value.astimezone(ZoneInfo(self.timezone)).date()
        return format_date(value, format="long", locale=self.locale)

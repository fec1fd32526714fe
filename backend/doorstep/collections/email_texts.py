"""The words of the e-mails ``collections`` writes (new invoice, transfer proofs, payment links,
bank details), in en, fr and nl; English for any other language. Numbers and dates are formatted
by :class:`doorstep.documents.i18n.Texts` in the agency's locale.
"""

from __future__ import annotations

from doorstep.documents.i18n import FALLBACK, Texts

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Dear {name},",
        "signoff": "Kind regards,",
        "place": "{property}, unit {unit}",
        "help": "Questions, or think something is wrong? Contact us: {contact}.",
        "help.reply": "Questions, or think something is wrong? Reply to this e-mail, or write "
        "to us under Messages in your tenant portal.",
        "or": " or ",
        "bank.title": "Pay by bank transfer",
        "bank.beneficiary": "Beneficiary",
        "bank.iban": "IBAN",
        "bank.bic": "BIC",
        "bank.account": "Account number",
        "bank.reference": "Structured reference",
        "bank.amount": "Amount",
        "bank.note": "Quote the reference exactly: it tells us the money is for your lease.",
        "invoice.subject": "Invoice no. {number} from {agency}: {amount} due on {date}",
        "invoice.body": "Your invoice no. {number} for {place} is ready. It asks for {amount}, "
        "due on {date}.",
        "invoice.body_period": "Your invoice no. {number} for {place} ({period}) is ready. It "
        "asks for {amount}, due on {date}.",
        "invoice.column.description": "Description",
        "invoice.column.amount": "Amount",
        "invoice.total": "Total due",
        "invoice.action": "View and pay invoice no. {number}",
        "invoice.rent": "Rent",
        "proof.received.subject": "We received your proof of transfer ({agency})",
        "proof.received.body": "Thank you. We received your proof of a bank transfer of {amount} "
        "made on {date} with reference {reference}.",
        "proof.received.next": "We will check it against our bank account and tell you when it "
        "is confirmed. Until then, the amount shows as pending in your tenant portal.",
        "proof.confirmed.subject": "Your transfer of {amount} is confirmed ({agency})",
        "proof.confirmed.body": "We confirm that your bank transfer of {amount} made on {date} "
        "arrived. It is recorded on your account; the receipt follows in a separate e-mail.",
        "proof.confirmed.paid": "Invoice no. {number} is now paid.",
        "proof.confirmed.owed": "Invoice no. {number} still asks for {amount}, due on {date}.",
        "proof.action": "See your transfer",
        "proof.rejected.action": "View invoice no. {number}",
        # Push notifications: what a lock screen may show (no amount, number or name).
        "push.invoice.title": "New invoice",
        "push.invoice.body": "{agency} sent you an invoice due on {date}.",
        "push.proof_rejected.title": "Transfer not confirmed",
        "push.proof_rejected.body": "{agency} could not confirm the transfer you reported. "
        "Open the portal to see why.",
        "push.follow_up.title": "Payment overdue",
        "push.follow_up.body": "{agency} wrote to you about a payment that is overdue. Open the "
        "portal to see what is owed.",
        "link.subject": "Pay invoice no. {number} ({amount}), {agency}",
        "link.body": "{agency} sends you a link to pay invoice no. {number} for {place}: "
        "{amount}, due on {date}.",
        "link.body_period": "{agency} sends you a link to pay invoice no. {number} for {place} "
        "({period}): {amount}, due on {date}.",
        "link.action": "Pay {amount} by card",
        "link.expires": "The link works until {date} and needs no password.",
        "link.safety": "Before you pay, the page shows {agency}, the address and the period. If "
        "anything looks wrong, do not pay and contact us.",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "signoff": "Cordialement,",
        "place": "{property}, logement {unit}",
        "help": "Une question, ou quelque chose vous semble inexact ? Contactez-nous : {contact}.",
        "help.reply": "Une question, ou quelque chose vous semble inexact ? Répondez à ce "
        "courriel, ou écrivez-nous dans Messages de votre portail locataire.",
        "or": " ou ",
        "bank.title": "Payer par virement",
        "bank.beneficiary": "Bénéficiaire",
        "bank.iban": "IBAN",
        "bank.bic": "BIC",
        "bank.account": "Numéro de compte",
        "bank.reference": "Référence structurée",
        "bank.amount": "Montant",
        "bank.note": "Indiquez la référence telle quelle : elle nous dit que le paiement est "
        "pour votre bail.",
        "invoice.subject": "Facture n° {number} de {agency} : {amount} à payer le {date}",
        "invoice.body": "Votre facture n° {number} pour {place} est disponible. Elle s'élève à "
        "{amount}, à payer le {date}.",
        "invoice.body_period": "Votre facture n° {number} pour {place} ({period}) est "
        "disponible. Elle s'élève à {amount}, à payer le {date}.",
        "invoice.column.description": "Description",
        "invoice.column.amount": "Montant",
        "invoice.total": "Total à payer",
        "invoice.action": "Voir et payer la facture n° {number}",
        "invoice.rent": "Loyer",
        "proof.received.subject": "Nous avons reçu votre preuve de virement ({agency})",
        "proof.received.body": "Merci. Nous avons reçu votre preuve d'un virement de {amount} "
        "effectué le {date} avec la référence {reference}.",
        "proof.received.next": "Nous allons le vérifier sur notre compte bancaire et vous "
        "dirons quand il sera confirmé. D'ici là, le montant apparaît comme en attente dans "
        "votre portail locataire.",
        "proof.confirmed.subject": "Votre virement de {amount} est confirmé ({agency})",
        "proof.confirmed.body": "Nous confirmons la réception de votre virement de {amount} "
        "effectué le {date}. Il est enregistré sur votre compte ; le reçu suit dans un autre "
        "courriel.",
        "proof.confirmed.paid": "La facture n° {number} est maintenant payée.",
        "proof.confirmed.owed": "La facture n° {number} demande encore {amount}, à payer le "
        "{date}.",
        "proof.action": "Voir votre virement",
        "proof.rejected.action": "Voir la facture n° {number}",
        "push.invoice.title": "Nouvelle facture",
        "push.invoice.body": "{agency} vous a envoyé une facture à payer le {date}.",
        "push.proof_rejected.title": "Virement non confirmé",
        "push.proof_rejected.body": "{agency} n'a pas pu confirmer le virement que vous avez "
        "signalé. Ouvrez le portail pour savoir pourquoi.",
        "push.follow_up.title": "Paiement en retard",
        "push.follow_up.body": "{agency} vous a écrit au sujet d'un paiement en retard. Ouvrez le "
        "portail pour voir ce qui reste dû.",
        "link.subject": "Payer la facture n° {number} ({amount}), {agency}",
        "link.body": "{agency} vous envoie un lien pour payer la facture n° {number} pour "
        "{place} : {amount}, à payer le {date}.",
        "link.body_period": "{agency} vous envoie un lien pour payer la facture n° {number} "
        "pour {place} ({period}) : {amount}, à payer le {date}.",
        "link.action": "Payer {amount} par carte",
        "link.expires": "Le lien fonctionne jusqu'au {date}, sans mot de passe.",
        "link.safety": "Avant le paiement, la page affiche {agency}, l'adresse et la période. "
        "Si quelque chose vous semble anormal, ne payez pas et contactez-nous.",
    },
    "nl": {
        "greeting": "Beste {name},",
        "signoff": "Met vriendelijke groet,",
        "place": "{property}, woning {unit}",
        "help": "Vragen, of klopt er iets niet? Neem contact op: {contact}.",
        "help.reply": "Vragen, of klopt er iets niet? Beantwoord deze e-mail, of schrijf ons "
        "via Berichten in uw huurdersportaal.",
        "or": " of ",
        "bank.title": "Betalen via overschrijving",
        "bank.beneficiary": "Begunstigde",
        "bank.iban": "IBAN",
        "bank.bic": "BIC",
        "bank.account": "Rekeningnummer",
        "bank.reference": "Gestructureerde mededeling",
        "bank.amount": "Bedrag",
        "bank.note": "Vermeld de mededeling precies zo: zo weten we dat het geld voor uw "
        "huurcontract is.",
        "invoice.subject": "Factuur nr. {number} van {agency}: {amount} te betalen op {date}",
        "invoice.body": "Uw factuur nr. {number} voor {place} staat klaar. Ze bedraagt "
        "{amount}, te betalen op {date}.",
        "invoice.body_period": "Uw factuur nr. {number} voor {place} ({period}) staat klaar. Ze "
        "bedraagt {amount}, te betalen op {date}.",
        "invoice.column.description": "Omschrijving",
        "invoice.column.amount": "Bedrag",
        "invoice.total": "Totaal te betalen",
        "invoice.action": "Factuur nr. {number} bekijken en betalen",
        "invoice.rent": "Huur",
        "proof.received.subject": "We hebben uw betalingsbewijs ontvangen ({agency})",
        "proof.received.body": "Bedankt. We hebben uw bewijs ontvangen van een overschrijving "
        "van {amount} op {date} met mededeling {reference}.",
        "proof.received.next": "We controleren ze op onze bankrekening en laten u weten wanneer "
        "ze bevestigd is. Tot dan staat het bedrag als in behandeling in uw huurdersportaal.",
        "proof.confirmed.subject": "Uw overschrijving van {amount} is bevestigd ({agency})",
        "proof.confirmed.body": "We bevestigen dat uw overschrijving van {amount} op {date} is "
        "aangekomen. Ze is op uw rekening geboekt; het ontvangstbewijs volgt in een aparte "
        "e-mail.",
        "proof.confirmed.paid": "Factuur nr. {number} is nu betaald.",
        "proof.confirmed.owed": "Factuur nr. {number} bedraagt nog {amount}, te betalen op {date}.",
        "proof.action": "Uw overschrijving bekijken",
        "proof.rejected.action": "Factuur nr. {number} bekijken",
        "push.invoice.title": "Nieuwe factuur",
        "push.invoice.body": "{agency} stuurde u een factuur, te betalen op {date}.",
        "push.proof_rejected.title": "Overschrijving niet bevestigd",
        "push.proof_rejected.body": "{agency} kon de overschrijving die u meldde niet bevestigen. "
        "Open het portaal om te zien waarom.",
        "push.follow_up.title": "Betaling achterstallig",
        "push.follow_up.body": "{agency} schreef u over een achterstallige betaling. Open het "
        "portaal om te zien wat nog openstaat.",
        "link.subject": "Factuur nr. {number} betalen ({amount}), {agency}",
        "link.body": "{agency} stuurt u een link om factuur nr. {number} voor {place} te "
        "betalen: {amount}, te betalen op {date}.",
        "link.body_period": "{agency} stuurt u een link om factuur nr. {number} voor {place} "
        "({period}) te betalen: {amount}, te betalen op {date}.",
        "link.action": "{amount} betalen met kaart",
        "link.expires": "De link werkt tot {date}, zonder wachtwoord.",
        "link.safety": "Voor u betaalt, toont de pagina {agency}, het adres en de periode. Lijkt "
        "er iets niet te kloppen, betaal dan niet en neem contact met ons op.",
    },
}


def words(texts: Texts, key: str, **values: object) -> str:
    """``key`` in the agency's language, with ``values`` filled in."""
    language = texts.language if texts.language in CATALOGUE else FALLBACK
    template = CATALOGUE[language].get(key) or CATALOGUE[FALLBACK][key]
    return template.format(**values)

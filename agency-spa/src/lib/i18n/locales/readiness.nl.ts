import type { ScreensTranslation } from "./screens.en";

/** Nederlandse teksten van de controle vóór het versturen van een uitnodiging of betaallink (seed 000). */
export const readinessNl: ScreensTranslation["readiness"] = {
  title: "Vóór het versturen: controle van het dossier",
  intro: "Controleer eerst de fiche van de huurder en het huurcontract. Een uitnodiging lost ontbrekende gegevens niet op.",
  loading: "Dossier wordt gecontroleerd…",
  loadError: "De controle kon niet worden geladen.",
  summary: {
    ok: "Niets houdt het versturen tegen.",
    blocking: "Versturen is geblokkeerd: los de blokkerende punten op, of verstuur toch met een reden.",
  },
  status: { ok: "In orde", warning: "Let op", blocking: "Blokkerend" },
  items: {
    email: "E-mailadres",
    phone: "Telefoon",
    lease: "Huurcontract",
    unit: "Wooneenheid",
    schedule: "Betalingsschema",
    invoices: "Openstaande facturen",
    payment_method: "Betaalmethode",
    integration: "Status van de koppelingen",
  },
  codes: {
    email: {
      ok: "E-mails gaan naar {{email}}.",
      missing: "Er is geen e-mailadres.",
      undeliverable: "De laatste e-mail naar {{email}} kon niet worden afgeleverd: controleer het adres op de fiche.",
      differs: "De uitnodiging gaat naar {{email}}, maar op de fiche van de huurder staat {{record_email}}.",
    },
    phone: {
      ok: "Telefoon: {{phone}}.",
      missing: "Geen telefoonnummer: niemand kan de huurder bellen als een betaling misloopt.",
    },
    lease: {
      ok: "Huurcontract van {{unit}}, {{property}}, vanaf {{start_date}}.",
      none: "De huurder heeft geen actief huurcontract: er zou geen huur te betalen zijn.",
      several: "De huurder heeft {{count}} actieve huurcontracten: kies het juiste.",
      not_active: "Het huurcontract van {{unit}}, {{property}} is {{status}}: alleen een actief huurcontract wordt gefactureerd en betaald.",
      not_party: "De huurder staat niet op dit huurcontract.",
      joins: "De huurder staat nog niet op dit huurcontract: de uitnodiging voegt hem eraan toe.",
    },
    unit: {
      ok: "{{unit}}, {{property}} ({{address}}).",
      no_lease: "Nog geen huurcontract gekozen: geen wooneenheid om te bevestigen.",
    },
    schedule: {
      ok: "{{amount}} {{frequency}}, volgende vervaldag {{next_due}}.",
      no_lease: "Nog geen huurcontract gekozen: geen betalingsschema.",
      not_active: "Huur wordt pas gefactureerd zodra het huurcontract actief is.",
      ended: "Er vervalt geen huur meer: het huurcontract eindigt op {{end_date}} zonder verlenging.",
    },
    invoices: {
      ok: "{{count}} openstaande factu(u)r(en), {{outstanding}} te betalen, waarvan {{overdue}} achterstallig; de bedragen kloppen met de huur.",
      none: "Geen openstaande facturen op dit huurcontract.",
      no_lease: "Nog geen huurcontract gekozen: geen facturen.",
      too_high: "Factuur {{number}} vraagt {{amount}}, maar de huur volgens het contract is {{expected}}.",
      too_low: "Factuur {{number}} vraagt {{amount}}, minder dan de huur volgens het contract ({{expected}}).",
      off_schedule: "Factuur {{number}} geldt voor een periode die niet in het betalingsschema staat (vanaf {{period_start}}).",
      drafts: "{{count}} factu(u)r(en) op dit huurcontract wachten op goedkeuring: de huurder ziet ze nog niet.",
    },
    payment_method: {
      ok: "De huurder kan betalen: {{methods}}.",
      none: "De huurder zou niet kunnen betalen: voeg de bankgegevens van de derdenrekening toe, of zet kaartbetalingen aan.",
      link: "Met de kaart, via de link.",
    },
    integration: {
      ok: "De nodige functies staan aan en de betaaldienst is ingesteld.",
      portal_off: "Het huurdersportaal staat uit voor uw kantoor: de huurder zou niet kunnen aanmelden.",
      cards_off: "Kaartbetalingen staan niet aan: de huurder ziet betalen met de kaart als 'in ontwikkeling'.",
      gateway_missing: "De betaaldienst is niet ingesteld: kaartbetalingen zijn niet mogelijk.",
      links_off: "Betaallinks staan niet aan voor uw kantoor.",
    },
  },
  methods: {
    card: "online met de kaart",
    transfer: "via overschrijving",
    recurring_card: "via de terugkerende kaartbetaling die voor dit huurcontract is ingesteld",
    recurring_sepa_debit: "via de SEPA-domiciliëring die voor dit huurcontract is ingesteld",
  },
  frequency: { weekly: "per week", fortnightly: "om de twee weken", monthly: "per maand" },
  fix: {
    tenant: "Huurder openen",
    lease: "Huurcontract openen",
    invoice: "Factuur openen",
    settings: "Instellingen openen",
  },
  lease: {
    label: "Huurcontract waarvoor dit is",
    hint: "De huurder heeft meerdere huurcontracten: kies het juiste.",
    choose: "Kies een huurcontract",
    option: "{{unit}}, {{property}} (vanaf {{start}}, {{status}})",
  },
  override: {
    label: "Toch versturen",
    hint: "Uw reden wordt bewaard met uw naam en het tijdstip.",
    reason: "Waarom het toch verstuurd wordt",
    required: "Geef aan waarom het toch verstuurd wordt.",
  },
  overrides: {
    title: "Verstuurd ondanks de controle",
    empty: "Niets werd verstuurd ondanks een blokkerend punt.",
    by: "{{name}}, {{when}}",
    action: {
      invite: "Uitnodiging verstuurd",
      invite_resend: "Uitnodiging opnieuw verstuurd",
      payment_link: "Betaallink aangemaakt",
      payment_link_email: "Betaallink gemaild",
    },
    blocking: "Toen blokkerend:",
  },
};

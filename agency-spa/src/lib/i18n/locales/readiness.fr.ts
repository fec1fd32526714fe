import type { ScreensTranslation } from "./screens.en";

/** Strings français de la revue avant envoi d'une invitation ou d'un lien de paiement (seed 000). */
export const readinessFr: ScreensTranslation["readiness"] = {
  title: "Avant l'envoi : revue du dossier",
  intro: "Vérifiez d'abord la fiche du locataire et son bail. Une invitation ne corrige pas les données manquantes.",
  loading: "Revue du dossier…",
  loadError: "La revue n'a pas pu être chargée.",
  summary: {
    ok: "Rien n'empêche l'envoi.",
    blocking: "L'envoi est bloqué : corrigez les points bloquants, ou envoyez quand même en donnant une raison.",
  },
  status: { ok: "OK", warning: "Attention", blocking: "Bloquant" },
  items: {
    email: "E-mail",
    phone: "Téléphone",
    lease: "Bail",
    unit: "Logement",
    schedule: "Échéancier",
    invoices: "Factures ouvertes",
    payment_method: "Moyen de paiement",
    integration: "État des intégrations",
  },
  codes: {
    email: {
      ok: "Les e-mails partent vers {{email}}.",
      missing: "Il n'y a pas d'adresse e-mail.",
      undeliverable: "Le dernier e-mail à {{email}} n'a pas pu être remis : vérifiez l'adresse sur la fiche.",
      differs: "L'invitation part vers {{email}}, mais la fiche du locataire indique {{record_email}}.",
    },
    phone: {
      ok: "Téléphone : {{phone}}.",
      missing: "Pas de numéro de téléphone : personne ne pourra appeler le locataire si un paiement échoue.",
    },
    lease: {
      ok: "Bail de {{unit}}, {{property}}, depuis le {{start_date}}.",
      none: "Le locataire n'a pas de bail actif : il ne trouverait aucun loyer à payer.",
      several: "Le locataire a {{count}} baux actifs : choisissez celui concerné.",
      not_active: "Le bail de {{unit}}, {{property}} est {{status}} : seul un bail actif est facturé et payé.",
      not_party: "Le locataire ne figure pas sur ce bail.",
      joins: "Le locataire ne figure pas encore sur ce bail : l'invitation l'y ajoutera.",
    },
    unit: {
      ok: "{{unit}}, {{property}} ({{address}}).",
      no_lease: "Aucun bail choisi : pas de logement à confirmer.",
    },
    schedule: {
      ok: "{{amount}} {{frequency}}, prochaine échéance le {{next_due}}.",
      no_lease: "Aucun bail choisi : pas d'échéancier.",
      not_active: "Le loyer n'est facturé qu'une fois le bail actif.",
      ended: "Plus aucun loyer n'est dû : le bail se termine le {{end_date}} sans tacite prolongation.",
    },
    invoices: {
      ok: "{{count}} facture(s) ouverte(s), {{outstanding}} à payer, dont {{overdue}} en retard ; les montants correspondent au loyer.",
      none: "Aucune facture ouverte sur ce bail.",
      no_lease: "Aucun bail choisi : pas de factures.",
      too_high: "La facture {{number}} demande {{amount}}, mais le loyer du bail pour cette période est de {{expected}}.",
      too_low: "La facture {{number}} demande {{amount}}, moins que le loyer du bail pour cette période ({{expected}}).",
      off_schedule: "La facture {{number}} porte sur une période absente de l'échéancier du bail (à partir du {{period_start}}).",
      drafts: "{{count}} facture(s) de ce bail attendent une approbation : le locataire ne les voit pas encore.",
    },
    payment_method: {
      ok: "Le locataire peut payer : {{methods}}.",
      none: "Le locataire n'aurait aucun moyen de payer : ajoutez les coordonnées bancaires du compte de tiers, ou activez le paiement par carte.",
      link: "Par carte, via le lien.",
    },
    integration: {
      ok: "Les fonctions nécessaires sont activées et la passerelle de paiement est configurée.",
      portal_off: "Le portail locataire est désactivé pour votre agence : le locataire ne pourrait pas se connecter.",
      cards_off: "Le paiement par carte n'est pas activé : le locataire le verra comme « en cours ».",
      gateway_missing: "La passerelle de paiement n'est pas configurée : aucun paiement par carte possible.",
      links_off: "Les liens de paiement ne sont pas activés pour votre agence.",
    },
  },
  methods: {
    card: "par carte en ligne",
    transfer: "par virement",
    recurring_card: "par le paiement récurrent par carte mis en place pour ce bail",
    recurring_sepa_debit: "par la domiciliation SEPA mise en place pour ce bail",
  },
  frequency: { weekly: "par semaine", fortnightly: "toutes les deux semaines", monthly: "par mois" },
  fix: {
    tenant: "Ouvrir le locataire",
    lease: "Ouvrir le bail",
    invoice: "Ouvrir la facture",
    settings: "Ouvrir les paramètres",
  },
  lease: {
    label: "Bail concerné",
    hint: "Le locataire a plusieurs baux : choisissez celui concerné.",
    choose: "Choisir un bail",
    option: "{{unit}}, {{property}} (depuis le {{start}}, {{status}})",
  },
  override: {
    label: "Envoyer quand même",
    hint: "Votre raison est enregistrée avec votre nom et l'heure.",
    reason: "Pourquoi l'envoyer quand même",
    required: "Indiquez pourquoi vous envoyez quand même.",
  },
  overrides: {
    title: "Envoyés malgré la revue du dossier",
    empty: "Rien n'a été envoyé malgré un point bloquant.",
    by: "{{name}}, {{when}}",
    action: {
      invite: "Invitation envoyée",
      invite_resend: "Invitation renvoyée",
      payment_link: "Lien de paiement créé",
      payment_link_email: "Lien de paiement envoyé par e-mail",
    },
    blocking: "Bloquant à ce moment :",
  },
};

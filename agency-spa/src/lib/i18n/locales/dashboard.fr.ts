import type { ScreensTranslation } from "./screens.en";

/** Page d'accueil (fr.ts `dashboard`). */
export const dashboardFr: ScreensTranslation["dashboard"] = {
  nav: "Aujourd'hui",
  title: "Aujourd'hui",
  today: "{{date}}, fuseau {{timeZone}}.",
  actionsTitle: "À traiter",
  nothing: "Rien à traiter aujourd'hui.",
  actions: {
    overdue_invoices_one: "facture en retard",
    overdue_invoices_other: "factures en retard",
    approvals_waiting_one: "décision en attente d'approbation",
    approvals_waiting_other: "décisions en attente d'approbation",
    transfer_proofs_to_review_one: "preuve de virement à vérifier",
    transfer_proofs_to_review_other: "preuves de virement à vérifier",
    unmatched_bank_lines_one: "ligne bancaire à rapprocher",
    unmatched_bank_lines_other: "lignes bancaires à rapprocher",
    failed_payments_one: "paiement échoué",
    failed_payments_other: "paiements échoués",
    recurring_needing_attention_one: "paiement récurrent à examiner",
    recurring_needing_attention_other: "paiements récurrents à examiner",
    incidents_to_qualify_one: "incident à qualifier",
    incidents_to_qualify_other: "incidents à qualifier",
    follow_ups_awaiting_review_one: "relance à examiner",
    follow_ups_awaiting_review_other: "relances à examiner",
  },
  overdueAmount: "{{amount}} encore dus",
  monthTitle: "Loyers et factures échus en {{month}}",
  monthIntro: "Ce que demandent les factures échues ce mois-ci, ce qui a été payé et ce qui reste à recevoir.",
  monthFigures: "L'argent du mois",
  figures: {
    expected: "Attendu",
    collected: "Encaissé",
    outstanding: "Reste à encaisser",
    invoices: "Factures",
  },
  openCollections: "Ouvrir le suivi des encaissements pour ce mois",
};

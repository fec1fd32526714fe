import type { ScreensTranslation } from "./screens.en";

/** Startpagina (nl.ts `dashboard`). */
export const dashboardNl: ScreensTranslation["dashboard"] = {
  nav: "Vandaag",
  title: "Vandaag",
  today: "{{date}}, tijdzone {{timeZone}}.",
  actionsTitle: "Te doen",
  nothing: "Vandaag is er niets te doen.",
  actions: {
    overdue_invoices_one: "achterstallige factuur",
    overdue_invoices_other: "achterstallige facturen",
    approvals_waiting_one: "beslissing die op goedkeuring wacht",
    approvals_waiting_other: "beslissingen die op goedkeuring wachten",
    transfer_proofs_to_review_one: "overschrijvingsbewijs om te controleren",
    transfer_proofs_to_review_other: "overschrijvingsbewijzen om te controleren",
    unmatched_bank_lines_one: "bankregel om af te stemmen",
    unmatched_bank_lines_other: "bankregels om af te stemmen",
    failed_payments_one: "mislukte betaling",
    failed_payments_other: "mislukte betalingen",
    recurring_needing_attention_one: "terugkerende betaling die aandacht vraagt",
    recurring_needing_attention_other: "terugkerende betalingen die aandacht vragen",
    incidents_to_qualify_one: "incident om te beoordelen",
    incidents_to_qualify_other: "incidenten om te beoordelen",
    follow_ups_awaiting_review_one: "opvolging te beoordelen",
    follow_ups_awaiting_review_other: "opvolgingen te beoordelen",
  },
  overdueAmount: "nog {{amount}} verschuldigd",
  monthTitle: "Huur en facturen met vervaldag in {{month}}",
  monthIntro: "Wat de facturen die deze maand vervallen vragen, wat erop betaald is en wat nog moet binnenkomen.",
  monthFigures: "Het geld van deze maand",
  figures: {
    expected: "Verwacht",
    collected: "Geïnd",
    outstanding: "Nog te innen",
    invoices: "Facturen",
  },
  openCollections: "Het inningsoverzicht van deze maand openen",
};

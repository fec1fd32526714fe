import type { ScreensTranslation } from "./en";

/** Nederlandse teksten van de documentenschermen. */
export const documentsNl: ScreensTranslation["documents"] = {
  title: "Documenten",
  intro: "Uw huurovereenkomst, plaatsbeschrijvingen, ontvangstbewijzen, overzichten en attesten. De lijst blijft offline leesbaar; downloaden vraagt een verbinding.",
  latestTitle: "Laatste documenten",
  seeAll: "Alle documenten",
  filter: "Tonen",
  allKinds: "Alle documenten",
  empty: "Nog geen documenten. De documenten van uw agentschap en uw ontvangstbewijzen verschijnen hier.",
  emptyKind: "Geen documenten van deze soort.",
  loadMore: "Meer tonen",
  loadingMore: "Laden…",
  download: "Downloaden",
  downloadNamed: "{{name}} downloaden",
  downloading: "Bezig met downloaden…",
  downloadOffline: "Downloaden vraagt een verbinding.",
  receiptTitle: "Ontvangstbewijs nr. {{number}}",
  statementTitle: "Rekeningoverzicht {{year}}",
  statementUntil: "tot {{date}}",
  year: "Jaar {{year}}",
  kind: {
    signed_lease: "Ondertekende huurovereenkomst",
    condition_report_move_in: "Plaatsbeschrijving bij intrek",
    condition_report_move_out: "Plaatsbeschrijving bij vertrek",
    expense_statement: "Afrekening van de kosten",
    account_statement: "Rekeningoverzicht",
    receipt: "Ontvangstbewijs",
    certificate: "Attest",
    other: "Ander document",
  },
};

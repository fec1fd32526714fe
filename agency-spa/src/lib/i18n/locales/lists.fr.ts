import type { ScreensTranslation } from "./screens.en";

/** Chaînes communes aux listes de factures et de paiements (fr.ts `lists`). */
export const listsFr: ScreensTranslation["lists"] = {
  tenant: "Locataire",
  tenantHint: "Le nom, l'adresse e-mail ou le numéro de téléphone d'un locataire, ou une partie.",
  receivedFrom: "Reçus à partir du",
  receivedTo: "Reçus jusqu'au",
  totals: "Totaux de la liste",
  export: "Télécharger en CSV (tableur)",
  exporting: "Préparation du fichier…",
  invoiceTotals: {
    invoices: "Factures",
    total: "Facturé",
    credited: "Crédité",
    paid: "Payé",
    outstanding: "Reste dû",
  },
  paymentTotals: {
    payments: "Paiements",
    received: "Reçu",
    refunded: "Remboursé",
    allocated: "Affecté aux factures",
    unallocated: "Laissé en crédit",
  },
};

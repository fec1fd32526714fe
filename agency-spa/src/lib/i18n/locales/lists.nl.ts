import type { ScreensTranslation } from "./screens.en";

/** Teksten die de factuur- en betalingslijsten delen (nl.ts `lists`). */
export const listsNl: ScreensTranslation["lists"] = {
  tenant: "Huurder",
  tenantHint: "De naam, het e-mailadres of het telefoonnummer van een huurder, of een deel ervan.",
  receivedFrom: "Ontvangen vanaf",
  receivedTo: "Ontvangen tot en met",
  totals: "Totalen van de lijst",
  export: "Downloaden als CSV (rekenblad)",
  exporting: "Bestand wordt voorbereid…",
  invoiceTotals: {
    invoices: "Facturen",
    total: "Gefactureerd",
    credited: "Gecrediteerd",
    paid: "Betaald",
    outstanding: "Nog verschuldigd",
  },
  paymentTotals: {
    payments: "Betalingen",
    received: "Ontvangen",
    refunded: "Terugbetaald",
    allocated: "Op facturen geboekt",
    unallocated: "Als tegoed gebleven",
  },
};

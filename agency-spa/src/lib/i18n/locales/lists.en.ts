/** English strings shared by the invoice and payment lists (en.ts `lists`): the source of its keys. */
export const listsEn = {
  tenant: "Tenant",
  tenantHint: "A tenant's name, e-mail address or phone number, or part of it.",
  receivedFrom: "Received from",
  receivedTo: "Received until",
  totals: "Totals of the list",
  export: "Download as CSV (spreadsheet)",
  exporting: "Preparing the file…",
  invoiceTotals: {
    invoices: "Invoices",
    total: "Invoiced",
    credited: "Credited",
    paid: "Paid",
    outstanding: "Still due",
  },
  paymentTotals: {
    payments: "Payments",
    received: "Received",
    refunded: "Refunded",
    allocated: "Settled invoices",
    unallocated: "Left as credit",
  },
};

/** English strings of the banner about the scheduled work (en.ts `schedulerHealth`): the source of its keys. */
export const schedulerHealthEn = {
  failing: {
    title: "Scheduled work keeps failing.",
    text: "Doorstep tries again every minute; until it succeeds, this work waits for your agency. Please tell your administrator.",
  },
  stalled: {
    title: "Scheduled work stops before it finishes.",
    text: "Rent invoices, e-mails, card payment checks and refunds may be late. Please tell your administrator.",
  },
  failingWork_one: "{{work}}: failed at {{since}}",
  failingWork_other: "{{work}}: failed {{count}} times in a row since {{since}}",
  work: {
    leaseEnds: "Ending leases that have expired",
    rentInvoices: "Rent invoices",
    cardChecks: "Checking card payments with the card processor",
    email: "Sending e-mails",
    cardRefunds: "Card refunds",
    tasks: "Scheduled tasks",
    tick: "The whole cycle (it stopped part-way)",
  },
};

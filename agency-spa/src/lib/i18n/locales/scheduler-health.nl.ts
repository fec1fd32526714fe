import type { ScreensTranslation } from "./screens.en";

/** Nederlandse teksten van de banner over het geplande werk (nl.ts `schedulerHealth`). */
export const schedulerHealthNl: ScreensTranslation["schedulerHealth"] = {
  failing: {
    title: "Gepland werk mislukt telkens opnieuw.",
    text: "Doorstep probeert het elke minuut opnieuw; tot het lukt, wacht dit werk voor uw kantoor. Verwittig uw beheerder.",
  },
  stalled: {
    title: "Gepland werk stopt voor het klaar is.",
    text: "Huurfacturen, e-mails, controles van kaartbetalingen en terugbetalingen kunnen vertraging hebben. Verwittig uw beheerder.",
  },
  failingWork_one: "{{work}}: mislukt op {{since}}",
  failingWork_other: "{{work}}: {{count}} keer na elkaar mislukt sinds {{since}}",
  work: {
    leaseEnds: "Verlopen huurcontracten beëindigen",
    rentInvoices: "Huurfacturen",
    cardChecks: "Kaartbetalingen nagaan bij de kaartverwerker",
    email: "E-mails versturen",
    cardRefunds: "Terugbetalingen op kaart",
    tasks: "Geplande taken",
    tick: "De hele cyclus (halverwege gestopt)",
  },
};

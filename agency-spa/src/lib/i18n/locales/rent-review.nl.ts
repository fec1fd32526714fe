import type { ScreensTranslation } from "./screens.en";

/** Het onderdeel Huur van de pagina van een huurovereenkomst (zie `./rent-review.en`). */
export const rentReviewNl: ScreensTranslation["rentReview"] = {
  title: "Huur",
  inEffect: "Huur vandaag van kracht",
  agreed: "Bij de start overeengekomen huur",
  next: "Volgende wijziging",
  noNext: "Geen geregistreerd",
  from: "Vanaf {{date}}: {{amount}}",
  history: "Huurherzieningen",
  noHistory: "De huur is niet herzien.",
  effectiveFrom: "Van kracht vanaf",
  effectiveFromHint: "De eerste dag van de nieuwe huur. Huurfacturen die al zijn uitgegeven voor latere periodes worden aangepast.",
  rent: "Nieuwe huur",
  reviewedBy: "Herzien door",
  reviewedAt: "Geregistreerd op",
  open: "De huur herzien",
  newRent: "Nieuwe huur ({{currency}})",
  submit: "Herziening registreren",
  recorded: "Huurherziening geregistreerd: {{amount}} vanaf {{date}}.",
  errors: {
    exists: "De huur is al herzien vanaf die datum.",
    noDate: "Geef de datum vanaf wanneer de nieuwe huur geldt.",
    beforeStart: "Een huurherziening kan niet ingaan vóór de start van de huurovereenkomst.",
  },
};

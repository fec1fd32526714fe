import type { ScreensTranslation } from "./screens.en";

/** La section Loyer de la page d'un bail (voir `./rent-review.en`). */
export const rentReviewFr: ScreensTranslation["rentReview"] = {
  title: "Loyer",
  inEffect: "Loyer en vigueur aujourd'hui",
  agreed: "Loyer convenu au départ",
  next: "Prochain changement",
  noNext: "Aucun enregistré",
  from: "À partir du {{date}} : {{amount}}",
  history: "Révisions du loyer",
  noHistory: "Le loyer n'a pas été révisé.",
  effectiveFrom: "En vigueur à partir du",
  effectiveFromHint: "Le premier jour du nouveau loyer. Les factures de loyer déjà émises pour les périodes suivantes sont ajustées.",
  rent: "Nouveau loyer",
  reviewedBy: "Révisé par",
  reviewedAt: "Enregistré le",
  open: "Réviser le loyer",
  newRent: "Nouveau loyer ({{currency}})",
  submit: "Enregistrer la révision",
  recorded: "Révision du loyer enregistrée : {{amount}} à partir du {{date}}.",
  errors: {
    exists: "Le loyer est déjà révisé à partir de cette date.",
    noDate: "Indiquez la date à partir de laquelle le nouveau loyer s'applique.",
    beforeStart: "Une révision du loyer ne peut pas prendre effet avant le début du bail.",
  },
};

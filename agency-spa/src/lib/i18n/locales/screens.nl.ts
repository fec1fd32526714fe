import { recurringNl } from "./recurring.nl";
import { settingsNl } from "./settings.nl";
import { moneyNl } from "./money/nl";
import { collectionsNl } from "./money/collections.nl";
import { reconciliationNl } from "./money/reconciliation.nl";
import { documentsNl } from "./documents.nl";
import { contractorsNl, incidentsNl } from "./incidents.nl";
import { messagesNl } from "./messages.nl";
import { transferProofsNl } from "./money/transfer-proofs.nl";
import { accountPageNl, portalAccessNl } from "./account.nl";
import { schedulerHealthNl } from "./scheduler-health.nl";
import { dashboardNl } from "./dashboard.nl";
import { listsNl } from "./lists.nl";
import { customersNl } from "./customers.nl";
import { readinessNl } from "./readiness.nl";
import { rentReviewNl } from "./rent-review.nl";
import type { ScreensTranslation } from "./screens.en";

/** The screens' strings (see `./screens.en`). */
export const screensNl: ScreensTranslation = {
  ...moneyNl,
  collections: collectionsNl,
  reconciliation: reconciliationNl,
  transferProofs: transferProofsNl,
  incidents: incidentsNl,
  messages: messagesNl,
  documents: documentsNl,
  contractors: contractorsNl,
  schedulerHealth: schedulerHealthNl,
  accountPage: accountPageNl,
  portalAccess: portalAccessNl,
  dashboard: dashboardNl,
  lists: listsNl,
  customers: customersNl,
  readiness: readinessNl,
  recurring: recurringNl,
  settings: settingsNl,
  rentReview: rentReviewNl,
};

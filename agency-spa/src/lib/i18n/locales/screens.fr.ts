import { recurringFr } from "./recurring.fr";
import { settingsFr } from "./settings.fr";
import { moneyFr } from "./money/fr";
import { collectionsFr } from "./money/collections.fr";
import { reconciliationFr } from "./money/reconciliation.fr";
import { documentsFr } from "./documents.fr";
import { contractorsFr, incidentsFr } from "./incidents.fr";
import { messagesFr } from "./messages.fr";
import { transferProofsFr } from "./money/transfer-proofs.fr";
import { accountPageFr, portalAccessFr } from "./account.fr";
import { schedulerHealthFr } from "./scheduler-health.fr";
import { dashboardFr } from "./dashboard.fr";
import { listsFr } from "./lists.fr";
import { customersFr } from "./customers.fr";
import { readinessFr } from "./readiness.fr";
import { rentReviewFr } from "./rent-review.fr";
import type { ScreensTranslation } from "./screens.en";

/** The screens' strings (see `./screens.en`). */
export const screensFr: ScreensTranslation = {
  ...moneyFr,
  collections: collectionsFr,
  reconciliation: reconciliationFr,
  transferProofs: transferProofsFr,
  incidents: incidentsFr,
  messages: messagesFr,
  documents: documentsFr,
  contractors: contractorsFr,
  schedulerHealth: schedulerHealthFr,
  accountPage: accountPageFr,
  portalAccess: portalAccessFr,
  dashboard: dashboardFr,
  lists: listsFr,
  customers: customersFr,
  readiness: readinessFr,
  recurring: recurringFr,
  settings: settingsFr,
  rentReview: rentReviewFr,
};

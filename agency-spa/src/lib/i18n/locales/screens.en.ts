import { recurringEn } from "./recurring.en";
import { settingsEn } from "./settings.en";
import { collectionsEn } from "./money/collections.en";
import { reconciliationEn } from "./money/reconciliation.en";
import { documentsEn } from "./documents.en";
import { contractorsEn, incidentsEn } from "./incidents.en";
import { messagesEn } from "./messages.en";
import { transferProofsEn } from "./money/transfer-proofs.en";
import { accountPageEn, portalAccessEn } from "./account.en";
import { schedulerHealthEn } from "./scheduler-health.en";
import { dashboardEn } from "./dashboard.en";
import { listsEn } from "./lists.en";
import { customersEn } from "./customers.en";
import { readinessEn } from "./readiness.en";
import { rentReviewEn } from "./rent-review.en";
import { moneyEn } from "./money/en";

/**
 * English strings of the screens, fetched with the first screen after sign-in (with the shell)
 * and not by the login page: the feature sections' words. `./en` holds those the first render
 * needs; `t()` finds a key in either.
 */
export const screensEn = {
  ...moneyEn,
  collections: collectionsEn,
  reconciliation: reconciliationEn,
  transferProofs: transferProofsEn,
  incidents: incidentsEn,
  messages: messagesEn,
  documents: documentsEn,
  contractors: contractorsEn,
  schedulerHealth: schedulerHealthEn,
  accountPage: accountPageEn,
  portalAccess: portalAccessEn,
  dashboard: dashboardEn,
  lists: listsEn,
  customers: customersEn,
  readiness: readinessEn,
  recurring: recurringEn,
  settings: settingsEn,
  rentReview: rentReviewEn,
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every locale's screens' strings must have: the same keys as English. */
export type ScreensTranslation = Messages<typeof screensEn>;

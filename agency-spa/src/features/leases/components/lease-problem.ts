import type { TFunction } from "i18next";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";

/**
 * The message for a failed lease action. The API's conflicts have stable slugs; their detail is
 * English only, so the known ones are said in the UI's language.
 */
export function leaseProblemMessage(error: unknown, t: TFunction): string {
  switch (problemSlug(error)) {
    case "unit-already-let":
      return t("leases.errors.unitAlreadyLet");
    case "last-tenant":
      return t("leases.lastTenantNote");
    case "lease-not-editable":
      return t("leases.errors.notEditable");
    default:
      return describeProblem(error, t).message;
  }
}

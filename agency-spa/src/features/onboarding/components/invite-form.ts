import { parseMoney, type ParseMoneyError } from "@doorstep/web-shared/lib/format/parse-money";
import type { InviteCreate } from "../api/create-invite";
import type { Flow } from "../api/list-flows";

export interface InviteFormValues {
  firstName: string;
  lastName: string;
  email: string;
  flowId: string;
  leaseId: string;
  /** The tenant record the invite is for (from the tenant's or the lease's page), or "". */
  tenantId: string;
  /** The lease was given by the page the invite was started from: sent whatever the flow. */
  leaseFixed: boolean;
  /** The amount typed for each payment step, by the step's position in the flow. */
  amounts: Record<number, string>;
}

export const EMPTY_INVITE: InviteFormValues = {
  firstName: "",
  lastName: "",
  email: "",
  flowId: "",
  leaseId: "",
  tenantId: "",
  leaseFixed: false,
  amounts: {},
};

/** The flow's payment steps: seed 001's "Payment Amounts" section asks an amount for each. */
export function paymentSteps(flow: Flow | undefined) {
  return (flow?.steps ?? []).filter((step) => step.task.kind === "payment");
}

/** Payment steps are invoiced on the invite's lease and a recurring rent set-up step pays its rent: either needs the lease. */
export function needsLease(flow: Flow | undefined): boolean {
  return paymentSteps(flow).length > 0 || flow?.has_recurring_steps === true;
}

export type InviteErrorKey =
  | "form.required"
  | "customers.invites.errors.chooseFlow"
  | "customers.invites.errors.chooseLease"
  | "customers.invites.errors.amountZero"
  | `money.${ParseMoneyError}`;

/** A field's error, as an i18n key, by the API's field path (`payment_amounts.0.amount`). */
export type InviteFormErrors = Record<string, InviteErrorKey>;

export type ReadInvite = { ok: true; body: InviteCreate } | { ok: false; errors: InviteFormErrors };

/**
 * The invite form read for POST /onboarding/invites: names and e-mail trimmed and required, a
 * flow chosen, the tenant record and lease it was started from (issue 13: inviting a tenant
 * already on a lease links the account to them), a lease when the flow has payment steps or a
 * recurring rent set-up step, and an amount above zero for each payment step, read exactly in the UI's notation into minor units of the agency's currency.
 */
export function readInviteForm(values: InviteFormValues, flow: Flow | undefined, currency: string, locale: string): ReadInvite {
  const errors: InviteFormErrors = {};
  const firstName = values.firstName.trim();
  const lastName = values.lastName.trim();
  const email = values.email.trim();
  if (firstName === "") errors.first_name = "form.required";
  if (lastName === "") errors.last_name = "form.required";
  if (email === "") errors.email = "form.required";
  if (flow === undefined) errors.flow_id = "customers.invites.errors.chooseFlow";

  const payments = paymentSteps(flow);
  const amounts: InviteCreate["payment_amounts"] = [];
  payments.forEach((step, index) => {
    const parsed = parseMoney(values.amounts[step.position] ?? "", currency, locale);
    if (!parsed.ok) errors[`payment_amounts.${index}.amount`] = `money.${parsed.error}`;
    else if (parsed.amount === 0) errors[`payment_amounts.${index}.amount`] = "customers.invites.errors.amountZero";
    else amounts.push({ position: step.position, amount: parsed.amount });
  });
  const leaseNeeded = needsLease(flow);
  if (leaseNeeded && values.leaseId === "") errors.lease_id = "customers.invites.errors.chooseLease";

  if (Object.keys(errors).length > 0 || flow === undefined) return { ok: false, errors };
  return {
    ok: true,
    body: {
      first_name: firstName,
      last_name: lastName,
      email,
      flow_id: flow.id,
      lease_id: leaseNeeded || (values.leaseFixed && values.leaseId !== "") ? values.leaseId : null,
      payment_amounts: amounts,
      ...(values.tenantId === "" ? {} : { tenant_id: values.tenantId }),
    },
  };
}

/**
 * Refusals of POST /onboarding/invites that concern one field without naming it, shown next to
 * that field in the UI's language: a tenant who already has a portal account (found by the
 * record or by the e-mail address) is not invited — the e-mail field says so.
 */
export function inviteProblemFields(t: (key: "customers.invites.errors.hasAccount") => string) {
  return { "tenant-has-portal-account": { field: "email", message: t("customers.invites.errors.hasAccount") } };
}

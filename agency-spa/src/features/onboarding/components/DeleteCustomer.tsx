import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useRole } from "@/lib/auth/permissions";
import { useDeleteCustomer } from "../api/delete-customer";
import type { Customer } from "../api/list-customers";

/**
 * Seed 001's Delete on the Customers tab, after confirming: says what goes (the person's data,
 * their access), what stays (the agency's financial records, anonymised) and, before the click,
 * when the API refuses (customers/service.py: a running or draft lease, money owed either way).
 * Owners and managers only; a refusal is shown in the dialog with what to do first.
 */
export function DeleteCustomer({ customer, onDeleted }: { customer: Customer; onDeleted: (name: string) => void }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const remove = useDeleteCustomer();
  const [confirming, setConfirming] = useState(false);
  if (!can("tenants:write")) return null;
  const name = `${customer.first_name} ${customer.last_name}`;
  const error = remove.error === null ? undefined : refusal(remove.error, name, t);

  return (
    <>
      <Button
        variant="danger"
        aria-label={t("customers.registered.deleteFor", { name })}
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        {t("customers.registered.delete")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t("customers.registered.deleteTitle", { name })}
        confirmLabel={t("customers.registered.deleteConfirm")}
        cancelLabel={t("customers.registered.deleteKeep")}
        busyLabel={t("customers.registered.deleting")}
        busy={remove.isPending}
        error={error}
        danger
        onConfirm={() => {
          remove.mutate(customer.id, {
            onSuccess: () => {
              setConfirming(false);
              onDeleted(name);
            },
          });
        }}
        onCancel={() => {
          setConfirming(false);
        }}
      >
        <p>{t("customers.registered.deleteBody", { name, email: customer.email })}</p>
        <p>{t("customers.registered.deleteKept")}</p>
        <p>{t("customers.deleteRules.before")}</p>
      </ConfirmDialog>
    </>
  );
}

// The API's two refusals, said in the reader's language with what to do first; anything else as
// the API words it.
const REFUSALS = {
  "customer-on-live-lease": "customers.deleteRules.liveLease",
  "customer-balance-open": "customers.deleteRules.balanceOpen",
} as const;

function refusal(error: unknown, name: string, t: TFunction): string {
  const slug = problemSlug(error);
  const reason = slug !== undefined && slug in REFUSALS ? REFUSALS[slug as keyof typeof REFUSALS] : undefined;
  if (reason === undefined) return describeProblem(error, t).message;
  return `${t("customers.deleteRules.refused", { name })} ${t(reason)}`;
}

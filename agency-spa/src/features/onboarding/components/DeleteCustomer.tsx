import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useRole } from "@/lib/auth/permissions";
import { useDeleteCustomer } from "../api/delete-customer";
import type { Customer } from "../api/list-customers";

/**
 * Seed 001's Delete on the Customers tab, after confirming: says what goes (the person's data,
 * their access) and what stays (the agency's financial records, anonymised). Owners and managers
 * only; a refusal (running lease, money owed) is shown in the dialog as the API words it.
 */
export function DeleteCustomer({ customer, onDeleted }: { customer: Customer; onDeleted: (name: string) => void }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const remove = useDeleteCustomer();
  const [confirming, setConfirming] = useState(false);
  if (!can("tenants:write")) return null;
  const name = `${customer.first_name} ${customer.last_name}`;
  const error = remove.error === null ? undefined : describeProblem(remove.error, t).message;

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
      </ConfirmDialog>
    </>
  );
}

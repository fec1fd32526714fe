import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useAddLeaseTenant } from "../api/add-lease-tenant";
import type { Lease } from "../api/list-leases";
import { useRemoveLeaseTenant } from "../api/remove-lease-tenant";
import { leaseProblemMessage } from "./lease-problem";
import type { TenantSummary } from "./lease-terms";
import { TenantPicker } from "./TenantPicker";

/**
 * The tenants party to a lease. On an open lease (draft or active) owners and managers can attach
 * another tenant (joint tenancy) or detach one, but never the last: the API refuses it
 * (409 last-tenant), so the button is not offered and the reason is said instead.
 */
export function LeaseTenants({ lease, canEdit }: { lease: Lease; canEdit: boolean }) {
  const { t } = useTranslation();
  const add = useAddLeaseTenant(lease.id);
  const remove = useRemoveLeaseTenant(lease.id);
  const [removing, setRemoving] = useState<TenantSummary | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const open = lease.status === "draft" || lease.status === "active";
  const editable = canEdit && open;
  const only = lease.tenants.length <= 1;
  const addError = add.isError ? leaseProblemMessage(add.error, t) : undefined;
  const removeError = remove.isError ? leaseProblemMessage(remove.error, t) : undefined;
  const nameOf = (tenant: TenantSummary) => `${tenant.first_name} ${tenant.last_name}`;

  return (
    <section aria-labelledby="lease-tenants-heading" className="section">
      <h2 id="lease-tenants-heading">{t("leases.sections.tenants")}</h2>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <ul className="pick-list">
        {lease.tenants.map((tenant) => (
          <li key={tenant.id} className="pick-list__item">
            <span>
              <Link to={`/tenants/${tenant.id}`} className="pick-list__name">
                {nameOf(tenant)}
              </Link>{" "}
              <span className="muted">{tenant.email}</span>
            </span>
            {canEdit && lease.status === "active" && (
              <Link className="button button--secondary button--small" to={`/customers/invites/new?tenant=${tenant.id}&lease=${lease.id}`}>
                {t("leases.inviteToPortalNamed", { name: nameOf(tenant) })}
              </Link>
            )}
            {editable && !only && (
              <Button
                variant="secondary"
                className="button--small"
                onClick={() => {
                  remove.reset();
                  setRemoving(tenant);
                }}
              >
                {t("leases.detachTenantNamed", { name: nameOf(tenant) })}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {editable && only && <p className="muted">{t("leases.lastTenantNote")}</p>}

      {editable && (
        <div className="card">
          <h3>{t("leases.attachTitle")}</h3>
          {addError !== undefined && <Alert>{addError}</Alert>}
          <TenantPicker
            searchRef={searchRef}
            excludeIds={lease.tenants.map((tenant) => tenant.id)}
            busy={add.isPending}
            onPick={(tenant) => {
              setAnnouncement("");
              add.mutate(tenant.id, {
                onSuccess: () => {
                  setAnnouncement(t("leases.tenantAttached", { name: nameOf(tenant) }));
                  searchRef.current?.focus();
                },
              });
            }}
          />
        </div>
      )}

      <ConfirmDialog
        open={removing !== null}
        title={t("leases.detachTitle", { name: removing === null ? "" : nameOf(removing) })}
        confirmLabel={t("leases.detachConfirm")}
        cancelLabel={t("leases.detachKeep")}
        busy={remove.isPending}
        busyLabel={t("form.saving")}
        error={removeError}
        danger
        onCancel={() => {
          setRemoving(null);
        }}
        onConfirm={() => {
          if (removing === null) return;
          const name = nameOf(removing);
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              setAnnouncement(t("leases.tenantDetached", { name }));
              // The button that opened the dialog went with the tenant: carry on at the search.
              requestAnimationFrame(() => searchRef.current?.focus());
            },
          });
        }}
      >
        <p>{t("leases.detachBody", { name: removing === null ? "" : nameOf(removing) })}</p>
      </ConfirmDialog>
    </section>
  );
}

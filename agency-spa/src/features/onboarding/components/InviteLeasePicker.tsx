import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useInviteLeaseSearch } from "../api/search-leases";

export interface InviteLeasePickerProps {
  value: string;
  onChange: (leaseId: string) => void;
  error?: string | undefined;
}

/**
 * The lease an invite's payment steps are invoiced on (seed 000: a tenant on several leases — pick
 * the one the action is for). Found by tenant, unit or property; only active leases are offered.
 */
export function InviteLeasePicker({ value, onChange, error }: InviteLeasePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useInviteLeaseSearch(debounced);
  const resultsId = useId();
  const errorId = useId();
  const leases = search.data?.items ?? [];

  return (
    <fieldset className="fieldset" aria-describedby={error === undefined ? undefined : errorId}>
      <legend>{t("customers.invites.lease")}</legend>
      <TextField
        label={t("customers.invites.leaseSearch")}
        hint={t("customers.invites.leaseSearchHint")}
        name="lease_search"
        type="search"
        autoComplete="off"
        value={query}
        aria-controls={resultsId}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      <div id={resultsId} aria-busy={search.isFetching || undefined} className="choice-list">
        {search.isPending ? (
          <p className="muted">{t("app.loading")}</p>
        ) : search.isError ? (
          <p className="field__error">{t("errors.network")}</p>
        ) : leases.length === 0 ? (
          <p className="muted">{t("customers.invites.noLeaseMatch")}</p>
        ) : (
          leases.map((lease) => {
            const id = `${resultsId}-${lease.id}`;
            const tenants = lease.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ");
            const choosable = lease.status === "active";
            return (
              <div key={lease.id} className="choice">
                <input
                  type="radio"
                  id={id}
                  name="lease_id"
                  value={lease.id}
                  checked={value === lease.id}
                  disabled={!choosable}
                  aria-invalid={error !== undefined || undefined}
                  onChange={() => {
                    onChange(lease.id);
                  }}
                />
                <label htmlFor={id}>
                  <span className="choice__title">
                    {lease.unit.name} · {lease.unit.property_name}
                  </span>{" "}
                  <span className="muted">
                    {tenants} — {t(`leases.status.${lease.status}`)}
                  </span>
                </label>
              </div>
            );
          })
        )}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

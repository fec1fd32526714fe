import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useLeaseSearch } from "../api/search-leases";
import { invoiceable } from "./invoice-form";

type Lease = components["schemas"]["LeaseOut"];

export interface LeasePickerProps {
  value: string;
  onChange: (lease: Lease) => void;
  error?: string | undefined;
}

/**
 * Finds a lease by tenant, unit or property and offers the matches as radio buttons. Drafts and
 * cancelled leases are listed (so a search does not look empty) but cannot be chosen.
 */
export function LeasePicker({ value, onChange, error }: LeasePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useLeaseSearch(debounced);
  const resultsId = useId();
  const errorId = useId();
  const leases = search.data?.items ?? [];

  return (
    <fieldset className="fieldset" aria-describedby={error === undefined ? undefined : errorId}>
      <legend>{t("invoices.fields.lease")}</legend>
      <TextField
        label={t("invoices.leaseSearch")}
        hint={t("invoices.leaseSearchHint")}
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
          <p className="muted">{t("invoices.noLeaseMatch")}</p>
        ) : (
          leases.map((lease) => {
            const id = `${resultsId}-${lease.id}`;
            const tenants = lease.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ");
            return (
              <div key={lease.id} className="choice">
                <input
                  type="radio"
                  id={id}
                  name="lease_id"
                  value={lease.id}
                  checked={value === lease.id}
                  disabled={!invoiceable(lease)}
                  aria-invalid={error !== undefined || undefined}
                  onChange={() => {
                    onChange(lease);
                  }}
                />
                <label htmlFor={id}>
                  <span className="choice__title">
                    {lease.unit.name} · {lease.unit.property_name}
                  </span>{" "}
                  <span className="muted">
                    {tenants} — {t(`leases.status.${lease.status}`)}
                    {!invoiceable(lease) && ` (${t("invoices.notInvoiceable")})`}
                  </span>
                </label>
              </div>
            );
          })
        )}
      </div>
      {error !== undefined && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

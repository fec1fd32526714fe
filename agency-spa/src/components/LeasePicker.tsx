import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useLeasePickerSearch } from "@/lib/api/lookups/lease-search";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";

export type PickedLease = components["schemas"]["LeaseOut"];

/** The words around the picker, which each form says its own way. */
export interface LeasePickerLabels {
  legend: string;
  search: string;
  hint: string;
  noMatch: string;
  /** Added to a lease that cannot be chosen, if the form explains why. */
  notChoosable?: string;
}

export interface LeasePickerProps {
  value: string;
  onChange: (lease: PickedLease) => void;
  /** Which leases may be chosen; the others are listed (so a search does not look empty) but disabled. */
  choosable: (lease: PickedLease) => boolean;
  labels: LeasePickerLabels;
  error?: string | undefined;
}

/**
 * Finds a lease by tenant, unit or property and offers the matches as radio buttons: the lease
 * an invoice is for, or the one an invite's payment steps are invoiced on (seed 000: a tenant on
 * several leases — staff pick the one the action is for).
 */
export function LeasePicker({ value, onChange, choosable, labels, error }: LeasePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useLeasePickerSearch(debounced);
  const resultsId = useId();
  const errorId = useId();
  const leases = search.data?.items ?? [];

  return (
    <fieldset className="fieldset" aria-describedby={error === undefined ? undefined : errorId}>
      <legend>{labels.legend}</legend>
      <TextField
        label={labels.search}
        hint={labels.hint}
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
          <p className="muted">{labels.noMatch}</p>
        ) : (
          leases.map((lease) => {
            const id = `${resultsId}-${lease.id}`;
            const tenants = lease.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ");
            const allowed = choosable(lease);
            return (
              <div key={lease.id} className="choice">
                <input
                  type="radio"
                  id={id}
                  name="lease_id"
                  value={lease.id}
                  checked={value === lease.id}
                  disabled={!allowed}
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
                    {!allowed && labels.notChoosable !== undefined && ` (${labels.notChoosable})`}
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

import { useId, useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useTenantSearch } from "../api/search-tenants";
import type { TenantSummary } from "./lease-terms";

export interface TenantPickerProps {
  /** Tenants not to offer (already on the lease). */
  excludeIds: readonly string[];
  onPick: (tenant: TenantSummary) => void;
  /** Shown on the search box (e.g. "choose at least one tenant"). */
  error?: string | undefined;
  busy?: boolean;
  searchRef?: Ref<HTMLInputElement>;
}

/**
 * Finds tenants by name, e-mail or phone and offers each with an "Add <name>" button. The first
 * tenants are offered before anything is typed; typing narrows them (debounced).
 */
export function TenantPicker({ excludeIds, onPick, error, busy = false, searchRef }: TenantPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useTenantSearch(debounced);
  const resultsId = useId();
  const matches = (search.data?.items ?? []).filter((tenant) => !excludeIds.includes(tenant.id));

  return (
    <div className="tenant-picker">
      <TextField
        ref={searchRef}
        label={t("leases.tenantSearch")}
        hint={t("leases.tenantSearchHint")}
        name="tenant_search"
        type="search"
        autoComplete="off"
        value={query}
        error={error}
        aria-controls={resultsId}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      <div id={resultsId} aria-busy={search.isFetching || undefined}>
        {search.isPending ? (
          <p className="muted">{t("app.loading")}</p>
        ) : search.isError ? (
          <p className="field__error">{t("errors.network")}</p>
        ) : matches.length === 0 ? (
          <p className="muted">{debounced === "" ? t("leases.noTenantsToAdd") : t("leases.noTenantMatch", { query: debounced })}</p>
        ) : (
          <ul className="pick-list" aria-label={t("leases.tenantMatches")}>
            {matches.map((tenant) => (
              <li key={tenant.id} className="pick-list__item">
                <Button
                  variant="secondary"
                  className="button--small"
                  disabled={busy}
                  onClick={() => {
                    onPick({ id: tenant.id, first_name: tenant.first_name, last_name: tenant.last_name, email: tenant.email });
                  }}
                >
                  {t("leases.addTenantNamed", { name: `${tenant.first_name} ${tenant.last_name}` })}
                </Button>
                <span className="muted">{tenant.email}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

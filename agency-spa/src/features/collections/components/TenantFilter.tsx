import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useTenantLookup } from "@/lib/api/lookups/tenant";
import { useTenantFilterSearch } from "../api/search-tenants";

export interface TenantFilterProps {
  tenantId: string;
  onChange: (tenantId: string) => void;
}

/**
 * Narrows a report to one tenant: type a name, e-mail or phone, then pick the tenant; once
 * chosen, the tenant's name shows with a button to show every tenant again.
 */
export function TenantFilter({ tenantId, onChange }: TenantFilterProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useTenantFilterSearch(tenantId === "" ? debounced : "");
  const chosen = useTenantLookup(tenantId);
  const resultsId = useId();

  if (tenantId !== "") {
    const name = chosen.data === undefined ? t("app.loading") : `${chosen.data.first_name} ${chosen.data.last_name}`;
    return (
      <div className="field tenant-filter">
        <span className="field__label">{t("collections.filters.tenant")}</span>
        <p className="tenant-filter__chosen">
          <span>{name}</span>
          <Button
            variant="secondary"
            className="button--small"
            onClick={() => {
              setQuery("");
              onChange("");
            }}
          >
            {t("collections.filters.allTenants")}
          </Button>
        </p>
      </div>
    );
  }

  const matches = search.data?.items ?? [];
  return (
    <div className="tenant-filter">
      <TextField
        label={t("collections.filters.tenant")}
        hint={t("collections.filters.tenantHint")}
        name="tenant_search"
        type="search"
        autoComplete="off"
        value={query}
        aria-controls={resultsId}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      <div id={resultsId} aria-live="polite">
        {debounced !== "" &&
          (search.isPending ? (
            <p className="muted">{t("app.loading")}</p>
          ) : matches.length === 0 ? (
            <p className="muted">{t("collections.filters.noTenantMatch", { query: debounced })}</p>
          ) : (
            <ul className="pick-list" aria-label={t("collections.filters.tenantMatches")}>
              {matches.map((tenant) => (
                <li key={tenant.id} className="pick-list__item">
                  <Button
                    variant="secondary"
                    className="button--small"
                    onClick={() => {
                      onChange(tenant.id);
                    }}
                  >
                    {t("collections.filters.showTenant", { name: `${tenant.first_name} ${tenant.last_name}` })}
                  </Button>
                  <span className="muted">{tenant.email}</span>
                </li>
              ))}
            </ul>
          ))}
      </div>
    </div>
  );
}

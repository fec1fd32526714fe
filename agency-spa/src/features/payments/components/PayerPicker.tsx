import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { usePayerSearch } from "../api/search-payers";

export type Payer = components["schemas"]["TenantSummary"];

export interface PayerPickerProps {
  /** Tenants to offer first (the tenants of the lease the form was opened for). */
  suggested?: readonly Payer[];
  onPick: (payer: Payer) => void;
  error?: string | undefined;
}

/** Who paid: the lease's own tenants first, else any tenant found by name, e-mail or phone. */
export function PayerPicker({ suggested = [], onPick, error }: PayerPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = usePayerSearch(debounced);
  const resultsId = useId();
  const suggestedIds = new Set(suggested.map((payer) => payer.id));
  const matches = (search.data?.items ?? []).filter((tenant) => !suggestedIds.has(tenant.id));

  const choice = (payer: Payer, note?: string) => (
    <li key={payer.id} className="pick-list__item">
      <Button
        variant="secondary"
        className="button--small"
        onClick={() => {
          onPick({ id: payer.id, first_name: payer.first_name, last_name: payer.last_name, email: payer.email });
        }}
      >
        {t("payments.form.choosePayer", { name: `${payer.first_name} ${payer.last_name}` })}
      </Button>
      <span className="muted">
        {payer.email}
        {note !== undefined && ` — ${note}`}
      </span>
    </li>
  );

  return (
    <div className="tenant-picker">
      {suggested.length > 0 && (
        <ul className="pick-list" aria-label={t("payments.form.leaseTenants")}>
          {suggested.map((payer) => choice(payer, t("payments.form.onThisLease")))}
        </ul>
      )}
      <TextField
        label={t("payments.form.payerSearch")}
        hint={t("payments.form.payerSearchHint")}
        name="payer_search"
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
          <p className="muted">{debounced === "" ? t("payments.form.noOtherTenants") : t("payments.form.noPayerMatch", { query: debounced })}</p>
        ) : (
          <ul className="pick-list" aria-label={t("payments.form.payerMatches")}>
            {matches.map((tenant) => choice(tenant))}
          </ul>
        )}
      </div>
    </div>
  );
}

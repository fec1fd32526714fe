import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useSearchParamState } from "@/lib/hooks/use-search-param";
import { useLocale } from "@/lib/i18n/use-locale";
import { SETUP_STATUSES, useRecurringPayments } from "../api/recurring";
import { ChargeSummary } from "./ChargeResult";

/** /recurring-payments (?status=&attention=1): set-ups, their next charge and last result. */
export function RecurringListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [statusParam, setStatus] = useSearchParamState("status");
  const [attentionParam, setAttention] = useSearchParamState("attention");
  const status = SETUP_STATUSES.find((value) => value === statusParam);
  const needsAttention = attentionParam === "1";
  const list = useRecurringPayments({ status, needsAttention });

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("recurring.title")}</PageHeading>
      </div>
      <p className="muted">{t("recurring.intro")}</p>
      <search className="filters">
        <FilterSelect
          label={t("recurring.fields.status")}
          name="status"
          value={status ?? ""}
          anyLabel={t("recurring.filters.allStatuses")}
          options={SETUP_STATUSES.map((value) => ({ value, label: t(`recurring.status.${value}`) }))}
          onChange={setStatus}
        />
        <label className="choice">
          <input type="checkbox" name="attention" checked={needsAttention} onChange={(event) => { setAttention(event.target.checked ? "1" : ""); }} />
          <span>{t("recurring.filters.needsAttention")}</span>
        </label>
      </search>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="empty">{status !== undefined || needsAttention ? t("recurring.noMatch") : t("recurring.empty")}</p>
      ) : (
        <table className="table" aria-busy={list.isPlaceholderData || undefined}>
          <caption className="visually-hidden">{t("recurring.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("recurring.fields.tenant")}</th>
              <th scope="col">{t("recurring.fields.method")}</th>
              <th scope="col">{t("recurring.fields.status")}</th>
              <th scope="col">{t("recurring.fields.nextCharge")}</th>
              <th scope="col">{t("recurring.fields.lastResult")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((setup) => (
              <tr key={setup.id}>
                <td>
                  <Link to={`/recurring-payments/${setup.id}`}>{setup.tenant_name}</Link>
                  <span className="table__sub muted">{setup.place}</span>
                </td>
                <td>{setup.payment_method_label}</td>
                <td>
                  {t(`recurring.status.${setup.status}`)}
                  {setup.needs_attention && <span className="badge badge--warning"> {t("recurring.needsAttention")}</span>}
                </td>
                <td>
                  <ChargeSummary charge={setup.next_charge} locale={locale} />
                </td>
                <td>
                  <ChargeSummary charge={setup.last_result} locale={locale} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useMe } from "@/lib/auth/me";
import { useLocale } from "@/lib/i18n/use-locale";
import { useUnpaidOut } from "../api/list-unpaid-out";
import { ReconciliationNav } from "./ReconciliationNav";

/** /reconciliation/unpaid-out: card payments the gateway still owes the trust account. */
export function UnpaidOutPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const { data: me } = useMe();
  const unpaid = useUnpaidOut();
  const cardsEnabled = me === undefined || me.features.online_payments || me.features.payment_links;
  const first = unpaid.data?.pages[0];
  const items = unpaid.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("reconciliation.unpaidOut.title")}</PageHeading>
      </div>
      <ReconciliationNav />
      <p className="muted">{t("reconciliation.unpaidOut.intro")}</p>
      {!cardsEnabled && (
        <Alert tone="info">
          <p className="alert__text">
            <span className="badge badge--draft">{t("collections.feature.inProgress")}</span> {t("reconciliation.unpaidOut.notEnabled")}
          </p>
        </Alert>
      )}
      {unpaid.isPending ? (
        <Loading />
      ) : unpaid.isError ? (
        <LoadError error={unpaid.error} onRetry={() => void unpaid.refetch()} />
      ) : first === undefined || first.count === 0 ? (
        <p className="empty">{t("reconciliation.unpaidOut.empty")}</p>
      ) : (
        <>
          <dl className="figures" aria-label={t("reconciliation.unpaidOut.totalsLabel")}>
            <div className="figures__item">
              <dt>{t("reconciliation.unpaidOut.count")}</dt>
              <dd>{first.count}</dd>
            </div>
            <div className="figures__item figures__item--attention">
              <dt>{t("reconciliation.unpaidOut.total")}</dt>
              <dd>{formatMoney(first.total, first.currency, locale)}</dd>
            </div>
          </dl>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t("reconciliation.unpaidOut.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reconciliation.unpaidOut.paid")}</th>
                  <th scope="col">{t("reconciliation.unpaidOut.tenant")}</th>
                  <th scope="col">{t("reconciliation.unpaidOut.method")}</th>
                  <th scope="col" className="table__number">
                    {t("reconciliation.line.amount")}
                  </th>
                  <th scope="col">{t("reconciliation.unpaidOut.gatewayReference")}</th>
                  <th scope="col" className="table__number">
                    {t("reconciliation.unpaidOut.waiting")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.payment_id}>
                    <th scope="row">
                      <Link to={`/payments/${item.payment_id}`}>
                        {item.succeeded_at === null ? t("reconciliation.unpaidOut.payment") : dates.instant(item.succeeded_at)}
                      </Link>
                    </th>
                    <td>
                      <Link to={`/tenants/${item.tenant_id}`}>{item.tenant_name}</Link>
                      <span className="table__sub">
                        <Link to={`/leases/${item.lease_id}`}>{t("reconciliation.line.openLease")}</Link>
                      </span>
                    </td>
                    <td>{t(`reconciliation.methods.${item.method as "card" | "payment_link" | "sepa_debit"}`)}</td>
                    <td className="table__number">{formatMoney(item.amount, item.currency, locale)}</td>
                    <td>
                      <code className="code-wrap">{item.gateway_reference ?? "—"}</code>
                    </td>
                    <td className="table__number">{t("reconciliation.unpaidOut.days", { count: item.days_waiting })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="load-more">
            <p className="muted" role="status">
              {unpaid.hasNextPage ? t("list.shownMore", { count: items.length }) : t("list.shownAll", { count: items.length })}
            </p>
            {unpaid.hasNextPage && (
              <Button variant="secondary" busy={unpaid.isFetchingNextPage} busyLabel={t("list.loadingMore")} onClick={() => void unpaid.fetchNextPage()}>
                {t("list.loadMore")}
              </Button>
            )}
          </div>
        </>
      )}
    </>
  );
}

import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useStatements } from "../api/list-statements";
import { ImportStatement } from "./ImportStatement";
import { ReconciliationNav } from "./ReconciliationNav";

/** /reconciliation: import a bank statement, and every statement imported with its progress. */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const canWrite = useRole().can("reconciliation:write");
  const statements = useStatements();
  const tableRef = useRef<HTMLTableElement>(null);

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("reconciliation.title")}</PageHeading>
      </div>
      <ReconciliationNav />
      <p className="muted">{t("reconciliation.intro")}</p>
      {canWrite && <ImportStatement />}
      <section aria-labelledby="statements-heading" className="section">
        <h2 id="statements-heading">{t("reconciliation.statements.title")}</h2>
        {statements.isPending ? (
          <Loading />
        ) : statements.isError ? (
          <LoadError error={statements.error} onRetry={statements.refetch} />
        ) : statements.items.length === 0 ? (
          <p className="empty">{t("reconciliation.statements.empty")}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table ref={tableRef} className="table">
                <caption className="visually-hidden">{t("reconciliation.statements.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reconciliation.statements.file")}</th>
                    <th scope="col">{t("reconciliation.statements.dates")}</th>
                    <th scope="col">{t("reconciliation.statements.imported")}</th>
                    <th scope="col" className="table__number">
                      {t("reconciliation.statements.credits")}
                    </th>
                    <th scope="col" className="table__number">
                      {t("reconciliation.import.matched")}
                    </th>
                    <th scope="col" className="table__number">
                      {t("reconciliation.import.needsReview")}
                    </th>
                    <th scope="col" className="table__number">
                      {t("reconciliation.import.ignored")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {statements.items.map((statement) => (
                    <tr key={statement.id}>
                      <th scope="row">
                        <Link to={`/reconciliation/statements/${statement.id}`}>{statement.file_name}</Link>
                      </th>
                      <td>
                        {dates.range(statement.first_date, statement.last_date)}
                      </td>
                      <td>
                        {dates.instant(statement.imported_at)}
                        <span className="table__sub muted">{statement.imported_by_name}</span>
                      </td>
                      <td className="table__number">
                        {statement.counts.credits}
                        <span className="table__sub muted">{formatMoney(statement.counts.credit_total, statement.currency, locale)}</span>
                      </td>
                      <td className="table__number">{statement.counts.matched}</td>
                      <td className="table__number">
                        {statement.counts.unmatched > 0 ? (
                          <Link
                            to={`/reconciliation/lines?status=unmatched&statement_id=${statement.id}`}
                            aria-label={`${statement.counts.unmatched} — ${t("reconciliation.statements.reviewLines", { name: statement.file_name })}`}
                          >
                            {statement.counts.unmatched}
                          </Link>
                        ) : (
                          0
                        )}
                      </td>
                      <td className="table__number">{statement.counts.ignored}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              shown={statements.items.length}
              hasMore={statements.hasMore}
              busy={statements.isLoadingMore}
              onLoadMore={statements.loadMore}
              tableRef={tableRef}
            />
          </>
        )}
      </section>
    </>
  );
}

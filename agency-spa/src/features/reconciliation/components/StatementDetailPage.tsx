import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Details } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import { useStatement } from "../api/list-statements";
import { STATUSES } from "./line-filters";
import { LinesList } from "./LinesList";
import type { LineStatus } from "../api/list-lines";

/** /reconciliation/statements/:id: the statement's figures and its lines (all by default). */
export function StatementDetailPage({ statementId }: { statementId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const statement = useStatement(statementId);
  const [params, setParams] = useSearchParams();
  const status: LineStatus | "" = STATUSES.find((value) => value === params.get("status")) ?? "";

  if (statement.isPending) return <Loading />;
  if (statement.isError) {
    return (
      <>
        <PageHeading>{t("reconciliation.statement.title")}</PageHeading>
        <LoadError item error={statement.error} onRetry={() => void statement.refetch()} />
      </>
    );
  }
  const { counts, currency } = statement.data;
  const money = (value: number) => formatMoney(value, currency, locale);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/reconciliation">{t("reconciliation.statement.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={statement.data.file_name}>{t("reconciliation.statement.titleFor", { name: statement.data.file_name })}</PageHeading>
      </div>
      <section aria-labelledby="statement-facts" className="card">
        <h2 id="statement-facts">{t("reconciliation.statement.facts")}</h2>
        <Details
          items={[
            { term: t("reconciliation.statements.dates"), description: dates.range(statement.data.first_date, statement.data.last_date) },
            {
              term: t("reconciliation.statements.imported"),
              description: t("reconciliation.statement.importedBy", {
                date: dates.instant(statement.data.imported_at),
                name: statement.data.imported_by_name,
              }),
            },
            { term: t("reconciliation.statement.lines"), description: String(counts.lines) },
            { term: t("reconciliation.statement.creditsIn"), description: t("reconciliation.statement.countAmount", { count: counts.credits, amount: money(counts.credit_total) }) },
            { term: t("reconciliation.statement.debitsOut"), description: t("reconciliation.statement.countAmount", { count: counts.debits, amount: money(counts.debit_total) }) },
            { term: t("reconciliation.import.matched"), description: t("reconciliation.statement.matchedOf", { count: counts.matched, automatic: counts.matched_automatically }) },
            { term: t("reconciliation.import.needsReview"), description: String(counts.unmatched) },
            { term: t("reconciliation.import.ignored"), description: String(counts.ignored) },
            { term: t("reconciliation.statement.fingerprint"), description: <code className="code-wrap">{statement.data.file_sha256}</code> },
          ]}
        />
      </section>
      <section aria-labelledby="statement-lines" className="section">
        <div className="section-header">
          <h2 id="statement-lines">{t("reconciliation.statement.linesTitle")}</h2>
          <SelectField
            label={t("reconciliation.lines.state")}
            name="status"
            value={status}
            onChange={(event) => {
              const value = event.target.value;
              setParams((previous) => {
                const next = new URLSearchParams(previous);
                if (value === "") next.delete("status");
                else next.set("status", value);
                return next;
              }, { replace: true });
            }}
          >
            <option value="">{t("reconciliation.lines.states.all")}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`reconciliation.lines.states.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <LinesList params={{ status, direction: "", statementId }} caption={t("reconciliation.statement.linesTitle")} />
      </section>
    </>
  );
}

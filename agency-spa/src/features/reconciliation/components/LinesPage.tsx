import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { PageHeading } from "@/components/ui/PageHeading";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { SelectField } from "@/components/ui/SelectField";
import { useStatement } from "../api/list-statements";
import { directionFilter, DIRECTIONS, statusFilter, STATUSES } from "./line-filters";
import { LinesList } from "./LinesList";
import { ReconciliationNav } from "./ReconciliationNav";

/** /reconciliation/lines?status=&direction=&statement_id=: the review queue and every other line. */
export function LinesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = statusFilter(params.get("status"));
  const direction = directionFilter(params.get("direction"));
  const statementId = params.get("statement_id") ?? "";
  const statement = useStatement(statementId);

  function set(name: string, value: string) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === "") next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("reconciliation.lines.title")}</PageHeading>
      </div>
      <ReconciliationNav />
      <p className="muted">{t("reconciliation.lines.intro")}</p>
      <search className="filters" aria-label={t("reconciliation.lines.filters")}>
        <SelectField
          label={t("reconciliation.lines.state")}
          name="status"
          value={status === "" ? "all" : status}
          onChange={(event) => {
            set("status", event.target.value === "unmatched" ? "" : event.target.value);
          }}
        >
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`reconciliation.lines.states.${value}`)}
            </option>
          ))}
          <option value="all">{t("reconciliation.lines.states.all")}</option>
        </SelectField>
        <FilterSelect
          label={t("reconciliation.lines.direction")}
          name="direction"
          value={direction}
          anyLabel={t("reconciliation.lines.directions.all")}
          options={DIRECTIONS.map((value) => ({ value, label: t(`reconciliation.lines.directions.${value}`) }))}
          onChange={(value) => {
            set("direction", value);
          }}
        />
        {statementId !== "" && (
          <div className="field">
            <span className="field__label">{t("reconciliation.lines.statement")}</span>
            <p className="tenant-filter__chosen">
              <Link to={`/reconciliation/statements/${statementId}`}>{statement.data?.file_name ?? t("app.loading")}</Link>
              <Button
                variant="secondary"
                className="button--small"
                onClick={() => {
                  set("statement_id", "");
                }}
              >
                {t("reconciliation.lines.allStatements")}
              </Button>
            </p>
          </div>
        )}
      </search>
      <LinesList params={{ status, direction, statementId }} caption={t("reconciliation.lines.title")} />
    </>
  );
}

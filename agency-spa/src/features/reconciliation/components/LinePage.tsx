import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Details } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useLine, type StatementLine } from "../api/list-lines";
import { useNextLine } from "../api/next-line";
import { useReopenLine } from "../api/resolve-line";
import { LineMatch } from "./LineMatch";
import { LineReview } from "./LineReview";
import { LineStatusBadge } from "./LineStatusBadge";

/** /reconciliation/lines/:lineId: one statement line, and what staff can do with it. */
export function LinePage({ lineId }: { lineId: string }) {
  const { t } = useTranslation();
  const line = useLine(lineId);
  if (line.isPending) return <Loading />;
  if (line.isError) {
    return (
      <>
        <PageHeading>{t("reconciliation.line.title")}</PageHeading>
        <LoadError item error={line.error} onRetry={() => void line.refetch()} />
      </>
    );
  }
  return <LineRecord line={line.data} />;
}

function LineRecord({ line }: { line: StatementLine }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const canWrite = useRole().can("reconciliation:write");
  const [notice, setNotice] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const amount = formatMoney(line.amount, line.currency, locale);

  function resolved(message: string) {
    setNotice(message);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/reconciliation/lines">{t("reconciliation.line.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t("reconciliation.line.title")}>
          {t("reconciliation.line.titleFor", { amount, date: dates.date(line.booked_on) })}
        </PageHeading>
        <NextLine currentId={line.id} />
      </div>
      <p ref={statusRef} tabIndex={-1} className="lease-status">
        {t("reconciliation.line.status")}: <LineStatusBadge line={line} />
      </p>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>
      <section aria-labelledby="line-facts" className="card">
        <h2 id="line-facts">{t("reconciliation.line.facts")}</h2>
        <Details
          items={[
            { term: t("reconciliation.line.bookedOn"), description: dates.date(line.booked_on) },
            { term: t("reconciliation.line.amount"), description: `${amount} (${t(`reconciliation.lines.directions.${line.direction}`)})` },
            { term: t("reconciliation.line.reference"), description: line.reference === "" ? "—" : line.reference },
            { term: t("reconciliation.line.counterparty"), description: line.counterparty === "" ? "—" : line.counterparty },
            {
              term: t("reconciliation.line.source"),
              description: (
                <Link to={`/reconciliation/statements/${line.statement_id}`}>{t("reconciliation.line.lineNumber", { number: line.line_number })}</Link>
              ),
            },
            ...(line.status === "unmatched"
              ? []
              : [
                  { term: t("reconciliation.line.match"), description: <LineMatch line={line} /> },
                  ...(line.lease_id === null
                    ? []
                    : [{ term: t("reconciliation.line.lease"), description: <Link to={`/leases/${line.lease_id}`}>{t("reconciliation.line.openLease")}</Link> }]),
                  {
                    term: t("reconciliation.line.resolved"),
                    description:
                      line.resolved_at === null
                        ? "—"
                        : line.matched_automatically
                          ? t("reconciliation.line.automatically", { date: dates.instant(line.resolved_at), name: line.resolved_by_name ?? "" })
                          : t("reconciliation.line.byOn", { date: dates.instant(line.resolved_at), name: line.resolved_by_name ?? "" }),
                  },
                ]),
          ]}
        />
      </section>
      {canWrite && line.status === "unmatched" && <LineReview line={line} onResolved={resolved} />}
      {canWrite && line.status === "ignored" && line.direction === "credit" && <Reopen line={line} onReopened={resolved} />}
      {line.status === "ignored" && line.direction === "debit" && <p className="muted">{t("reconciliation.line.debitNote")}</p>}
    </>
  );
}

/** "Next line to review": the queue is worked one line after another without going back to the list. */
function NextLine({ currentId }: { currentId: string }) {
  const { t } = useTranslation();
  const { nextId } = useNextLine(currentId);
  if (nextId === undefined) return null;
  if (nextId === null) return <p className="muted">{t("reconciliation.line.queueDone")}</p>;
  return (
    <Link className="button button--secondary" to={`/reconciliation/lines/${nextId}`}>
      {t("reconciliation.line.next")}
    </Link>
  );
}

function Reopen({ line, onReopened }: { line: StatementLine; onReopened: (message: string) => void }) {
  const { t } = useTranslation();
  const reopen = useReopenLine(line.id);
  return (
    <section aria-labelledby="line-reopen" className="card">
      <h2 id="line-reopen">{t("reconciliation.reopen.title")}</h2>
      <p>{t("reconciliation.reopen.body")}</p>
      {reopen.isError && <Alert>{describeProblem(reopen.error, t).message}</Alert>}
      <Button
        variant="secondary"
        busy={reopen.isPending}
        busyLabel={t("reconciliation.reopen.busy")}
        onClick={() => {
          // The section goes once the line is back in the queue: the page shows the notice.
          void reopen.mutateAsync().then(
            () => {
              onReopened(t("reconciliation.reopen.done"));
            },
            () => undefined,
          );
        }}
      >
        {t("reconciliation.reopen.submit")}
      </Button>
    </section>
  );
}

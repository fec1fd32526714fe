import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import { useImportStatement, type Statement } from "../api/import-statement";
import { earlierStatementId, fileProblems, problemSlugOf } from "./statement-problems";

/**
 * Import a bank statement CSV: the file goes to the API as multipart; the answer says what was
 * matched at once, what waits for review and which debits were set aside — or, when the file
 * cannot be read, each problem with its line, or that this file was imported before.
 */
export function ImportStatement() {
  const { t } = useTranslation();
  const importing = useImportStatement();
  const attempt = useIdempotencyKey();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  return (
    <section aria-labelledby="import-statement" className="card">
      <h2 id="import-statement">{t("reconciliation.import.title")}</h2>
      <form
        className="form stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (file === null) {
            setMissing(true);
            inputRef.current?.focus();
            return;
          }
          importing.mutate(
            { file, idempotencyKey: attempt.keyFor({ file }) },
            {
              onSuccess: () => {
                attempt.reset();
              },
            },
          );
        }}
      >
        <Field label={t("reconciliation.import.file")} hint={t("reconciliation.import.fileHint")} error={missing ? t("reconciliation.import.chooseFile") : undefined}>
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              className="field__input"
              type="file"
              name="file"
              accept=".csv,text/csv,text/plain"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setMissing(false);
                importing.reset();
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <Button type="submit" busy={importing.isPending} busyLabel={t("reconciliation.import.importing")}>
            {t("reconciliation.import.submit")}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {importing.isSuccess && <ImportResult statement={importing.data} />}
        {importing.isError && <ImportError error={importing.error} />}
      </div>
    </section>
  );
}

export function ImportResult({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { counts } = statement;
  return (
    <div className="import-result" role="status">
      <h3>{t("reconciliation.import.resultTitle", { name: statement.file_name })}</h3>
      <p>
        {t("reconciliation.import.lines", { count: counts.lines })}{" "}
        {t("reconciliation.import.split", {
          credits: counts.credits,
          creditTotal: formatMoney(counts.credit_total, statement.currency, locale),
          debits: counts.debits,
          debitTotal: formatMoney(counts.debit_total, statement.currency, locale),
        })}
      </p>
      <dl className="figures" aria-label={t("reconciliation.import.resultLabel")}>
        <div className="figures__item">
          <dt>{t("reconciliation.import.matched")}</dt>
          <dd>{counts.matched_automatically}</dd>
        </div>
        <div className="figures__item figures__item--attention">
          <dt>{t("reconciliation.import.needsReview")}</dt>
          <dd>{counts.unmatched}</dd>
        </div>
        <div className="figures__item">
          <dt>{t("reconciliation.import.ignored")}</dt>
          <dd>{counts.ignored}</dd>
        </div>
      </dl>
      <p>
        {counts.unmatched > 0 ? (
          <Link to={`/reconciliation/lines?status=unmatched&statement_id=${statement.id}`}>{t("reconciliation.import.reviewNow", { count: counts.unmatched })}</Link>
        ) : (
          t("reconciliation.import.nothingToReview")
        )}{" "}
        · <Link to={`/reconciliation/statements/${statement.id}`}>{t("reconciliation.import.openStatement")}</Link>
      </p>
    </div>
  );
}

export function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problems = fileProblems(error);
  const slug = problemSlugOf(error);
  if (slug === "statement-already-imported") {
    const earlier = earlierStatementId(error);
    return (
      <Alert tone="warning">
        <p className="alert__text">{t("reconciliation.import.duplicate")}</p>
        {earlier !== undefined && (
          <p className="alert__text">
            <Link to={`/reconciliation/statements/${earlier}`}>{t("reconciliation.import.openEarlier")}</Link>
          </p>
        )}
      </Alert>
    );
  }
  if (problems.length > 0) {
    return (
      <Alert>
        <p className="alert__text">{t("reconciliation.import.unreadable", { count: problems.length })}</p>
        <ul className="file-problems">
          {problems.map((problem, index) => (
            <li key={`${problem.line ?? "file"}-${problem.column ?? ""}-${index}`}>
              {problem.line === undefined
                ? t("reconciliation.import.fileProblem", { message: problem.message })
                : problem.column === undefined
                  ? t("reconciliation.import.lineProblem", { line: problem.line, message: problem.message })
                  : t("reconciliation.import.cellProblem", {
                      line: problem.line,
                      column: t(`reconciliation.import.columns.${problem.column}`, { defaultValue: problem.column }),
                      message: problem.message,
                    })}
            </li>
          ))}
        </ul>
        <p className="alert__text">{t("reconciliation.import.nothingKept")}</p>
      </Alert>
    );
  }
  return <Alert>{describeProblem(error, t).message}</Alert>;
}

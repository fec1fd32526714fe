import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Field } from "@doorstep/web-shared/components/ui/Field";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { saveBlob } from "@/lib/api/download";
import { useRole } from "@/lib/auth/permissions";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import {
  DOCUMENT_KINDS,
  fetchLeaseDocumentFile,
  fetchStatement,
  useLeaseDocuments,
  usePublishLeaseDocument,
  useStatementYears,
  useWithdrawLeaseDocument,
  type DocumentKind,
  type DownloadedFile,
  type LeaseDocument,
} from "../api/lease-documents";

const MAX_BYTES = 10 * 1024 * 1024;

function useDownload() {
  return useMutation({
    mutationFn: (load: () => Promise<DownloadedFile>) => load(),
    onSuccess: ({ blob, fileName }) => { saveBlob(blob, fileName); },
  });
}

function PublishForm({ leaseId, onDone }: { leaseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const publish = usePublishLeaseDocument(leaseId);
  const attempt = useIdempotencyKey();
  const [kind, setKind] = useState<DocumentKind>("signed_lease");
  const [title, setTitle] = useState("");
  const [year, setYear] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<"title" | "year" | "file", string>>>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const server = publish.isError ? describeProblem(publish.error, t, { fields: ["title", "year", "file"] as const }) : undefined;
  const fieldError = (name: "title" | "year" | "file") => errors[name] ?? server?.fieldErrors[name];

  function send(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (title.trim() === "") found.title = t("documents.errors.title");
    if (kind === "expense_statement" && !/^\d{4}$/u.test(year)) found.year = t("documents.errors.year");
    if (file === null) found.file = t("documents.errors.file");
    else if (file.size > MAX_BYTES) found.file = t("documents.errors.tooLarge");
    setErrors(found);
    if (Object.keys(found).length > 0 || file === null) return;
    const payload = { kind, title: title.trim(), year: kind === "expense_statement" || year !== "" ? year : "", file };
    publish.mutate(
      { ...payload, idempotencyKey: attempt.keyFor(payload) },
      {
        onSuccess: () => {
          attempt.reset();
          onDone();
        },
      },
    );
  }

  return (
    <form className="form stack" noValidate onSubmit={send} aria-labelledby="publish-document-heading">
      <h3 id="publish-document-heading">{t("documents.publishTitle")}</h3>
      <Field label={t("documents.fields.kind")}>
        {(control) => (
          <select {...control} className="field__input" name="kind" value={kind} onChange={(event) => { setKind(event.target.value as DocumentKind); }}>
            {DOCUMENT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`documents.kind.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("documents.fields.title")} error={fieldError("title")}>
        {(control) => (
          <input {...control} className="field__input" name="title" maxLength={200} value={title} onChange={(event) => { setTitle(event.target.value); }} />
        )}
      </Field>
      <Field label={kind === "expense_statement" ? t("documents.fields.year") : t("documents.fields.yearOptional")} error={fieldError("year")}>
        {(control) => (
          <input {...control} className="field__input" name="year" inputMode="numeric" maxLength={4} value={year} onChange={(event) => { setYear(event.target.value.trim()); }} />
        )}
      </Field>
      <Field label={t("documents.fields.file")} hint={t("documents.fileHint")} error={fieldError("file")}>
        {(control) => (
          <input
            {...control}
            ref={fileRef}
            className="field__input"
            type="file"
            name="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            onChange={(event) => { setFile(event.target.files?.[0] ?? null); }}
          />
        )}
      </Field>
      {server !== undefined && <Alert>{server.message}</Alert>}
      <div className="form-actions button-row">
        <Button type="submit" busy={publish.isPending} busyLabel={t("documents.publishing")}>
          {t("documents.publish")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("documents.cancel")}
        </Button>
      </div>
    </form>
  );
}

function StatementDownload({ leaseId }: { leaseId: string }) {
  const { t } = useTranslation();
  const years = useStatementYears(leaseId);
  const [chosen, setChosen] = useState<string>("");
  const download = useDownload();
  if (years.isPending) return <Loading />;
  if (years.isError) return <LoadError error={years.error} onRetry={() => void years.refetch()} />;
  if (years.data.length === 0) return <p className="empty">{t("documents.noStatements")}</p>;
  const year = chosen === "" ? years.data[0] : Number(chosen);
  return (
    <div className="stack">
      <Field label={t("documents.statementYear")}>
        {(control) => (
          <select {...control} className="field__input" value={String(year)} onChange={(event) => { setChosen(event.target.value); }}>
            {years.data.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="button-row">
        <Button
          variant="secondary"
          busy={download.isPending}
          busyLabel={t("documents.downloading")}
          onClick={() => { if (year !== undefined) download.mutate(() => fetchStatement(leaseId, year)); }}
        >
          {t("documents.downloadStatement")}
        </Button>
      </div>
      {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
    </div>
  );
}

function DocumentsTable({ leaseId, documents, writer }: { leaseId: string; documents: LeaseDocument[]; writer: boolean }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const withdraw = useWithdrawLeaseDocument(leaseId);
  const download = useDownload();
  return (
    <>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{t("documents.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("documents.fields.title")}</th>
              <th scope="col">{t("documents.fields.kind")}</th>
              <th scope="col">{t("documents.fields.published")}</th>
              <th scope="col">{t("documents.fields.status")}</th>
              <th scope="col">{t("documents.fields.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((document) => (
              <tr key={document.id}>
                <th scope="row">{document.title}</th>
                <td>
                  {t(`documents.kind.${document.kind}`)}
                  {document.year !== null && ` ${String(document.year)}`}
                </td>
                <td>{t("documents.publishedBy", { date: dates.instant(document.published_at), name: document.published_by_name })}</td>
                <td>
                  {document.withdrawn_at === null
                    ? t("documents.visible")
                    : t("documents.withdrawnBy", { date: dates.instant(document.withdrawn_at), name: document.withdrawn_by_name ?? "" })}
                </td>
                <td className="button-row">
                  <Button
                    variant="link"
                    aria-label={`${t("documents.download")} ${document.title}`}
                    onClick={() => { download.mutate(() => fetchLeaseDocumentFile(leaseId, document)); }}
                  >
                    {t("documents.download")}
                  </Button>
                  {writer && document.withdrawn_at === null && (
                    <Button
                      variant="link"
                      aria-label={`${t("documents.withdraw")} ${document.title}`}
                      busy={withdraw.isPending && withdraw.variables === document.id}
                      onClick={() => { if (window.confirm(t("documents.withdrawConfirm", { title: document.title }))) withdraw.mutate(document.id); }}
                    >
                      {t("documents.withdraw")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
      {withdraw.isError && <Alert>{describeProblem(withdraw.error, t).message}</Alert>}
    </>
  );
}

/** The lease page's Documents section: what was published for the tenants, publishing and withdrawing, the annual account statements. */
export function LeaseDocuments({ leaseId }: { leaseId: string }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const writer = can("leases:write");
  const documents = useLeaseDocuments(leaseId);
  const [publishing, setPublishing] = useState(false);
  return (
    <section className="card stack" aria-labelledby="lease-documents-heading">
      <h2 id="lease-documents-heading">{t("documents.title")}</h2>
      <p className="muted">{t("documents.intro")}</p>
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <LoadError error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data.length === 0 ? (
        <p className="empty">{t("documents.empty")}</p>
      ) : (
        <DocumentsTable leaseId={leaseId} documents={documents.data} writer={writer} />
      )}
      {writer &&
        (publishing ? (
          <PublishForm leaseId={leaseId} onDone={() => { setPublishing(false); }} />
        ) : (
          <div className="button-row">
            <Button onClick={() => { setPublishing(true); }}>{t("documents.publishOpen")}</Button>
          </div>
        ))}
      <h3>{t("documents.statementsTitle")}</h3>
      <StatementDownload leaseId={leaseId} />
    </section>
  );
}

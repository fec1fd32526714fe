import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useReadOnly } from "@/lib/offline";
import { saveBlob } from "@/lib/save-blob";
import { LoadMore } from "@/components/LoadMore";
import {
  DOCUMENT_KINDS,
  documentFileName,
  documentKey,
  fetchDocumentFile,
  useLatestDocuments,
  useMyDocuments,
  type PortalDocument,
  type PortalDocumentKind,
} from "../api/documents";

/** What a line is called: its title, the receipt's number, or the statement's year. */
function useDocumentLabel(): (item: PortalDocument) => string {
  const { t } = useTranslation();
  return (item) => {
    if (item.kind === "receipt") return t("documents.receiptTitle", { number: item.receipt_number ?? "" }).trim();
    if (item.kind === "account_statement") return t("documents.statementTitle", { year: item.year ?? "" });
    return item.title ?? t(`documents.kind.${item.kind}`);
  };
}

function DocumentCard({ item, showHome }: { item: PortalDocument; showHome: boolean }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const locale = useFormattingLocale();
  const readOnly = useReadOnly();
  const label = useDocumentLabel()(item);
  const download = useMutation({
    mutationFn: () => fetchDocumentFile(item),
    onSuccess: (blob) => { saveBlob(blob, documentFileName(item, label)); },
  });
  const facts = [
    t(`documents.kind.${item.kind}`),
    item.kind === "account_statement" ? t("documents.statementUntil", { date: dates.date(item.date) }) : dates.date(item.date),
  ];
  if (item.kind === "expense_statement" && item.year !== null) facts.push(t("documents.year", { year: item.year }));
  if (item.amount !== null && item.currency !== null) facts.push(formatMoney(item.amount, item.currency, locale));
  return (
    <li>
      <article className="card document-card">
        <h3 className="card__title">{label}</h3>
        <p className="muted small">{facts.join(" · ")}</p>
        {showHome && <p className="muted small">{t("lease.home", { property: item.property_name, unit: item.unit_name })}</p>}
        <div className="receipt-button">
          <Button
            variant="secondary"
            busy={download.isPending}
            busyLabel={t("documents.downloading")}
            disabled={readOnly}
            aria-label={t("documents.downloadNamed", { name: label })}
            onClick={() => { download.mutate(); }}
          >
            {t("documents.download")}
          </Button>
          {readOnly && <p className="field__hint">{t("documents.downloadOffline")}</p>}
          {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
        </div>
      </article>
    </li>
  );
}

function DocumentItems({ items, emptyText }: { items: PortalDocument[]; emptyText: string }) {
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  const homes = new Set(items.map((item) => item.lease_id));
  return (
    <ul className="card-list plain-list">
      {items.map((item) => (
        <DocumentCard key={documentKey(item)} item={item} showHome={homes.size > 1} />
      ))}
    </ul>
  );
}

/** The Documents screen: every document of the tenant's homes, newest first, filtered by kind. */
export function DocumentList() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PortalDocumentKind | "">("");
  const documents = useMyDocuments(kind === "" ? {} : { kind });
  const items = documents.data?.pages.flatMap((page) => page.items);
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor="document-kind">
          {t("documents.filter")}
        </label>
        <select
          id="document-kind"
          className="field__input"
          value={kind}
          onChange={(event) => { setKind(event.target.value as PortalDocumentKind | ""); }}
        >
          <option value="">{t("documents.allKinds")}</option>
          {DOCUMENT_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`documents.kind.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="section" aria-live="polite">
        {items !== undefined ? (
          <DocumentItems items={items} emptyText={kind === "" ? t("documents.empty") : t("documents.emptyKind")} />
        ) : documents.isError ? (
          <Alert>{describeProblem(documents.error, t).message}</Alert>
        ) : (
          <p aria-busy="true">{t("app.loading")}</p>
        )}
        <LoadMore query={documents} label={t("documents.loadMore")} busyLabel={t("documents.loadingMore")} />
      </div>
    </>
  );
}

/** Home: the three latest documents, and the way to all of them. */
export function LatestDocuments() {
  const { t } = useTranslation();
  const documents = useLatestDocuments(3);
  return (
    <section className="section" aria-labelledby="latest-documents-title">
      <h2 id="latest-documents-title">{t("documents.latestTitle")}</h2>
      {documents.data !== undefined ? (
        <DocumentItems items={documents.data} emptyText={t("documents.empty")} />
      ) : documents.isError ? (
        <Alert>{describeProblem(documents.error, t).message}</Alert>
      ) : (
        <p aria-busy="true">{t("app.loading")}</p>
      )}
      <p className="button-row">
        <Link to="/documents">{t("documents.seeAll")}</Link>
      </p>
    </section>
  );
}

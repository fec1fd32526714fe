import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyInvoice } from "@/features/payments/api/get-my-invoice";
import type { TransferProof } from "@/features/payments/api/get-my-transfer-proof";
import { InvoiceProofNotes } from "@/features/payments/components/InvoiceTransferProofs";
import { TransferProofForm } from "@/features/payments/components/TransferProofForm";
import { invoiceTitle, isPayable } from "@/features/payments/lib/wording";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";
import type { ProofSentState } from "./transfer-proof";

function useShowSentProof(): (proof: TransferProof) => void {
  const navigate = useNavigate();
  return (proof) => {
    const state: ProofSentState = { sent: true };
    void navigate(`/payments/transfer-proofs/${proof.id}`, { state });
  };
}

/** "Report a bank transfer" from the payments area: the tenant picks the lease (and, if they like, the invoice). */
export function ReportTransferRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  const onSent = useShowSentProof();
  useDocumentTitle(t("proofs.report.title"));
  return (
    <>
      <p className="back-link">
        <Link to="/payments">
          <span aria-hidden="true">←</span>
          {t("proofs.back")}
        </Link>
      </p>
      <header className="page-header">
        <h1>{t("proofs.report.title")}</h1>
        <p className="muted">{t("proofs.report.intro")}</p>
      </header>
      <TransferProofForm locale={locale} leaseLabels={leaseLabels} onSent={onSent} />
    </>
  );
}

/** "I paid by bank transfer" on an invoice: the form prefilled with its lease and what is left to pay. */
export function InvoiceBankTransferRoute() {
  const { invoiceId = "" } = useParams();
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  const invoice = useMyInvoice(invoiceId);
  const onSent = useShowSentProof();
  useDocumentTitle(invoice.data === undefined ? t("proofs.report.forInvoiceTitle") : `${t("proofs.report.forInvoiceTitle")} · ${invoiceTitle(invoice.data, t)}`);

  const back = (
    <p className="back-link">
      <Link to={`/payments/invoices/${invoiceId}`}>
        <span aria-hidden="true">←</span>
        {t("proofs.report.backToInvoice")}
      </Link>
    </p>
  );
  let body;
  if (invoice.data !== undefined) {
    body = isPayable(invoice.data) ? (
      <>
        {/* A transfer already reported for this invoice: said before a second one is sent. */}
        <InvoiceProofNotes invoice={invoice.data} locale={locale} />
        <TransferProofForm locale={locale} leaseLabels={leaseLabels} invoice={invoice.data} onSent={onSent} />
      </>
    ) : (
      <>
        <p>{t("proofs.report.invoicePaid")}</p>
        <p>
          <Link to="/payments/transfer-proofs/new">{t("proofs.report.otherTransfer")}</Link>
        </p>
      </>
    );
  } else if (invoice.isError) {
    const notFound = invoice.error instanceof ApiError && (invoice.error.status === 404 || invoice.error.status === 422);
    body = notFound ? <p>{t("payments.invoice.notFoundBody")}</p> : <Alert>{describeProblem(invoice.error, t).message}</Alert>;
  } else {
    body = <p aria-busy="true">{t("app.loading")}</p>;
  }
  return (
    <>
      {back}
      <header className="page-header">
        <h1>{t("proofs.report.forInvoiceTitle")}</h1>
        <p className="muted">{t("proofs.report.intro")}</p>
      </header>
      {body}
    </>
  );
}

import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyInvoice } from "@/features/payments/api/get-my-invoice";
import { InvoiceDetail } from "@/features/payments/components/InvoiceDetail";
import { InvoicePayments } from "@/features/payments/components/InvoicePayments";
import { BankTransferPanel, InvoiceProofNotes } from "@/features/payments/components/InvoiceTransferProofs";
import { PayPanel } from "@/features/payments/components/PayPanel";
import { BankDetails } from "@/features/payments/components/BankDetails";
import { invoiceTitle, isPayable } from "@/features/payments/lib/wording";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";

/**
 * One invoice, with "Pay now" and "I paid by bank transfer" while something is left to pay (and
 * the transfers the tenant already reported for it), and the payments it received.
 */
export function InvoiceRoute() {
  const { invoiceId = "" } = useParams();
  const { t } = useTranslation();
  const invoice = useMyInvoice(invoiceId);
  const locale = useFormattingLocale();
  useDocumentTitle(invoice.data === undefined ? undefined : invoiceTitle(invoice.data, t));

  if (invoice.data !== undefined) {
    return (
      <InvoiceDetail invoice={invoice.data} locale={locale}>
        <InvoiceProofNotes invoice={invoice.data} locale={locale} />
        <PayPanel invoice={invoice.data} locale={locale} />
        {isPayable(invoice.data) && <BankDetails leaseId={invoice.data.lease_id} />}
        <BankTransferPanel invoice={invoice.data} />
        <InvoicePayments invoice={invoice.data} locale={locale} />
      </InvoiceDetail>
    );
  }
  if (invoice.isError) {
    const notFound = invoice.error instanceof ApiError && (invoice.error.status === 404 || invoice.error.status === 422);
    return (
      <>
        <h1>{notFound ? t("payments.invoice.notFoundTitle") : t("payments.invoice.titleNoNumber")}</h1>
        {notFound ? <p>{t("payments.invoice.notFoundBody")}</p> : <Alert>{describeProblem(invoice.error, t).message}</Alert>}
        <p>
          <Link to="/payments">{t("payments.invoice.back")}</Link>
        </p>
      </>
    );
  }
  return <p aria-busy="true">{t("app.loading")}</p>;
}

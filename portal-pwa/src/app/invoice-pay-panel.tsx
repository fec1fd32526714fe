import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyInvoice } from "@/features/payments/api/get-my-invoice";
import { PayPanel } from "@/features/payments/components/PayPanel";

/** An onboarding step's or an assigned task's payment: the payments feature's pay panel for its invoice, composed in by the routes. */
export function InvoicePayPanel({ invoiceId, locale }: { invoiceId: string; locale: string }) {
  const { t } = useTranslation();
  const invoice = useMyInvoice(invoiceId);
  if (invoice.data !== undefined) return <PayPanel invoice={invoice.data} locale={locale} />;
  if (invoice.isError) return <Alert>{describeProblem(invoice.error, t).message}</Alert>;
  return <p aria-busy="true">{t("app.loading")}</p>;
}

import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { OnboardingPage } from "@/features/onboarding/components/OnboardingPage";
import { useMyInvoice } from "@/features/payments/api/get-my-invoice";
import { PayPanel } from "@/features/payments/components/PayPanel";
import { RecurringPayment } from "@/features/recurring/components/RecurringPayment";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";

/** A payment step is paid through the portal's own card payment for its invoice (payments feature). */
function OnboardingPayment({ invoiceId, locale }: { invoiceId: string; locale: string }) {
  const { t } = useTranslation();
  const invoice = useMyInvoice(invoiceId);
  if (invoice.data !== undefined) return <PayPanel invoice={invoice.data} locale={locale} />;
  if (invoice.isError) return <Alert>{describeProblem(invoice.error, t).message}</Alert>;
  return <p aria-busy="true">{t("app.loading")}</p>;
}

/**
 * /portal/onboarding: the steps of the invite the tenant used, one after the other. A payment step
 * pays through the payments feature, a recurring rent step sets up through the recurring feature.
 */
export function OnboardingRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  useDocumentTitle(t("onboarding.title"));
  return (
    <OnboardingPage
      locale={locale}
      renderPayment={(invoiceId) => <OnboardingPayment key={invoiceId} invoiceId={invoiceId} locale={locale} />}
      renderRecurring={(leaseId) => <RecurringPayment key={leaseId} leaseId={leaseId} locale={locale} />}
    />
  );
}

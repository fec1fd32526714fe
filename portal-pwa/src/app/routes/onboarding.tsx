import { useTranslation } from "react-i18next";
import { OnboardingPage } from "@/features/onboarding/components/OnboardingPage";
import { RecurringPayment } from "@/features/recurring/components/RecurringPayment";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { InvoicePayPanel } from "../invoice-pay-panel";

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
      renderPayment={(invoiceId) => <InvoicePayPanel key={invoiceId} invoiceId={invoiceId} locale={locale} />}
      renderRecurring={(leaseId) => <RecurringPayment key={leaseId} leaseId={leaseId} locale={locale} />}
    />
  );
}

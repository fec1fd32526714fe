import { useTranslation } from "react-i18next";
import { OnboardingPage } from "@/features/onboarding/components/OnboardingPage";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { InvoicePayPanel } from "../invoice-pay-panel";

/** /portal/onboarding: the steps of the invite the tenant used, one after the other. */
export function OnboardingRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  useDocumentTitle(t("onboarding.title"));
  return <OnboardingPage locale={locale} renderPayment={(invoiceId) => <InvoicePayPanel key={invoiceId} invoiceId={invoiceId} locale={locale} />} />;
}

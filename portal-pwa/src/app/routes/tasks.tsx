import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { MyTasksPage, TaskPage } from "@/features/onboarding/components/TasksPages";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { InvoicePayPanel } from "../invoice-pay-panel";

/** /portal/tasks: the tasks the agency gave the tenant. */
export function TasksRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("onboarding.tasks.title"));
  return <MyTasksPage />;
}

/** /portal/tasks/:assignmentId: one task, linked from its e-mail. */
export function TaskRoute() {
  const { t } = useTranslation();
  const { assignmentId = "" } = useParams();
  const locale = useFormattingLocale();
  useDocumentTitle(t("onboarding.tasks.title"));
  return <TaskPage key={assignmentId} assignmentId={assignmentId} locale={locale} renderPayment={(invoiceId) => <InvoicePayPanel key={invoiceId} invoiceId={invoiceId} locale={locale} />} />;
}

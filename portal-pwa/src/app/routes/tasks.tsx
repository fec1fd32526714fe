import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { MyTasksPage, TaskPage } from "@/features/onboarding/components/TasksPages";
import { useMyInvoice } from "@/features/payments/api/get-my-invoice";
import { PayPanel } from "@/features/payments/components/PayPanel";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";

/** A payment task is paid through the portal's own card payment for its invoice (payments feature). */
function TaskPayment({ invoiceId, locale }: { invoiceId: string; locale: string }) {
  const { t } = useTranslation();
  const invoice = useMyInvoice(invoiceId);
  if (invoice.data !== undefined) return <PayPanel invoice={invoice.data} locale={locale} />;
  if (invoice.isError) return <Alert>{describeProblem(invoice.error, t).message}</Alert>;
  return <p aria-busy="true">{t("app.loading")}</p>;
}

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
  return <TaskPage key={assignmentId} assignmentId={assignmentId} locale={locale} renderPayment={(invoiceId) => <TaskPayment key={invoiceId} invoiceId={invoiceId} locale={locale} />} />;
}

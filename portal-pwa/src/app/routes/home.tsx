import type { UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { MyLeases } from "@/features/leases/components/MyLeases";
import { NextRentDueCard } from "@/features/leases/components/NextRentDueCard";
import { useMyLeases } from "@/features/leases/api/get-my-leases";
import { LatestDocuments } from "@/features/documents/components/DocumentList";
import { OpenIncidents } from "@/features/incidents/components/IncidentList";
import { UnreadMessages } from "@/features/messages/components/ConversationList";
import { OnboardingReminder } from "@/features/onboarding/components/OnboardingPage";
import { TasksToDo } from "@/features/onboarding/components/TasksPages";
import { BalanceSummary } from "@/features/payments/components/BalanceSummary";
import { BankDetails } from "@/features/payments/components/BankDetails";
import { useMyBalance } from "@/features/payments/api/get-my-balance";
import { useMyInvoices } from "@/features/payments/api/get-my-invoices";
import { useAllMyPaymentInstructions } from "@/features/payments/api/get-my-payment-instructions";
import { useMyOnboarding } from "@/features/onboarding/api/my-onboarding";
import { useMyTasks } from "@/features/onboarding/api/my-tasks";
import { PayRentLink } from "@/features/payments/components/PayRentLink";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMe } from "@/lib/auth/me";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

/** Answered, refused, or waiting for the network (offline with nothing saved): nothing more to wait for. */
function settled(query: Pick<UseQueryResult, "data" | "isError" | "fetchStatus">): boolean {
  return query.data !== undefined || query.isError || query.fetchStatus === "paused";
}

/**
 * Home: greeting, the onboarding steps and the tasks still to do (if any), the next rent due (with a link to pay it), the balance, how to
 * pay by bank transfer, the unread messages, the latest documents, the incidents still open and the
 * tenant's leases. Saved data is shown whenever there is some, even if
 * the latest refresh failed (offline).
 */
export function HomeRoute() {
  const { t } = useTranslation();
  const me = useMe();
  const leases = useMyLeases();
  const locale = useFormattingLocale();
  const dates = useDateFormat();
  const leaseLabels = useLeaseLabels();
  useDocumentTitle(t("home.title"));
  // How to pay by transfer, for each lease that still takes rent.
  const payable = (leases.data ?? []).filter((lease) => lease.status === "active");
  // What the first screenful shows, asked for together (see app/home-data): the greeting and the
  // sections appear at once rather than one by one, each pushing the ones below it down as the
  // tenant reads (the unread messages, documents and incidents further down fill in as they come).
  const firstScreen = [
    me,
    useMyOnboarding(),
    useMyTasks(),
    leases,
    useMyBalance(),
    useMyInvoices("to-pay"),
    // Every active lease's, in one answer that also fills each bank-details card's own query.
    useAllMyPaymentInstructions(),
  ];
  // Once shown, the sections stay: a section mounting asks again for an answer that failed,
  // which must not take the page back to its loading line.
  const [firstScreenShown, setFirstScreenShown] = useState(false);
  const firstScreenReady = firstScreenShown || firstScreen.every(settled);
  if (firstScreenReady && !firstScreenShown) setFirstScreenShown(true);

  return (
    <>
      {me.data !== undefined ? (
        <header className="page-header">
          <h1>{t("home.greeting", { name: me.data.first_name })}</h1>
          <p className="muted">{t("home.agency", { agency: me.data.agency.name })}</p>
        </header>
      ) : (
        <h1>{t("home.title")}</h1>
      )}
      {me.data === undefined && me.isError && <Alert>{describeProblem(me.error, t).message}</Alert>}
      {!firstScreenReady ? (
        <p aria-busy="true">{t("app.loading")}</p>
      ) : leases.data !== undefined ? (
        <>
          <OnboardingReminder />
          <TasksToDo />
          <NextRentDueCard
            leases={leases.data}
            locale={locale}
            today={dates.today()}
            renderAction={(leaseId, dueDate) => <PayRentLink leaseId={leaseId} dueDate={dueDate} locale={locale} />}
          />
          {leases.data.length > 0 && (
            <div className="section">
              <BalanceSummary variant="home" locale={locale} leaseLabels={leaseLabels} />
            </div>
          )}
          {payable.map((lease) => (
            <div className="section" key={lease.id}>
              <BankDetails leaseId={lease.id} leaseLabel={payable.length > 1 ? leaseLabels[lease.id] : undefined} />
            </div>
          ))}
          {leases.data.length > 0 && <UnreadMessages />}
          {leases.data.length > 0 && <LatestDocuments />}
          {leases.data.length > 0 && <OpenIncidents />}
          <MyLeases leases={leases.data} locale={locale} />
        </>
      ) : (
        <>
          <OnboardingReminder />
          <TasksToDo />
          {leases.isError && <Alert>{describeProblem(leases.error, t).message}</Alert>}
        </>
      )}
    </>
  );
}

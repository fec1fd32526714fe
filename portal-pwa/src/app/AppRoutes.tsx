import { Suspense, type ComponentType, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { FullPageMessage } from "@doorstep/web-shared/components/ui/FullPageMessage";
import { lazyRoute } from "@doorstep/web-shared/lib/lazy-route";
import { api, session } from "@/lib/api/client";
import { loadScreenStrings } from "@/lib/i18n/i18n";
import { loadedQueries } from "@/lib/loaded-queries";

/**
 * A screen whose code is its own chunk, loaded when first visited together with the screens'
 * strings: the first load carries only the shell, the session gates, the login page and their
 * strings.
 */
function screen<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name): ComponentType {
  return lazyRoute(async () => (await Promise.all([load(), loadScreenStrings()]))[0], name);
}

// The signed-in shell comes with the query library (./signed-in), not with the login page.
const AppShell = lazyRoute(() => import("./signed-in"), "AppShell");

const ConfirmEmailRoute = screen(() => import("./routes/account-links"), "ConfirmEmailRoute");
const ForgotPasswordRoute = screen(() => import("./routes/account-links"), "ForgotPasswordRoute");
const ResetPasswordRoute = screen(() => import("./routes/account-links"), "ResetPasswordRoute");
const DocumentsRoute = screen(() => import("./routes/documents"), "DocumentsRoute");
const HomeRoute = screen(() => import("./routes/home"), "HomeRoute");
const IncidentRoute = screen(() => import("./routes/incidents"), "IncidentRoute");
const IncidentsRoute = screen(() => import("./routes/incidents"), "IncidentsRoute");
const NewIncidentRoute = screen(() => import("./routes/incidents"), "NewIncidentRoute");
const InviteRoute = screen(() => import("./routes/invite"), "InviteRoute");
const InvoiceRoute = screen(() => import("./routes/invoice"), "InvoiceRoute");
const LeaseRoute = screen(() => import("./routes/lease"), "LeaseRoute");
const ConversationRoute = screen(() => import("./routes/messages"), "ConversationRoute");
const MessagesRoute = screen(() => import("./routes/messages"), "MessagesRoute");
const NewConversationRoute = screen(() => import("./routes/messages"), "NewConversationRoute");
const NotFoundRoute = screen(() => import("./routes/not-found"), "NotFoundRoute");
const OnboardingRoute = screen(() => import("./routes/onboarding"), "OnboardingRoute");
const PayLinkRoute = screen(() => import("./routes/pay-link"), "PayLinkRoute");
const PaymentHistoryRoute = screen(() => import("./routes/payment-history"), "PaymentHistoryRoute");
const PaymentsRoute = screen(() => import("./routes/payments"), "PaymentsRoute");
const ProfileRoute = screen(() => import("./routes/profile"), "ProfileRoute");
const RecurringPaymentRoute = screen(() => import("./routes/recurring"), "RecurringPaymentRoute");
const InvoiceBankTransferRoute = screen(() => import("./routes/report-transfer"), "InvoiceBankTransferRoute");
const ReportTransferRoute = screen(() => import("./routes/report-transfer"), "ReportTransferRoute");
const TaskRoute = screen(() => import("./routes/tasks"), "TaskRoute");
const TasksRoute = screen(() => import("./routes/tasks"), "TasksRoute");
const SavedCardsRoute = screen(() => import("./routes/saved-cards"), "SavedCardsRoute");
const TransferProofRoute = screen(() => import("./routes/transfer-proof"), "TransferProofRoute");
const TransferProofsRoute = screen(() => import("./routes/transfer-proofs"), "TransferProofsRoute");

/** Nothing cached for a previous user may survive into the new session. */
function forgetCachedAnswers(): void {
  loadedQueries()?.queryClient.clear();
}

export interface AppRoutesProps {
  /**
   * The layout that provides the query cache to every route but the login page: the app's
   * persisted one (App); tests render inside their own provider and leave the default.
   */
  queries?: ReactElement;
}

export function AppRoutes({ queries = <Outlet /> }: AppRoutesProps) {
  const { t } = useTranslation();
  return (
    // Screens outside the shell; the shell has its own boundary, so it stays while a screen loads.
    <Suspense fallback={<FullPageMessage title={t("app.loading")} busy />}>
      <Routes>
        {/* The first load: the login page does without the query library. */}
        <Route element={<GuestOnly session={session} />}>
          <Route path="login" element={<LoginPage api={api} session={session} onSignedIn={forgetCachedAnswers} />} />
        </Route>
        <Route element={queries}>
          {/* Payment links are public: whoever holds one pays without signing in. */}
          <Route path="pay/:token" element={<PayLinkRoute />} />
          {/* The onboarding invite's magic link: the invitee has no account until they set a password there. */}
          <Route path="invite/:token" element={<InviteRoute />} />
          {/* The account e-mails' links: a reset ends every session anyway, and a new address may be confirmed on any device. */}
          <Route path="reset-password/:token" element={<ResetPasswordRoute />} />
          <Route path="confirm-email/:token" element={<ConfirmEmailRoute />} />
          <Route element={<GuestOnly session={session} />}>
            <Route path="forgot-password" element={<ForgotPasswordRoute />} />
          </Route>
        </Route>
        {/* The session is known before the query library is needed: a visitor without one is sent to
            the login page at once. */}
        <Route element={<RequireSession session={session} />}>
          <Route element={queries}>
            <Route element={<AppShell />}>
              <Route index element={<HomeRoute />} />
              <Route path="onboarding" element={<OnboardingRoute />} />
              <Route path="tasks" element={<TasksRoute />} />
              <Route path="tasks/:assignmentId" element={<TaskRoute />} />
              <Route path="leases/:leaseId" element={<LeaseRoute />} />
              <Route path="leases/:leaseId/recurring" element={<RecurringPaymentRoute />} />
              <Route path="payments" element={<PaymentsRoute />} />
              <Route path="payments/invoices/:invoiceId" element={<InvoiceRoute />} />
              <Route path="payments/history" element={<PaymentHistoryRoute />} />
              <Route path="payments/cards" element={<SavedCardsRoute />} />
              <Route path="payments/invoices/:invoiceId/bank-transfer" element={<InvoiceBankTransferRoute />} />
              <Route path="payments/transfer-proofs" element={<TransferProofsRoute />} />
              <Route path="payments/transfer-proofs/new" element={<ReportTransferRoute />} />
              <Route path="payments/transfer-proofs/:proofId" element={<TransferProofRoute />} />
              <Route path="incidents" element={<IncidentsRoute />} />
              <Route path="incidents/new" element={<NewIncidentRoute />} />
              <Route path="incidents/:incidentId" element={<IncidentRoute />} />
              <Route path="messages" element={<MessagesRoute />} />
              <Route path="messages/new" element={<NewConversationRoute />} />
              <Route path="messages/:conversationId" element={<ConversationRoute />} />
              <Route path="documents" element={<DocumentsRoute />} />
              <Route path="profile" element={<ProfileRoute />} />
              <Route path="*" element={<NotFoundRoute />} />
            </Route>
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

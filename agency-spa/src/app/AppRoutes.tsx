import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { FullPageMessage } from "@doorstep/web-shared/components/ui/FullPageMessage";
import { lazyRoute } from "@doorstep/web-shared/lib/lazy-route";
import { api, session } from "@/lib/api/client";
import { queryClient } from "@/lib/query-client";
import { AppShell } from "./AppShell";

// Each screen is its own chunk, loaded when first visited: the first load carries only the shell,
// the session gates and the login page.
const AccountRoute = lazyRoute(() => import("./routes/account"), "AccountRoute");
const ConfirmEmailRoute = lazyRoute(() => import("./routes/account"), "ConfirmEmailRoute");
const ForgotPasswordRoute = lazyRoute(() => import("./routes/account"), "ForgotPasswordRoute");
const ResetPasswordRoute = lazyRoute(() => import("./routes/account"), "ResetPasswordRoute");
const CustomersRoute = lazyRoute(() => import("./routes/customers"), "CustomersRoute");
const InviteDetailRoute = lazyRoute(() => import("./routes/customers"), "InviteDetailRoute");
const InvitesRoute = lazyRoute(() => import("./routes/customers"), "InvitesRoute");
const NewInviteRoute = lazyRoute(() => import("./routes/customers"), "NewInviteRoute");
const OnboardingFlowsRoute = lazyRoute(() => import("./routes/customers"), "OnboardingFlowsRoute");
const OnboardingTasksRoute = lazyRoute(() => import("./routes/customers"), "OnboardingTasksRoute");
const CollectionsRoute = lazyRoute(() => import("./routes/collections"), "CollectionsRoute");
const FollowUpDetailRoute = lazyRoute(() => import("./routes/collections"), "FollowUpDetailRoute");
const FollowUpsRoute = lazyRoute(() => import("./routes/collections"), "FollowUpsRoute");
const NewFollowUpRoute = lazyRoute(() => import("./routes/collections"), "NewFollowUpRoute");
const OverdueRoute = lazyRoute(() => import("./routes/collections"), "OverdueRoute");
const ApprovalsRoute = lazyRoute(() => import("./routes/approvals"), "ApprovalsRoute");
const DashboardRoute = lazyRoute(() => import("./routes/dashboard"), "DashboardRoute");
const ContractorsRoute = lazyRoute(() => import("./routes/incidents"), "ContractorsRoute");
const IncidentDetailRoute = lazyRoute(() => import("./routes/incidents"), "IncidentDetailRoute");
const IncidentsRoute = lazyRoute(() => import("./routes/incidents"), "IncidentsRoute");
const ConversationRoute = lazyRoute(() => import("./routes/messages"), "ConversationRoute");
const MessagesRoute = lazyRoute(() => import("./routes/messages"), "MessagesRoute");
const NewConversationRoute = lazyRoute(() => import("./routes/messages"), "NewConversationRoute");
const InvoiceDetailRoute = lazyRoute(() => import("./routes/invoices"), "InvoiceDetailRoute");
const InvoicesRoute = lazyRoute(() => import("./routes/invoices"), "InvoicesRoute");
const NewInvoiceRoute = lazyRoute(() => import("./routes/invoices"), "NewInvoiceRoute");
const LeaseDetailRoute = lazyRoute(() => import("./routes/leases"), "LeaseDetailRoute");
const LeasesRoute = lazyRoute(() => import("./routes/leases"), "LeasesRoute");
const NewLeaseRoute = lazyRoute(() => import("./routes/leases"), "NewLeaseRoute");
const NotFoundRoute = lazyRoute(() => import("./routes/not-found"), "NotFoundRoute");
const NewPaymentRoute = lazyRoute(() => import("./routes/payments"), "NewPaymentRoute");
const PaymentDetailRoute = lazyRoute(() => import("./routes/payments"), "PaymentDetailRoute");
const PaymentsRoute = lazyRoute(() => import("./routes/payments"), "PaymentsRoute");
const NewPropertyRoute = lazyRoute(() => import("./routes/properties"), "NewPropertyRoute");
const PropertiesRoute = lazyRoute(() => import("./routes/properties"), "PropertiesRoute");
const PropertyDetailRoute = lazyRoute(() => import("./routes/properties"), "PropertyDetailRoute");
const LineRoute = lazyRoute(() => import("./routes/reconciliation"), "LineRoute");
const LinesRoute = lazyRoute(() => import("./routes/reconciliation"), "LinesRoute");
const ReconciliationRoute = lazyRoute(() => import("./routes/reconciliation"), "ReconciliationRoute");
const StatementDetailRoute = lazyRoute(() => import("./routes/reconciliation"), "StatementDetailRoute");
const UnpaidOutRoute = lazyRoute(() => import("./routes/reconciliation"), "UnpaidOutRoute");
const RecurringPaymentDetailRoute = lazyRoute(() => import("./routes/recurring"), "RecurringPaymentDetailRoute");
const RecurringPaymentsRoute = lazyRoute(() => import("./routes/recurring"), "RecurringPaymentsRoute");
const SettingsRoute = lazyRoute(() => import("./routes/recurring"), "SettingsRoute");
const NewTenantRoute = lazyRoute(() => import("./routes/tenants"), "NewTenantRoute");
const TenantDetailRoute = lazyRoute(() => import("./routes/tenants"), "TenantDetailRoute");
const TenantsRoute = lazyRoute(() => import("./routes/tenants"), "TenantsRoute");
const ProofDetailRoute = lazyRoute(() => import("./routes/transfer-proofs"), "ProofDetailRoute");
const TransferProofsRoute = lazyRoute(() => import("./routes/transfer-proofs"), "TransferProofsRoute");
const UnitDetailRoute = lazyRoute(() => import("./routes/units"), "UnitDetailRoute");
const UnitsRoute = lazyRoute(() => import("./routes/units"), "UnitsRoute");

/** Nothing cached for a previous user may survive into the new session. */
function forgetCachedAnswers(): void {
  queryClient.clear();
}

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    // Screens outside the shell; the shell has its own boundary, so it stays while a screen loads.
    <Suspense fallback={<FullPageMessage title={t("app.loading")} busy />}>
      <Routes>
        {/* The account e-mails' links: a reset ends every session anyway, and a new address may be confirmed on any device. */}
        <Route path="reset-password/:token" element={<ResetPasswordRoute />} />
        <Route path="confirm-email/:token" element={<ConfirmEmailRoute />} />
        <Route element={<GuestOnly session={session} />}>
          <Route path="login" element={<LoginPage api={api} session={session} onSignedIn={forgetCachedAnswers} />} />
          <Route path="forgot-password" element={<ForgotPasswordRoute />} />
        </Route>
        <Route element={<RequireSession session={session} />}>
          <Route element={<AppShell />}>
            <Route index element={<Navigate to="/dashboard" replace />} />
            <Route path="dashboard" element={<DashboardRoute />} />
            <Route path="properties">
              <Route index element={<PropertiesRoute />} />
              <Route path="new" element={<NewPropertyRoute />} />
              <Route path=":propertyId" element={<PropertyDetailRoute />} />
            </Route>
            <Route path="units">
              <Route index element={<UnitsRoute />} />
              <Route path=":unitId" element={<UnitDetailRoute />} />
            </Route>
            <Route path="tenants">
              <Route index element={<TenantsRoute />} />
              <Route path="new" element={<NewTenantRoute />} />
              <Route path=":tenantId" element={<TenantDetailRoute />} />
            </Route>
            <Route path="customers">
              <Route index element={<Navigate to="/customers/invites" replace />} />
              <Route path="invites">
                <Route index element={<InvitesRoute />} />
                <Route path="new" element={<NewInviteRoute />} />
                <Route path=":inviteId" element={<InviteDetailRoute />} />
              </Route>
              <Route path="registered" element={<CustomersRoute />} />
              <Route path="tasks" element={<OnboardingTasksRoute />} />
              <Route path="flows" element={<OnboardingFlowsRoute />} />
            </Route>
            <Route path="leases">
              <Route index element={<LeasesRoute />} />
              <Route path="new" element={<NewLeaseRoute />} />
              <Route path=":leaseId" element={<LeaseDetailRoute />} />
            </Route>
            <Route path="collections">
              <Route index element={<CollectionsRoute />} />
              <Route path="overdue" element={<OverdueRoute />} />
              <Route path="follow-ups">
                <Route index element={<FollowUpsRoute />} />
                <Route path="new" element={<NewFollowUpRoute />} />
                <Route path=":followUpId" element={<FollowUpDetailRoute />} />
              </Route>
            </Route>
            <Route path="reconciliation">
              <Route index element={<ReconciliationRoute />} />
              <Route path="statements/:statementId" element={<StatementDetailRoute />} />
              <Route path="lines">
                <Route index element={<LinesRoute />} />
                <Route path=":lineId" element={<LineRoute />} />
              </Route>
              <Route path="unpaid-out" element={<UnpaidOutRoute />} />
            </Route>
            <Route path="invoices">
              <Route index element={<InvoicesRoute />} />
              <Route path="new" element={<NewInvoiceRoute />} />
              <Route path=":invoiceId" element={<InvoiceDetailRoute />} />
            </Route>
            <Route path="payments">
              <Route index element={<PaymentsRoute />} />
              <Route path="new" element={<NewPaymentRoute />} />
              <Route path=":paymentId" element={<PaymentDetailRoute />} />
            </Route>
            <Route path="recurring-payments">
              <Route index element={<RecurringPaymentsRoute />} />
              <Route path=":setupId" element={<RecurringPaymentDetailRoute />} />
            </Route>
            <Route path="settings" element={<SettingsRoute />} />
            <Route path="account" element={<AccountRoute />} />
            <Route path="approvals" element={<ApprovalsRoute />} />
            <Route path="transfer-proofs">
              <Route index element={<TransferProofsRoute />} />
              <Route path=":proofId" element={<ProofDetailRoute />} />
            </Route>
            <Route path="incidents">
              <Route index element={<IncidentsRoute />} />
              <Route path=":incidentId" element={<IncidentDetailRoute />} />
            </Route>
            <Route path="contractors" element={<ContractorsRoute />} />
            <Route path="messages">
              <Route index element={<MessagesRoute />} />
              <Route path="new" element={<NewConversationRoute />} />
              <Route path=":conversationId" element={<ConversationRoute />} />
            </Route>
            <Route path="*" element={<NotFoundRoute />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

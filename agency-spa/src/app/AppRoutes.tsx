import { Suspense, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { FullPageMessage } from "@doorstep/web-shared/components/ui/FullPageMessage";
import { lazyRoute } from "@doorstep/web-shared/lib/lazy-route";
import { api, session } from "@/lib/api/client";
import { loadScreenStrings } from "@/lib/i18n/i18n";
import { queryClient } from "@/lib/query-client";

/**
 * A screen whose code is its own chunk, loaded when first visited together with the screens'
 * strings: the first load carries only the session gates, the login page and their strings.
 */
function screen<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name): ComponentType {
  return lazyRoute(async () => (await Promise.all([load(), loadScreenStrings()]))[0], name);
}

// The signed-in shell (its navigation names every section) comes with the screens' strings too.
const AppShell = screen(() => import("./AppShell"), "AppShell");
const AccountRoute = screen(() => import("./routes/account"), "AccountRoute");
const ConfirmEmailRoute = screen(() => import("./routes/account"), "ConfirmEmailRoute");
const ForgotPasswordRoute = screen(() => import("./routes/account"), "ForgotPasswordRoute");
const ResetPasswordRoute = screen(() => import("./routes/account"), "ResetPasswordRoute");
const CustomersRoute = screen(() => import("./routes/customers"), "CustomersRoute");
const InviteDetailRoute = screen(() => import("./routes/customers"), "InviteDetailRoute");
const InvitesRoute = screen(() => import("./routes/customers"), "InvitesRoute");
const NewInviteRoute = screen(() => import("./routes/customers"), "NewInviteRoute");
const OnboardingFlowsRoute = screen(() => import("./routes/customers"), "OnboardingFlowsRoute");
const OnboardingTasksRoute = screen(() => import("./routes/customers"), "OnboardingTasksRoute");
const CollectionsRoute = screen(() => import("./routes/collections"), "CollectionsRoute");
const FollowUpDetailRoute = screen(() => import("./routes/collections"), "FollowUpDetailRoute");
const FollowUpsRoute = screen(() => import("./routes/collections"), "FollowUpsRoute");
const NewFollowUpRoute = screen(() => import("./routes/collections"), "NewFollowUpRoute");
const OverdueRoute = screen(() => import("./routes/collections"), "OverdueRoute");
const ApprovalsRoute = screen(() => import("./routes/approvals"), "ApprovalsRoute");
const DashboardRoute = screen(() => import("./routes/dashboard"), "DashboardRoute");
const ContractorsRoute = screen(() => import("./routes/incidents"), "ContractorsRoute");
const IncidentDetailRoute = screen(() => import("./routes/incidents"), "IncidentDetailRoute");
const IncidentsRoute = screen(() => import("./routes/incidents"), "IncidentsRoute");
const ConversationRoute = screen(() => import("./routes/messages"), "ConversationRoute");
const MessagesRoute = screen(() => import("./routes/messages"), "MessagesRoute");
const NewConversationRoute = screen(() => import("./routes/messages"), "NewConversationRoute");
const InvoiceDetailRoute = screen(() => import("./routes/invoices"), "InvoiceDetailRoute");
const InvoicesRoute = screen(() => import("./routes/invoices"), "InvoicesRoute");
const NewInvoiceRoute = screen(() => import("./routes/invoices"), "NewInvoiceRoute");
const LeaseDetailRoute = screen(() => import("./routes/leases"), "LeaseDetailRoute");
const LeasesRoute = screen(() => import("./routes/leases"), "LeasesRoute");
const NewLeaseRoute = screen(() => import("./routes/leases"), "NewLeaseRoute");
const NotFoundRoute = screen(() => import("./routes/not-found"), "NotFoundRoute");
const NewPaymentRoute = screen(() => import("./routes/payments"), "NewPaymentRoute");
const PaymentDetailRoute = screen(() => import("./routes/payments"), "PaymentDetailRoute");
const PaymentsRoute = screen(() => import("./routes/payments"), "PaymentsRoute");
const NewPropertyRoute = screen(() => import("./routes/properties"), "NewPropertyRoute");
const PropertiesRoute = screen(() => import("./routes/properties"), "PropertiesRoute");
const PropertyDetailRoute = screen(() => import("./routes/properties"), "PropertyDetailRoute");
const LineRoute = screen(() => import("./routes/reconciliation"), "LineRoute");
const LinesRoute = screen(() => import("./routes/reconciliation"), "LinesRoute");
const ReconciliationRoute = screen(() => import("./routes/reconciliation"), "ReconciliationRoute");
const StatementDetailRoute = screen(() => import("./routes/reconciliation"), "StatementDetailRoute");
const UnpaidOutRoute = screen(() => import("./routes/reconciliation"), "UnpaidOutRoute");
const RecurringPaymentDetailRoute = screen(() => import("./routes/recurring"), "RecurringPaymentDetailRoute");
const RecurringPaymentsRoute = screen(() => import("./routes/recurring"), "RecurringPaymentsRoute");
const AgencySettingsRoute = screen(() => import("./routes/settings"), "AgencySettingsRoute");
const ApprovalSettingsRoute = screen(() => import("./routes/settings"), "ApprovalSettingsRoute");
const FeatureSettingsRoute = screen(() => import("./routes/settings"), "FeatureSettingsRoute");
const ReminderSettingsRoute = screen(() => import("./routes/settings"), "ReminderSettingsRoute");
const TeamSettingsRoute = screen(() => import("./routes/settings"), "TeamSettingsRoute");
const TrustAccountSettingsRoute = screen(() => import("./routes/settings"), "TrustAccountSettingsRoute");
const NewTenantRoute = screen(() => import("./routes/tenants"), "NewTenantRoute");
const TenantDetailRoute = screen(() => import("./routes/tenants"), "TenantDetailRoute");
const TenantsRoute = screen(() => import("./routes/tenants"), "TenantsRoute");
const ProofDetailRoute = screen(() => import("./routes/transfer-proofs"), "ProofDetailRoute");
const TransferProofsRoute = screen(() => import("./routes/transfer-proofs"), "TransferProofsRoute");
const UnitDetailRoute = screen(() => import("./routes/units"), "UnitDetailRoute");
const UnitsRoute = screen(() => import("./routes/units"), "UnitsRoute");

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
            <Route path="settings">
              {/* Where the readiness checklist's older "fix it" links and the nav land. */}
              <Route index element={<Navigate to="/settings/agency" replace />} />
              <Route path="agency" element={<AgencySettingsRoute />} />
              <Route path="trust-account" element={<TrustAccountSettingsRoute />} />
              <Route path="features" element={<FeatureSettingsRoute />} />
              <Route path="approvals" element={<ApprovalSettingsRoute />} />
              <Route path="team" element={<TeamSettingsRoute />} />
              <Route path="reminders" element={<ReminderSettingsRoute />} />
            </Route>
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

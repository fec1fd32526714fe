import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { api, session } from "@/lib/api/client";
import { AppShell } from "./AppShell";
import { AccountRoute, ConfirmEmailRoute, ForgotPasswordRoute, ResetPasswordRoute } from "./routes/account";
import {
  CustomersRoute,
  InviteDetailRoute,
  InvitesRoute,
  NewInviteRoute,
  OnboardingFlowsRoute,
  OnboardingTasksRoute,
} from "./routes/customers";
import { CollectionsRoute, FollowUpDetailRoute, FollowUpsRoute, NewFollowUpRoute, OverdueRoute } from "./routes/collections";
import { ApprovalsRoute } from "./routes/approvals";
import { DashboardRoute } from "./routes/dashboard";
import { InvoiceDetailRoute, InvoicesRoute, NewInvoiceRoute } from "./routes/invoices";
import { LeaseDetailRoute, LeasesRoute, NewLeaseRoute } from "./routes/leases";
import { NotFoundRoute } from "./routes/not-found";
import { NewPaymentRoute, PaymentDetailRoute, PaymentsRoute } from "./routes/payments";
import { NewPropertyRoute, PropertiesRoute, PropertyDetailRoute } from "./routes/properties";
import { LineRoute, LinesRoute, ReconciliationRoute, StatementDetailRoute, UnpaidOutRoute } from "./routes/reconciliation";
import { RecurringPaymentDetailRoute, RecurringPaymentsRoute, SettingsRoute } from "./routes/recurring";
import { NewTenantRoute, TenantDetailRoute, TenantsRoute } from "./routes/tenants";
import { ProofDetailRoute, TransferProofsRoute } from "./routes/transfer-proofs";
import { UnitDetailRoute, UnitsRoute } from "./routes/units";

export function AppRoutes() {
  return (
    <Routes>
      {/* The account e-mails' links: a reset ends every session anyway, and a new address may be confirmed on any device. */}
      <Route path="reset-password/:token" element={<ResetPasswordRoute />} />
      <Route path="confirm-email/:token" element={<ConfirmEmailRoute />} />
      <Route element={<GuestOnly session={session} />}>
        <Route path="login" element={<LoginPage api={api} session={session} />} />
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
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}

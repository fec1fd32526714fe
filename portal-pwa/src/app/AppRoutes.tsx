import { Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { api, session } from "@/lib/api/client";
import { AppShell } from "./AppShell";
import { ConfirmEmailRoute, ForgotPasswordRoute, ResetPasswordRoute } from "./routes/account-links";
import { HomeRoute } from "./routes/home";
import { InviteRoute } from "./routes/invite";
import { InvoiceRoute } from "./routes/invoice";
import { LeaseRoute } from "./routes/lease";
import { NotFoundRoute } from "./routes/not-found";
import { OnboardingRoute } from "./routes/onboarding";
import { PayLinkRoute } from "./routes/pay-link";
import { PaymentHistoryRoute } from "./routes/payment-history";
import { PaymentsRoute } from "./routes/payments";
import { ProfileRoute } from "./routes/profile";
import { RecurringPaymentRoute } from "./routes/recurring";
import { InvoiceBankTransferRoute, ReportTransferRoute } from "./routes/report-transfer";
import { SavedCardsRoute } from "./routes/saved-cards";
import { TransferProofRoute } from "./routes/transfer-proof";
import { TransferProofsRoute } from "./routes/transfer-proofs";

export function AppRoutes() {
  return (
    <Routes>
      {/* Payment links are public: whoever holds one pays without signing in. */}
      <Route path="pay/:token" element={<PayLinkRoute />} />
      {/* The onboarding invite's magic link: the invitee has no account until they set a password there. */}
      <Route path="invite/:token" element={<InviteRoute />} />
      {/* The account e-mails' links: a reset ends every session anyway, and a new address may be confirmed on any device. */}
      <Route path="reset-password/:token" element={<ResetPasswordRoute />} />
      <Route path="confirm-email/:token" element={<ConfirmEmailRoute />} />
      <Route element={<GuestOnly session={session} />}>
        <Route path="login" element={<LoginPage api={api} session={session} />} />
        <Route path="forgot-password" element={<ForgotPasswordRoute />} />
      </Route>
      <Route element={<RequireSession session={session} />}>
        <Route element={<AppShell />}>
          <Route index element={<HomeRoute />} />
          <Route path="onboarding" element={<OnboardingRoute />} />
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
          <Route path="profile" element={<ProfileRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}

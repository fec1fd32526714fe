import { useParams } from "react-router";
import { ConfirmEmailPage } from "@doorstep/web-shared/features/account/components/ConfirmEmailPage";
import { ForgotPasswordPage } from "@doorstep/web-shared/features/account/components/ForgotPasswordPage";
import { ResetPasswordPage } from "@doorstep/web-shared/features/account/components/ResetPasswordPage";
import { AccountPage } from "@/features/account/components/AccountPage";
import { api } from "@/lib/api/client";

/** /account: the signed-in staff member's own account. */
export function AccountRoute() {
  return <AccountPage />;
}

/** /agency/forgot-password, from the login page's "Forgot password?". */
export function ForgotPasswordRoute() {
  return <ForgotPasswordPage api={api} audience="staff" />;
}

/** /agency/reset-password/{token}: the reset e-mail's link (accounts.service writes it). Public. */
export function ResetPasswordRoute() {
  const { token = "" } = useParams();
  return <ResetPasswordPage key={token} api={api} audience="staff" token={token} />;
}

/** /agency/confirm-email/{token}: the link sent to a new address. Public: it may open on another device. */
export function ConfirmEmailRoute() {
  const { token = "" } = useParams();
  return <ConfirmEmailPage key={token} api={api} audience="staff" token={token} />;
}

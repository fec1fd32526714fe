import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ConfirmEmailPage } from "@doorstep/web-shared/features/account/components/ConfirmEmailPage";
import { ForgotPasswordPage } from "@doorstep/web-shared/features/account/components/ForgotPasswordPage";
import { ResetPasswordPage } from "@doorstep/web-shared/features/account/components/ResetPasswordPage";
import { api } from "@/lib/api/client";
import { useDocumentTitle } from "@/lib/use-document-title";

/** /portal/forgot-password, from the login page's "Forgot password?". */
export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("account.forgot.title"));
  return <ForgotPasswordPage api={api} audience="tenant" />;
}

/** /portal/reset-password/{token}: the reset e-mail's link (accounts.service writes it). Public. */
export function ResetPasswordRoute() {
  const { token = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("account.reset.title"));
  return <ResetPasswordPage key={token} api={api} audience="tenant" token={token} />;
}

/** /portal/confirm-email/{token}: the link sent to a new address. Public: it may open on another device. */
export function ConfirmEmailRoute() {
  const { token = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("account.confirmEmail.title"));
  return <ConfirmEmailPage key={token} api={api} audience="tenant" token={token} />;
}

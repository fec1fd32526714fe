import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { Button } from "../../../components/ui/Button";
import { FullPageMessage } from "../../../components/ui/FullPageMessage";
import type { Session } from "../../../lib/auth/session";
import { useSession } from "../../../lib/auth/use-session";

export interface SessionGateProps {
  session: Session;
}

/**
 * Renders its routes for a signed-in user, and also while offline on saved data (read-only; only
 * a session created with `canWorkOffline` gets there); sends everyone else to the login page.
 */
export function RequireSession({ session }: SessionGateProps) {
  const { status } = useSession(session);
  const location = useLocation();
  const { t } = useTranslation();

  switch (status) {
    case "restoring":
      return <FullPageMessage title={t("app.loading")} busy />;
    case "unreachable":
      return (
        <FullPageMessage title={t("session.unreachableTitle")}>
          <p>{t("session.unreachableBody")}</p>
          <Button onClick={() => void session.restore()}>{t("session.retry")}</Button>
        </FullPageMessage>
      );
    case "anonymous":
      return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
    case "authenticated":
    case "offline":
      return <Outlet />;
  }
}

/** Where to go after login: the page that sent us to login, if it is one of ours. */
function redirectTarget(state: unknown): string {
  if (typeof state === "object" && state !== null && "from" in state && typeof state.from === "string") {
    return state.from.startsWith("/") && !state.from.startsWith("//") ? state.from : "/";
  }
  return "/";
}

/** The login page, unless a session (or an offline one) already exists. */
export function GuestOnly({ session }: SessionGateProps) {
  const { status } = useSession(session);
  const location = useLocation();
  const { t } = useTranslation();
  if (status === "restoring") return <FullPageMessage title={t("app.loading")} busy />;
  if (status === "authenticated" || status === "offline") return <Navigate to={redirectTarget(location.state)} replace />;
  return <Outlet />;
}

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { usePortalAccess, useSetPortalAccess } from "../api/portal-access";
import { portalAccessAction } from "./portal-access-state";

/**
 * A tenant's portal access (issue 13): on, off since when, or no account yet; owners and
 * managers turn it off (after confirming: the tenant is signed out everywhere at once, nothing
 * is deleted) or on again. The history says who did it and when (the audit log).
 */
export function PortalAccessCard({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const { can } = useRole();
  const access = usePortalAccess(tenantId);
  const change = useSetPortalAccess(tenantId);
  const [confirming, setConfirming] = useState(false);
  const when = (value: string) => dates.instant(value);

  let body;
  if (access.isPending) {
    body = <Loading />;
  } else if (access.isError) {
    body = <LoadError error={access.error} onRetry={() => void access.refetch()} />;
  } else {
    const state = access.data;
    const action = portalAccessAction(state, can("tenants:write"));
    body = (
      <>
        <p>
          {state.status === "enabled"
            ? t("portalAccess.enabled")
            : state.status === "disabled"
              ? t("portalAccess.disabled", { date: state.disabled_at === null ? "" : when(state.disabled_at) })
              : t("portalAccess.noAccount")}
        </p>
        {change.isError && <Alert>{describeProblem(change.error, t).message}</Alert>}
        {action === "disable" && !confirming && (
          <Button
            variant="danger"
            onClick={() => {
              setConfirming(true);
            }}
          >
            {t("portalAccess.disable")}
          </Button>
        )}
        {action === "disable" && confirming && (
          <div className="stack" role="group" aria-labelledby="portal-access-confirm">
            <p id="portal-access-confirm">{t("portalAccess.confirmDisable", { name: tenantName })}</p>
            <div className="form-actions">
              <Button
                variant="danger"
                busy={change.isPending}
                busyLabel={t("portalAccess.saving")}
                onClick={() => {
                  change.mutate(false, {
                    onSuccess: () => {
                      setConfirming(false);
                    },
                  });
                }}
              >
                {t("portalAccess.confirmYes")}
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setConfirming(false);
                }}
              >
                {t("portalAccess.cancel")}
              </Button>
            </div>
          </div>
        )}
        {action === "enable" && (
          <Button
            busy={change.isPending}
            busyLabel={t("portalAccess.saving")}
            onClick={() => {
              change.mutate(true);
            }}
          >
            {t("portalAccess.enable")}
          </Button>
        )}
        {state.history.length > 0 && (
          <>
            <h3>{t("portalAccess.history")}</h3>
            <ul>
              {state.history.map((event) => (
                <li key={`${event.action}-${event.at}`}>
                  {t(event.action === "disabled" ? "portalAccess.eventDisabled" : "portalAccess.eventEnabled", {
                    who: event.by_name ?? t("portalAccess.someone"),
                    date: when(event.at),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="portal-access-heading" className="card">
      <h2 id="portal-access-heading">{t("portalAccess.title")}</h2>
      {body}
    </section>
  );
}

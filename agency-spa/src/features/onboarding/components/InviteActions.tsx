import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useRole } from "@/lib/auth/permissions";
import { useInviteAction } from "../api/invite-actions";
import type { Invite } from "../api/list-invites";
import { canCancel, canResend } from "./invite-rules";

/**
 * Resend (Pending or Expired: a fresh link by e-mail) and Cancel (Pending, after confirming: the
 * link stops working), for staff who may change the book. The outcome is announced.
 */
export function InviteActions({ invite }: { invite: Invite }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const action = useInviteAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!can("onboarding:write")) return null;
  const name = `${invite.first_name} ${invite.last_name}`;
  const error = action.error === null ? undefined : describeProblem(action.error, t).message;

  return (
    <div className="row-actions">
      {canResend(invite.status) && (
        <Button
          variant="secondary"
          busy={action.isPending && action.variables.action === "resend"}
          busyLabel={t("customers.invites.resending")}
          aria-label={t("customers.invites.resendFor", { name })}
          onClick={() => {
            setDone(null);
            action.mutate(
              { inviteId: invite.id, action: "resend" },
              {
                onSuccess: () => {
                  setDone(t("customers.invites.resent", { email: invite.email }));
                },
              },
            );
          }}
        >
          {t("customers.invites.resend")}
        </Button>
      )}
      {canCancel(invite.status) && (
        <Button
          variant="danger"
          aria-label={t("customers.invites.cancelFor", { name })}
          onClick={() => {
            action.reset();
            setConfirming(true);
          }}
        >
          {t("customers.invites.cancel")}
        </Button>
      )}
      {!confirming && error !== undefined && <p className="field__error">{error}</p>}
      {done !== null && (
        <p role="status" className="muted">
          {done}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("customers.invites.cancelTitle")}
        confirmLabel={t("customers.invites.cancelConfirm")}
        cancelLabel={t("customers.invites.cancelKeep")}
        busyLabel={t("customers.invites.cancelling")}
        busy={action.isPending}
        error={error}
        danger
        onConfirm={() => {
          action.mutate(
            { inviteId: invite.id, action: "cancel" },
            {
              onSuccess: () => {
                setConfirming(false);
                setDone(t("customers.invites.cancelled"));
              },
            },
          );
        }}
        onCancel={() => {
          setConfirming(false);
        }}
      >
        <p>{t("customers.invites.cancelBody", { name, email: invite.email })}</p>
      </ConfirmDialog>
    </div>
  );
}

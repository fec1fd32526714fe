import { useState } from "react";
import { useTranslation } from "react-i18next";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useLocale } from "@/lib/i18n/use-locale";
import { useDecideApproval, type Decision } from "../api/decide-approval";
import type { Approval } from "../api/list-approvals";

export interface DecisionDialogProps {
  approval: Approval;
  decision: Decision;
  requesterName: string;
  onClose: (decided: Approval | null) => void;
}

/** Confirms an approval or a rejection, with an optional note kept with the decision. */
export function DecisionDialog({ approval, decision, requesterName, onClose }: DecisionDialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const decide = useDecideApproval();
  const [note, setNote] = useState("");
  const problem = decide.isError ? describeProblem(decide.error, t, { fields: ["note"] }) : undefined;
  const amount = formatMoney(approval.amount, approval.currency, locale);

  return (
    <ConfirmDialog
      open
      title={t(`approvals.dialog.title.${decision}.${approval.kind}`, { amount })}
      confirmLabel={t(`approvals.dialog.confirm.${decision}`)}
      cancelLabel={t("approvals.dialog.keep")}
      busy={decide.isPending}
      busyLabel={t("approvals.dialog.deciding")}
      error={problem?.message}
      danger={decision === "reject"}
      onCancel={() => {
        onClose(null);
      }}
      onConfirm={() => {
        decide.mutate(
          { approvalId: approval.id, decision, note: note.trim() },
          {
            onSuccess: (decided) => {
              onClose(decided);
            },
          },
        );
      }}
    >
      <p>{approval.summary}</p>
      <p>{t("approvals.dialog.askedBy", { name: requesterName, amount })}</p>
      <p>{t(`approvals.dialog.effect.${decision}.${approval.kind}`)}</p>
      <TextAreaField
        label={t("approvals.dialog.note")}
        hint={t("approvals.dialog.noteHint")}
        name="note"
        maxLength={500}
        value={note}
        error={problem?.fieldErrors.note}
        onChange={(event) => {
          setNote(event.target.value);
        }}
      />
    </ConfirmDialog>
  );
}

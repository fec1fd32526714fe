import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextAreaField } from "./TextAreaField";

export interface ReasonAndSubmitProps {
  reasonLabel: string;
  reasonHint?: string;
  reason: string;
  reasonError: string | undefined;
  onReasonChange: (reason: string) => void;
  /** What happens once sent (an approval above the threshold, the receipt kept...). */
  note: string;
  submitLabel: string;
  cancelLabel: string;
  /** The request is under way: Submit shows it, Cancel waits. */
  busy: boolean;
  onCancel: () => void;
}

/**
 * The end of a form that corrects money already booked (a refund, a moved allocation, a credit
 * note): the reason the API records with it (required, at most 200 characters), a note on what
 * happens next, then Submit and Cancel.
 */
export function ReasonAndSubmit({
  reasonLabel,
  reasonHint,
  reason,
  reasonError,
  onReasonChange,
  note,
  submitLabel,
  cancelLabel,
  busy,
  onCancel,
}: ReasonAndSubmitProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        label={reasonLabel}
        hint={reasonHint}
        name="reason"
        required
        maxLength={200}
        value={reason}
        error={reasonError}
        onChange={(event) => {
          onReasonChange(event.target.value);
        }}
      />
      <p className="muted">{note}</p>
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel={t("form.saving")}>
          {submitLabel}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </>
  );
}

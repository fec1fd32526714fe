import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useReadOnly } from "@/lib/offline";
import { fetchReceipt, receiptFileName, saveBlob } from "../api/download-receipt";

export interface ReceiptButtonProps {
  paymentId: string;
  receiptNumber: number | null;
  /** Names the file when the payment has no receipt number yet ("receipt-2026-12-01.pdf"). */
  fallbackDate: string;
}

/**
 * Downloads a payment's receipt (PDF) through the API client, with the session's token, and
 * saves it as "receipt-<number>.pdf". Needs a connection: offline the button is off and says so.
 */
export function ReceiptButton({ paymentId, receiptNumber, fallbackDate }: ReceiptButtonProps) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const download = useMutation({
    mutationFn: () => fetchReceipt(paymentId),
    onSuccess: (blob) => { saveBlob(blob, receiptFileName(receiptNumber, fallbackDate)); },
  });
  const label = t("payments.history.download", { number: receiptNumber ?? "" }).trim();
  return (
    <div className="receipt-button">
      <Button variant="secondary" busy={download.isPending} busyLabel={t("payments.history.downloading")} disabled={readOnly} onClick={() => { download.mutate(); }}>
        {label}
      </Button>
      {readOnly && <p className="field__hint">{t("payments.history.downloadOffline")}</p>}
      {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
    </div>
  );
}

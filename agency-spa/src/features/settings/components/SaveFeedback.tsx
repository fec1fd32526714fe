import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";

/** A section form's foot: what went wrong outside any field, "Saved.", "Nothing changed.", and Save. */
export function SaveFeedback({ error, saved, unchanged, busy }: { error: string | null; saved: boolean; unchanged: boolean; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {error !== null && <Alert>{error}</Alert>}
      {saved && <Alert tone="info">{t("settings.saved")}</Alert>}
      {unchanged && <Alert tone="info">{t("settings.unchanged")}</Alert>}
      <div className="button-row">
        <Button type="submit" busy={busy} busyLabel={t("settings.saving")}>
          {t("settings.save")}
        </Button>
      </div>
    </>
  );
}

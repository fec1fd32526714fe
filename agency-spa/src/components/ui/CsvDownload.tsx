import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";

/** "Download as CSV" for a filtered list: the file holds every row the filters find, not only the pages shown. */
export function CsvDownload({ download }: { download: UseMutationResult<void, Error, void> }) {
  const { t } = useTranslation();
  return (
    <div className="csv-download">
      <Button
        variant="secondary"
        busy={download.isPending}
        busyLabel={t("lists.exporting")}
        onClick={() => {
          download.mutate();
        }}
      >
        {t("lists.export")}
      </Button>
      {download.isError && <Alert>{describeProblem(download.error, t).message}</Alert>}
    </div>
  );
}

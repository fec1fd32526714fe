import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";

/** Where the row's wording is: tasks and flows say the same things of their own rows. */
type RowWording = "customers.tasks" | "customers.flows";

/**
 * The actions of a task's or a flow's row: edit it, and archive it (or restore it, since archived
 * ones stay listed, marked). The buttons name the row for screen readers.
 */
export function RowEditArchive({
  wording,
  name,
  archived,
  archiving,
  onEdit,
  onSetArchived,
}: {
  wording: RowWording;
  name: string;
  archived: boolean;
  archiving: boolean;
  onEdit: () => void;
  onSetArchived: (archived: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="link" aria-label={t(`${wording}.editNamed`, { name })} onClick={onEdit}>
        {t(`${wording}.edit`)}
      </Button>{" "}
      <Button
        variant="link"
        disabled={archiving}
        aria-label={t(archived ? `${wording}.restoreNamed` : `${wording}.archiveNamed`, { name })}
        onClick={() => {
          onSetArchived(!archived);
        }}
      >
        {t(archived ? `${wording}.restore` : `${wording}.archive`)}
      </Button>
    </>
  );
}

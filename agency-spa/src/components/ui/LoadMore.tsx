import { useTranslation } from "react-i18next";
import { Button } from "./Button";

export interface LoadMoreProps {
  /** How many rows are shown, announced after each page. */
  shown: number;
  hasMore: boolean;
  busy: boolean;
  onLoadMore: () => void;
}

/** The "Load more" button of a cursor-paginated list, with a polite count of the rows shown. */
export function LoadMore({ shown, hasMore, busy, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  return (
    <div className="load-more">
      <p className="muted" role="status">
        {hasMore ? t("list.shownMore", { count: shown }) : t("list.shownAll", { count: shown })}
      </p>
      {hasMore && (
        <Button variant="secondary" busy={busy} busyLabel={t("list.loadingMore")} onClick={onLoadMore}>
          {t("list.loadMore")}
        </Button>
      )}
    </div>
  );
}

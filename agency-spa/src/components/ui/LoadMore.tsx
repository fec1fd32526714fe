import { useEffect, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";

export interface LoadMoreProps {
  /** The rows shown so far (only their count is used). */
  shown: number;
  hasMore: boolean;
  busy: boolean;
  /** Loads the next page; resolves with the index of its first row. */
  onLoadMore: () => Promise<number>;
  /** The table the rows are appended to. */
  tableRef: RefObject<HTMLTableElement | null>;
}

function focusRow(table: HTMLTableElement | null, index: number): boolean {
  const target = table?.tBodies[0]?.rows[index]?.querySelector<HTMLElement>("a, button");
  target?.focus();
  return target !== undefined && target !== null;
}

/**
 * The "Load more" button of a cursor-paginated list, with a polite count of the rows shown.
 * After a page is appended, focus moves to the first new row's link, so keyboard users carry on
 * where the new rows start (the button they pressed may have gone with the last page).
 */
export function LoadMore({ shown, hasMore, busy, onLoadMore, tableRef }: LoadMoreProps) {
  const { t } = useTranslation();
  // The page's promise and the render that shows its rows come in either order.
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current !== null && focusRow(tableRef.current, pendingFocus.current)) pendingFocus.current = null;
  }, [shown, tableRef]);

  return (
    <div className="load-more">
      <p className="muted" role="status">
        {hasMore ? t("list.shownMore", { count: shown }) : t("list.shownAll", { count: shown })}
      </p>
      {hasMore && (
        <Button
          variant="secondary"
          busy={busy}
          busyLabel={t("list.loadingMore")}
          onClick={() => {
            void onLoadMore().then((firstNew) => {
              pendingFocus.current = focusRow(tableRef.current, firstNew) ? null : firstNew;
            });
          }}
        >
          {t("list.loadMore")}
        </Button>
      )}
    </div>
  );
}

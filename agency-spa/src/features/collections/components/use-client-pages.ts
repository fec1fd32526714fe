import { useState } from "react";
import { PAGE_SIZE } from "@/lib/api/pagination";

/**
 * Rows the API sends all at once (a report), shown a page at a time with the same "Load more"
 * as cursor lists. Going back to the first page when the rows change is the caller's choice
 * (`key` on the component).
 */
export function useClientPages<T>(rows: readonly T[], pageSize = PAGE_SIZE) {
  const [pages, setPages] = useState(1);
  const shown = rows.slice(0, pages * pageSize);
  return {
    shown,
    hasMore: shown.length < rows.length,
    loadMore: () => {
      const before = shown.length;
      setPages((count) => count + 1);
      return Promise.resolve(before);
    },
  };
}

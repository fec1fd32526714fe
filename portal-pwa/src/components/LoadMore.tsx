import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useOnline } from "@/lib/offline";

export interface LoadMoreProps {
  /** A cursor-paged list; the button shows while the API says there is a next page. */
  query: Pick<
    UseInfiniteQueryResult<unknown, unknown>,
    "error" | "fetchNextPage" | "hasNextPage" | "isFetchingNextPage" | "isFetchNextPageError"
  >;
  label: string;
  busyLabel: string;
}

/** The foot of a cursor-paged list: why the next page failed, and the button that asks for it
 * (disabled offline, since the next page is not in the offline cache). */
export function LoadMore({ query, label, busyLabel }: LoadMoreProps) {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <>
      {query.isFetchNextPageError && <Alert>{describeProblem(query.error, t).message}</Alert>}
      {query.hasNextPage && (
        <p className="load-more">
          <Button
            variant="secondary"
            busy={query.isFetchingNextPage}
            busyLabel={busyLabel}
            disabled={!online}
            onClick={() => void query.fetchNextPage()}
          >
            {label}
          </Button>
        </p>
      )}
    </>
  );
}

import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { StatementLine } from "./list-lines";

/**
 * The line to review after `currentId`: the next one waiting in the queue's order (import order,
 * ids ascending: UUIDv7, so their text sorts as they do), else the first one still waiting before
 * it; null when nothing else waits.
 */
export function nextInQueue(queue: readonly Pick<StatementLine, "id">[], currentId: string): string | null {
  const others = queue.filter((line) => line.id !== currentId);
  return (others.find((line) => line.id > currentId) ?? others[0])?.id ?? null;
}

/** GET /api/v1/reconciliation/lines?status=unmatched, the first page (the queue is worked from its top). */
export const reviewQueueQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.reconciliation.lines({ status: "unmatched", next: true }),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/reconciliation/lines", { params: { query: { status: "unmatched", limit: MAX_PAGE_SIZE } }, signal })).items,
  });

/** The id of the next line waiting for review after `currentId`, or null. */
export function useNextLine(currentId: string) {
  const queue = useQuery(reviewQueueQueryOptions());
  return { ...queue, nextId: queue.data === undefined ? undefined : nextInQueue(queue.data, currentId) };
}

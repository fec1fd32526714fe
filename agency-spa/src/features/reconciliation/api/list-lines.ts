import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type StatementLine = components["schemas"]["StatementLineOut"];
export type LineStatus = components["schemas"]["LineStatus"];
export type LineDirection = components["schemas"]["LineDirection"];

export interface LinesParams {
  status: LineStatus | "";
  direction: LineDirection | "";
  statementId: string;
}

/** GET /api/v1/reconciliation/lines: statement lines in import order; `unmatched` is the review queue. */
export const linesQueryOptions = (params: LinesParams) =>
  cursorListOptions(queryKeys.reconciliation.lines(params), async (cursor, signal) =>
    unwrap(
      await api.GET("/api/v1/reconciliation/lines", {
        params: {
          query: {
            status: params.status === "" ? undefined : params.status,
            direction: params.direction === "" ? undefined : params.direction,
            statement_id: params.statementId === "" ? undefined : params.statementId,
            cursor,
            limit: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  );

export function useLines(params: LinesParams) {
  return useCursorList(linesQueryOptions(params));
}

/** GET /api/v1/reconciliation/lines/{id}. */
export const lineQueryOptions = (lineId: string) =>
  queryOptions({
    queryKey: queryKeys.reconciliation.line(lineId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/reconciliation/lines/{line_id}", { params: { path: { line_id: lineId } }, signal })),
  });

export function useLine(lineId: string) {
  return useQuery(lineQueryOptions(lineId));
}

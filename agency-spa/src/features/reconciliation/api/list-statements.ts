import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { cursorListOptions, PAGE_SIZE, useCursorList } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/reconciliation/statements: imported statements, newest first, with their counts. */
export const statementsQueryOptions = () =>
  cursorListOptions(queryKeys.reconciliation.statements({}), async (cursor, signal) =>
    unwrap(await api.GET("/api/v1/reconciliation/statements", { params: { query: { cursor, limit: PAGE_SIZE } }, signal })),
  );

export function useStatements() {
  return useCursorList(statementsQueryOptions());
}

/** GET /api/v1/reconciliation/statements/{id}. */
export const statementQueryOptions = (statementId: string) =>
  queryOptions({
    queryKey: queryKeys.reconciliation.statement(statementId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/reconciliation/statements/{statement_id}", { params: { path: { statement_id: statementId } }, signal }),
      ),
  });

export function useStatement(statementId: string) {
  return useQuery(statementQueryOptions(statementId));
}

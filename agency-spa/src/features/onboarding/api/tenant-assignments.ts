import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fileNameFromDisposition, saveBlob } from "@/lib/api/download";
import { MAX_PAGE_SIZE, fetchAllPages } from "@/lib/api/pagination";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type Assignment = components["schemas"]["AssignmentOut"];
export type AssignmentCreate = components["schemas"]["AssignmentCreate"];

/** GET /api/v1/onboarding/tenants/{tenant_id}/assignments: the tasks given to a tenant, newest first, with progress and answers. */
export const assignmentsQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: queryKeys.onboarding.assignments(tenantId),
    queryFn: ({ signal }) =>
      fetchAllPages(
        async (cursor, pageSignal) =>
          unwrap(
            await api.GET("/api/v1/onboarding/tenants/{tenant_id}/assignments", {
              params: { path: { tenant_id: tenantId }, query: { cursor, limit: MAX_PAGE_SIZE } },
              signal: pageSignal,
            }),
          ),
        signal,
      ),
  });

export function useAssignments(tenantId: string) {
  return useQuery(assignmentsQueryOptions(tenantId));
}

/** POST …/assignments: give the tenant a task (they are e-mailed a link to it). */
export function useAssignTask(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AssignmentCreate) =>
      unwrap(await api.POST("/api/v1/onboarding/tenants/{tenant_id}/assignments", { params: { path: { tenant_id: tenantId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.assignments(tenantId) });
    },
  });
}

/** POST …/assignments/{id}/cancel: take back an open task (a payment task's invoice is voided). */
export function useCancelAssignment(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (assignmentId: string) =>
      unwrap(
        await api.POST("/api/v1/onboarding/tenants/{tenant_id}/assignments/{assignment_id}/cancel", {
          params: { path: { tenant_id: tenantId, assignment_id: assignmentId } },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.assignments(tenantId) });
    },
  });
}

/** GET …/assignments/{id}/document through the API client (with the bearer token), handed to the browser as a download. */
export function useDownloadAssignmentDocument(tenantId: string) {
  return useMutation({
    mutationFn: async (assignment: Assignment) => {
      const result = await api.GET("/api/v1/onboarding/tenants/{tenant_id}/assignments/{assignment_id}/document", {
        params: { path: { tenant_id: tenantId, assignment_id: assignment.id } },
        parseAs: "blob",
      });
      saveBlob(unwrap(result), fileNameFromDisposition(result.response.headers.get("Content-Disposition"), assignment.uploaded_file_name ?? "document"));
    },
  });
}

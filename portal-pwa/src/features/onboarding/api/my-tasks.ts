import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { StepAnswer } from "./step-answer";

export type MyTask = components["schemas"]["PortalTaskOut"];

export const tasksQueryKey = ["portal", "tasks"] as const;

/** GET /api/v1/portal/tasks: the tasks the agency gave the tenant (open ones first), as saved on the server. */
export const tasksQueryOptions = () =>
  queryOptions({
    queryKey: tasksQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/tasks", { signal })),
  });

export function useMyTasks() {
  return useQuery(tasksQueryOptions());
}

/** GET /api/v1/portal/tasks/{assignment_id}: one task with what the tenant saved of it. */
export const taskQueryOptions = (assignmentId: string) =>
  queryOptions({
    queryKey: [...tasksQueryKey, assignmentId],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/portal/tasks/{assignment_id}", { params: { path: { assignment_id: assignmentId } }, signal })),
  });

export function useMyTask(assignmentId: string) {
  return useQuery(taskQueryOptions(assignmentId));
}

async function saveTask(assignmentId: string, answer: StepAnswer): Promise<void> {
  const path = { assignment_id: assignmentId };
  if (answer.kind === "form") {
    unwrap(await api.PUT("/api/v1/portal/tasks/{assignment_id}/form", { params: { path }, body: { answers: answer.answers } }));
  } else if (answer.kind === "accept") {
    unwrap(await api.POST("/api/v1/portal/tasks/{assignment_id}/accept", { params: { path }, body: { text_version: answer.textVersion } }));
  } else {
    unwrap(
      await api.PUT("/api/v1/portal/tasks/{assignment_id}/document", {
        params: { path },
        body: { file_name: answer.fileName, content_type: answer.contentType, content_base64: answer.contentBase64 },
      }),
    );
  }
}

/** Saves the tenant's answer to an assigned task on the server, then reloads their tasks. */
export function useSaveTask(assignmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: StepAnswer) => saveTask(assignmentId, answer),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tasksQueryKey });
    },
  });
}

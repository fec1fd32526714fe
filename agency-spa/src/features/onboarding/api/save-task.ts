import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type TaskCreate = components["schemas"]["TaskCreate"];
export type TaskUpdate = components["schemas"]["TaskUpdate"];

/** POST /api/v1/onboarding/tasks: a reusable task (form, document upload, read and accept, payment). */
export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreate) => unwrap(await api.POST("/api/v1/onboarding/tasks", { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}

/** PATCH /api/v1/onboarding/tasks/{task_id}: here, switching "Is Onboarding" on or off. */
export function useSetTaskOnboarding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, isOnboarding }: { taskId: string; isOnboarding: boolean }) =>
      unwrap(
        await api.PATCH("/api/v1/onboarding/tasks/{task_id}", {
          params: { path: { task_id: taskId } },
          body: { is_onboarding: isOnboarding },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}

/** PATCH /api/v1/onboarding/tasks/{task_id}: a task's name, texts and fields edited (its kind stays). */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, body }: { taskId: string; body: TaskUpdate }) =>
      unwrap(await api.PATCH("/api/v1/onboarding/tasks/{task_id}", { params: { path: { task_id: taskId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}

/** PATCH /api/v1/onboarding/tasks/{task_id} with `archived`: no longer offered for new flows and assignments, or back. */
export function useArchiveTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, archived }: { taskId: string; archived: boolean }) =>
      unwrap(await api.PATCH("/api/v1/onboarding/tasks/{task_id}", { params: { path: { task_id: taskId } }, body: { archived } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.onboarding.all });
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type RecurringSetupSummary = components["schemas"]["RecurringSetupOut"];
export type RecurringSetupDetail = components["schemas"]["RecurringSetupDetailOut"];
export type ScheduledCharge = components["schemas"]["ScheduledChargeOut"];
export type SetupStatus = components["schemas"]["SetupStatus"];

export const SETUP_STATUSES: readonly SetupStatus[] = ["active", "ended", "cancelled"];

const recurringKey = ["recurring-payments"] as const;

export interface RecurringFilters {
  status?: SetupStatus | undefined;
  needsAttention?: boolean | undefined;
  leaseId?: string | undefined;
}

/** GET /api/v1/recurring-payments: the agency's set-ups with their next charge and last result. */
export function useRecurringPayments({ status, needsAttention, leaseId }: RecurringFilters) {
  const query = {
    ...(status === undefined ? {} : { status }),
    ...(needsAttention === true ? { needs_attention: true } : {}),
    ...(leaseId === undefined || leaseId === "" ? {} : { lease_id: leaseId }),
  };
  return useQuery({
    queryKey: [...recurringKey, "list", query],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/recurring-payments", { params: { query }, signal })).items,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/recurring-payments/{id}: one set-up with its whole charge history. */
export function useRecurringPayment(setupId: string) {
  return useQuery({
    queryKey: [...recurringKey, "detail", setupId],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/recurring-payments/{setup_id}", { params: { path: { setup_id: setupId } }, signal })),
  });
}

/** POST /api/v1/recurring-payments/{id}/cancel: nothing more is charged; the tenant pays by hand. */
export function useCancelRecurringPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (setupId: string) =>
      unwrap(await api.POST("/api/v1/recurring-payments/{setup_id}/cancel", { params: { path: { setup_id: setupId } } })),
    onSuccess: (setup) => {
      queryClient.setQueryData([...recurringKey, "detail", setup.id], setup);
      void queryClient.invalidateQueries({ queryKey: recurringKey });
    },
  });
}

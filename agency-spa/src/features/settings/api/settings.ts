import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";

type Schemas = components["schemas"];
export type AgencyUpdate = Schemas["AgencyUpdate"];
export type TrustAccount = Schemas["TrustAccountOut"];
export type TrustAccountUpdate = Schemas["TrustAccountUpdate"];
export type StaffUser = Schemas["StaffUserOut"];
export type StaffUserCreate = Schemas["StaffUserCreate"];
export type StaffUserUpdate = Schemas["StaffUserUpdate"];
export type ThresholdChange = Schemas["ThresholdChangeOut"];

const keys = {
  staff: ["settings", "staff"] as const,
  thresholdChanges: ["settings", "approval-threshold-changes"] as const,
};

/** PATCH /api/v1/agency (owners): the agency and its settings live in GET /me, refreshed after. */
export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AgencyUpdate) => unwrap(await api.PATCH("/api/v1/agency", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["me"] }),
  });
}

/** PATCH /api/v1/trust-account (owners and accountants); the payment forms read the answer too (lookups/trust-account). */
export function useUpdateTrustAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TrustAccountUpdate) => unwrap(await api.PATCH("/api/v1/trust-account", { body })),
    onSuccess: (account) => {
      queryClient.setQueryData(queryKeys.trustAccount(), account);
    },
  });
}

// An agency's staff fits in one page of the API's largest size; a next page is not offered.
const STAFF_PAGE = 200;

export function useStaff() {
  return useQuery({
    queryKey: keys.staff,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/staff", { params: { query: { limit: STAFF_PAGE } }, signal })),
  });
}

/** POST /api/v1/staff (owners): a colleague with their role and first password. */
export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: StaffUserCreate) => unwrap(await api.POST("/api/v1/staff", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.staff }),
  });
}

/** PATCH /api/v1/staff/{id} (owners): role or access; the agency keeps at least one active owner. */
export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: StaffUserUpdate }) =>
      unwrap(await api.PATCH("/api/v1/staff/{staff_id}", { params: { path: { staff_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.staff }),
  });
}

export function useThresholdChanges() {
  return useQuery({
    queryKey: keys.thresholdChanges,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/approval-threshold-changes", { params: { query: { limit: 10 } }, signal })),
  });
}

/**
 * POST /api/v1/approval-threshold-changes (owners): applied at once for an agency's only owner,
 * otherwise it waits for another owner in the approvals inbox.
 */
export function useChangeThreshold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (amount: number) =>
      unwrap(await api.POST("/api/v1/approval-threshold-changes", { body: { approval_threshold: amount } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.thresholdChanges }),
        queryClient.invalidateQueries({ queryKey: ["me"] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all }),
      ]);
    },
  });
}

const teamTwoFactorKey = ["two-factor", "team"] as const;

/** GET /api/v1/staff/two-factor: who has two-step sign-in on (the whole team for an owner). */
export function useTeamTwoFactor() {
  return useQuery({
    queryKey: teamTwoFactorKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/staff/two-factor", { signal })),
  });
}

/** POST /api/v1/staff/{id}/two-factor/reset (owners): a colleague who lost their phone signs in with their password again. */
export function useResetTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (staffId: string) => {
      unwrap(await api.POST("/api/v1/staff/{staff_id}/two-factor/reset", { params: { path: { staff_id: staffId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["two-factor"] }),
  });
}

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type RecurringSetup = components["schemas"]["RecurringSetupDetailOut"];
export type ScheduledCharge = components["schemas"]["ScheduledChargeOut"];
export type PaymentReminder = components["schemas"]["PaymentReminderOut"];
export type RecurringSetupInput = components["schemas"]["RecurringSetupIn"];
export type Authorisation = components["schemas"]["AuthorisationOut"];

export const recurringQueryKey = ["portal", "recurring-payments"] as const;
export const remindersQueryKey = ["portal", "payment-reminders"] as const;
const authorisationQueryKey = ["portal", "recurring-payments", "authorisation"] as const;

/** GET /api/v1/portal/recurring-payments: the tenant's set-ups, each with its upcoming charges. */
export const myRecurringPaymentsQueryOptions = () =>
  queryOptions({
    queryKey: recurringQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/recurring-payments", { signal })).items,
  });

export function useMyRecurringPayments() {
  return useQuery(myRecurringPaymentsQueryOptions());
}

/** The lease's running set-up, if any (ended and cancelled ones stay listed as history). */
export function activeSetupFor(setups: readonly RecurringSetup[], leaseId: string): RecurringSetup | undefined {
  return setups.find((setup) => setup.lease_id === leaseId && setup.status === "active");
}

/** GET /api/v1/portal/recurring-payments/authorisation: the text to accept, and its version. */
export function useRecurringAuthorisation({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: authorisationQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/recurring-payments/authorisation", { signal })),
    enabled,
  });
}

/** GET /api/v1/portal/payment-reminders: the reminders sent to the tenant, newest first. */
export function useMyPaymentReminders() {
  return useQuery({
    queryKey: remindersQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/payment-reminders", { signal })).items,
  });
}

function useRefreshRecurring() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: recurringQueryKey });
    // A set-up saves the card it charges: the saved cards change too.
    void queryClient.invalidateQueries({ queryKey: ["portal", "cards"] });
  };
}

/** POST /api/v1/portal/recurring-payments: set up a card or SEPA direct debit for a lease. */
export function useSetUpRecurringPayment() {
  const refresh = useRefreshRecurring();
  return useMutation({
    mutationFn: async (body: RecurringSetupInput) => unwrap(await api.POST("/api/v1/portal/recurring-payments", { body })),
    onSuccess: refresh,
  });
}

/** PUT /api/v1/portal/recurring-payments/{id}/card: charge another (just saved) card from now on. */
export function useChangeRecurringCard() {
  const refresh = useRefreshRecurring();
  return useMutation({
    mutationFn: async ({ setupId, paymentMethodId }: { setupId: string; paymentMethodId: string }) =>
      unwrap(
        await api.PUT("/api/v1/portal/recurring-payments/{setup_id}/card", {
          params: { path: { setup_id: setupId } },
          body: { payment_method_id: paymentMethodId },
        }),
      ),
    onSuccess: refresh,
  });
}

/** POST /api/v1/portal/recurring-payments/{id}/cancel: stop; nothing more is charged. */
export function useCancelRecurringPayment() {
  const refresh = useRefreshRecurring();
  return useMutation({
    mutationFn: async (setupId: string) =>
      unwrap(await api.POST("/api/v1/portal/recurring-payments/{setup_id}/cancel", { params: { path: { setup_id: setupId } } })),
    onSuccess: refresh,
  });
}

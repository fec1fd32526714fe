import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

/** A card the tenant saved to pay with. */
export type SavedCard = components["schemas"]["SavedCardOut"];

export const cardsQueryKey = ["portal", "cards"] as const;

/**
 * GET /api/v1/portal/payment-methods: the tenant's saved cards (one page). Answers 409
 * `feature-not-enabled` when the agency has not switched on card payments: screens use that to
 * say "not available for your agency" instead of showing a card form.
 */
export const myCardsQueryOptions = () =>
  queryOptions({
    queryKey: cardsQueryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/payment-methods", { signal })).items,
  });

export function useMyCards({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myCardsQueryOptions(), enabled });
}

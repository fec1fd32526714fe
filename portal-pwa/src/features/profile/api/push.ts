import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";

export type PushKey = components["schemas"]["PushKeyOut"];
export type PushDevice = components["schemas"]["PushSubscriptionOut"];
export type PushSubscriptionBody = components["schemas"]["PushSubscriptionIn"];

export const pushQueryKey = ["portal", "push"] as const;
const devicesQueryKey = [...pushQueryKey, "devices"] as const;

/** GET /api/v1/portal/push/key: the server's application server key (or push being off). */
export const pushKeyQueryOptions = () =>
  queryOptions({
    queryKey: [...pushQueryKey, "key"],
    queryFn: async ({ signal }): Promise<PushKey> => unwrap(await api.GET("/api/v1/portal/push/key", { signal })),
    staleTime: Infinity,
  });

/** GET /api/v1/portal/push/subscriptions: the tenant's devices that receive push. */
export const pushDevicesQueryOptions = () =>
  queryOptions({
    queryKey: devicesQueryKey,
    queryFn: async ({ signal }): Promise<PushDevice[]> =>
      unwrap(await api.GET("/api/v1/portal/push/subscriptions", { signal })),
  });

export function usePushKey() {
  return useQuery(pushKeyQueryOptions());
}

export function usePushDevices() {
  return useQuery(pushDevicesQueryOptions());
}

/** POST /api/v1/portal/push/subscriptions: this browser's subscription (again: its keys are updated). */
export async function sendSubscription(body: PushSubscriptionBody): Promise<PushDevice> {
  return unwrap(await api.POST("/api/v1/portal/push/subscriptions", { body }));
}

/** DELETE /api/v1/portal/push/subscriptions/{id}: push off for one device. */
export async function deleteDevice(subscriptionId: string): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/portal/push/subscriptions/{subscription_id}", {
      params: { path: { subscription_id: subscriptionId } },
    }),
  );
}

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { api } from "@/lib/api/client";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";
import { isLanguage } from "@doorstep/web-shared/lib/i18n/detect";
import { changeLanguage } from "@doorstep/web-shared/lib/i18n/i18n";
import type { paths } from "@doorstep/web-shared/lib/api/schema";

/** GET /api/v1/portal/me: the signed-in tenant and their agency. */
export type TenantProfile = paths["/api/v1/portal/me"]["get"]["responses"][200]["content"]["application/json"];

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ["portal", "me"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/portal/me", { signal })),
    staleTime: 5 * 60_000,
  });

/**
 * The signed-in tenant. The language saved on their account (chosen on the profile, here or on
 * another device) becomes this device's as soon as it is read, and whenever it changes: signing in
 * on a new device shows the portal in it. Only a change of the saved language switches, so a
 * choice being saved is not undone by the answer read before it.
 */
export function useMe() {
  const query = useQuery(meQueryOptions());
  const { i18n } = useTranslation();
  const saved = query.data?.language ?? null;
  // Each saved language is applied once: the user switching the portal (and saving it) meanwhile
  // re-renders this, which must not switch it back to the answer read before.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!isLanguage(saved) || applied.current === saved) return;
    applied.current = saved;
    if (saved !== i18n.language) void changeLanguage(i18n, saved);
  }, [saved, i18n]);
  return query;
}

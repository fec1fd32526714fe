import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useMyLeases } from "@/features/leases/api/get-my-leases";

/**
 * "Residence Louise, Flat 1A" for each of the tenant's leases, by lease id: the money screens
 * name the lease of every balance and payment (the payments feature does not load leases itself).
 */
export function useLeaseLabels(): Readonly<Record<string, string>> {
  const { t } = useTranslation();
  const leases = useMyLeases();
  return useMemo(
    () =>
      Object.fromEntries(
        (leases.data ?? []).map((lease) => [lease.id, t("lease.home", { property: lease.unit.property_name, unit: lease.unit.name })]),
      ),
    [leases.data, t],
  );
}

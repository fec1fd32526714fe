import { useSearchParams } from "react-router";
import { useMe } from "@/lib/auth/me";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { periodFromSearch, type Period } from "./period";

/**
 * The collections center's filters, kept in the address (?from=&to=&property_id=&tenant_id=) so
 * a reload, the back button or a shared link shows the same report. Without a period, this
 * month in the agency's time zone.
 */
export function useCollectionsFilters() {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const today = todayIn(me?.agency.timezone ?? "UTC");
  const period = periodFromSearch(params.get("from") ?? "", params.get("to") ?? "", today);

  function update(changes: Record<string, string>) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value === "") next.delete(name);
          else next.set(name, value);
        }
        return next;
      },
      { replace: true },
    );
  }

  return {
    today,
    period,
    propertyId: params.get("property_id") ?? "",
    tenantId: params.get("tenant_id") ?? "",
    param: (name: string) => params.get(name) ?? "",
    setPeriod: (next: Period) => {
      update({ from: next.from, to: next.to });
    },
    setPropertyId: (value: string) => {
      update({ property_id: value });
    },
    setTenantId: (value: string) => {
      update({ tenant_id: value });
    },
    update,
  };
}

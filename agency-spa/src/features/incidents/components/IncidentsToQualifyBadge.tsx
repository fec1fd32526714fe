import { useTranslation } from "react-i18next";
import { useRole } from "@/lib/auth/permissions";
import { useIncidentsToQualify } from "../api/incidents";

/** Beside "Incidents" in the navigation, for staff who qualify them: the reports nobody has qualified yet; nothing when there are none. */
export function IncidentsToQualifyBadge() {
  const { t } = useTranslation();
  const qualifier = useRole().can("incidents:write");
  const reported = useIncidentsToQualify(qualifier);
  if (!qualifier || reported.data === undefined) return null;
  const count = reported.data.items.length;
  if (count === 0) return null;
  const more = reported.data.next_cursor !== null;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{more ? `${count}+` : count}</span>
      <span className="visually-hidden">{t("incidents.badge", { count })}</span>
    </span>
  );
}

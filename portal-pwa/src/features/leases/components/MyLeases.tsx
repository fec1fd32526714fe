import { useTranslation } from "react-i18next";
import type { Lease } from "../api/get-my-lease";
import { LeaseCard } from "./LeaseCard";

/** The "My leases" section of the home screen: a card per lease, or an empty state. */
export function MyLeases({ leases, locale }: { leases: readonly Lease[]; locale: string }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="my-leases-title">
      <h2 id="my-leases-title">{t("home.leases.title")}</h2>
      {leases.length === 0 ? (
        <div className="card empty-state">
          <p className="empty-state__title">{t("home.leases.emptyTitle")}</p>
          <p className="muted">{t("home.leases.emptyBody")}</p>
        </div>
      ) : (
        <ul className="card-list">
          {leases.map((lease) => (
            <li key={lease.id}>
              <LeaseCard lease={lease} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

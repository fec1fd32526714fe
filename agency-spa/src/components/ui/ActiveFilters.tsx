import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";

export interface ActiveFilter {
  /** What the list is narrowed to, in words ("Lease: Flat 1A · Residence Louise"). */
  label: string;
  /** What removing it does, for the button ("Show every lease"). */
  removeLabel: string;
  onRemove: () => void;
}

/**
 * Filters that came with the address (a lease's or a tenant's page linked here) and have no
 * control of their own on the list: each is said in words with a button to drop it.
 */
export function ActiveFilters({ filters }: { filters: ActiveFilter[] }) {
  const { t } = useTranslation();
  if (filters.length === 0) return null;
  return (
    <ul className="active-filters" aria-label={t("activeFilters.label")}>
      {filters.map((filter) => (
        <li key={filter.label} className="active-filters__item">
          <span>{filter.label}</span>
          <Button variant="secondary" className="button--small" onClick={filter.onRemove}>
            {filter.removeLabel}
          </Button>
        </li>
      ))}
    </ul>
  );
}

import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadMore } from "@/components/ui/LoadMore";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useCreateUnit } from "../api/create-unit";
import { useUnitsList } from "../api/list-units";
import { EMPTY_UNIT } from "./unit-form-values";
import { UnitForm } from "./UnitForm";
import { UnitsTable } from "./UnitsTable";

/**
 * A property's units, and for owners and managers a form to add one. The form stays on the page
 * (adding the units of a new building is one after the other): after each add it empties, says
 * what was added and puts focus back on the name.
 */
export function PropertyUnits({ propertyId }: { propertyId: string }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const list = useUnitsList({ propertyId });
  const create = useCreateUnit();
  const [added, setAdded] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const tableRef = useRef<HTMLTableElement>(null);
  const formSection = useRef<HTMLElement>(null);

  return (
    <section aria-labelledby="property-units-heading" className="section">
      <h2 id="property-units-heading">{t("units.title")}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{t("units.emptyProperty")}</p>
      ) : (
        <>
          <UnitsTable ref={tableRef} units={list.items} caption={t("units.ofProperty")} showProperty={false} />
          <LoadMore
            shown={list.items.length}
            hasMore={list.hasMore}
            busy={list.isLoadingMore}
            onLoadMore={list.loadMore}
            tableRef={tableRef}
          />
        </>
      )}

      {can("units:write") && (
        <section ref={formSection} aria-labelledby="add-unit-heading" className="card">
          <h3 id="add-unit-heading">{t("units.addTitle")}</h3>
          {/* A live region that exists before it speaks, so the first "added" is announced too. */}
          <p role="status" className={added === null ? "visually-hidden" : "notice"}>
            {added === null ? "" : t("units.added", { name: added })}
          </p>
          <UnitForm
            resetKey={resetKey}
            initial={EMPTY_UNIT}
            submitLabel={t("units.add")}
            busyLabel={t("form.saving")}
            pending={create.isPending}
            error={create.error}
            onSubmit={(unit) => {
              setAdded(null);
              create.mutate(
                { property_id: propertyId, ...unit },
                {
                  onSuccess: (created) => {
                    setAdded(created.name);
                    setResetKey((key) => key + 1);
                    create.reset();
                    requestAnimationFrame(() => {
                      formSection.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
                    });
                  },
                },
              );
            }}
          />
        </section>
      )}
    </section>
  );
}

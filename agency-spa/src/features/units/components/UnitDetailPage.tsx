import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import type { Unit } from "../api/list-units";
import { useUnit } from "../api/get-unit";
import { useUpdateUnit } from "../api/update-unit";
import { unitChanges } from "./unit-form-values";
import { UnitForm } from "./UnitForm";

export interface UnitDetailPageProps {
  unitId: string;
  /** The unit's leases (composed by the route from the leases feature). */
  leases?: (unit: Unit) => ReactNode;
}

export function UnitDetailPage({ unitId, leases }: UnitDetailPageProps) {
  const { t } = useTranslation();
  const { data: unit, isPending, isError, error, refetch } = useUnit(unitId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("units.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <UnitDetail unit={unit} leases={leases} />;
}

function UnitDetail({ unit, leases }: { unit: Unit; leases: UnitDetailPageProps["leases"] }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const update = useUpdateUnit(unit.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  function closeEditor() {
    setEditing(false);
    update.reset();
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/units">{t("units.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={`${unit.name} · ${unit.property_name}`}>
          {unit.name} <span className="page-heading__context">· {unit.property_name}</span>
        </PageHeading>
        {can("units:write") && !editing && (
          <Button
            ref={editButton}
            variant="secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t("units.edit")}
          </Button>
        )}
      </div>
      {saved && <Alert tone="info">{t("units.saved")}</Alert>}
      {editing ? (
        <EditPanel title={t("units.editTitle")}>
          <UnitForm
            initial={{ name: unit.name, bedrooms: unit.bedrooms === null ? "" : String(unit.bedrooms), notes: unit.notes ?? "" }}
            submitLabel={t("form.save")}
            busyLabel={t("form.saving")}
            pending={update.isPending}
            error={update.error}
            onDiscard={closeEditor}
            onSubmit={(values) => {
              const changes = unitChanges(unit, values);
              if (Object.keys(changes).length === 0) {
                closeEditor();
                return;
              }
              update.mutate(changes, {
                onSuccess: () => {
                  setSaved(true);
                  closeEditor();
                },
              });
            }}
          />
        </EditPanel>
      ) : (
        <section className="card" aria-label={t("units.detailTitle")}>
          <Details
            items={[
              { term: t("units.fields.property"), description: <Link to={`/properties/${unit.property_id}`}>{unit.property_name}</Link> },
              { term: t("units.fields.bedrooms"), description: unit.bedrooms ?? t("common.notSet") },
              {
                term: t("units.fields.notes"),
                description: unit.notes === null || unit.notes === "" ? t("common.notSet") : <span className="pre-line">{unit.notes}</span>,
              },
            ]}
          />
        </section>
      )}
      {leases?.(unit)}
    </>
  );
}

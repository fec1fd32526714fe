import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { countryName } from "@/lib/format/countries";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Property } from "../api/list-properties";
import { useProperty } from "../api/get-property";
import { useUpdateProperty } from "../api/update-property";
import { PropertyForm } from "./PropertyForm";
import { propertyChanges } from "./property-changes";

function wasJustCreated(state: unknown): boolean {
  return typeof state === "object" && state !== null && "created" in state && state.created === true;
}

export interface PropertyDetailPageProps {
  propertyId: string;
  /** The property's units (composed by the route from the units feature). */
  units?: ReactNode;
}

export function PropertyDetailPage({ propertyId, units }: PropertyDetailPageProps) {
  const { t } = useTranslation();
  const { data: property, isPending, isError, error, refetch } = useProperty(propertyId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("properties.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <PropertyDetail property={property} units={units} />;
}

function PropertyDetail({ property, units }: { property: Property; units: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const { can } = useRole();
  const update = useUpdateProperty(property.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  function closeEditor() {
    setEditing(false);
    update.reset();
    // The form is gone: put focus back on the button that opened it.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/properties">{t("properties.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading>{property.name}</PageHeading>
        {can("properties:write") && !editing && (
          <Button
            ref={editButton}
            variant="secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t("properties.edit")}
          </Button>
        )}
      </div>
      {wasJustCreated(location.state) && !saved && <Alert tone="info">{t("properties.created")}</Alert>}
      {saved && <Alert tone="info">{t("properties.saved")}</Alert>}

      {editing ? (
        <EditPanel title={t("properties.editTitle")}>
          <PropertyForm
            initial={{
              name: property.name,
              address_line1: property.address_line1,
              address_line2: property.address_line2 ?? "",
              postal_code: property.postal_code,
              city: property.city,
              country: property.country,
            }}
            submitLabel={t("form.save")}
            busyLabel={t("form.saving")}
            pending={update.isPending}
            error={update.error}
            onDiscard={closeEditor}
            onSubmit={(values) => {
              const changes = propertyChanges(property, values);
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
        <section aria-labelledby="property-address-heading" className="card">
          <h2 id="property-address-heading">{t("properties.address")}</h2>
          <address className="address">
            {property.address_line1}
            <br />
            {property.address_line2 !== null && property.address_line2 !== "" && (
              <>
                {property.address_line2}
                <br />
              </>
            )}
            {property.postal_code} {property.city}
            <br />
            {countryName(property.country, locale)}
          </address>
          <Details items={[{ term: t("properties.unitCount"), description: property.unit_count }]} />
        </section>
      )}
      {units}
    </>
  );
}

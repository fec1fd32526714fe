import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PageHeading } from "@/components/ui/PageHeading";
import { Loading } from "@/components/ui/QueryStatus";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useCreateProperty } from "../api/create-property";
import { PropertyForm } from "./PropertyForm";

export function NewPropertyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { role, can } = useRole();
  const create = useCreateProperty();

  return (
    <>
      <p className="breadcrumb">
        <Link to="/properties">{t("properties.back")}</Link>
      </p>
      <PageHeading>{t("properties.newTitle")}</PageHeading>
      {me === undefined || role === undefined ? (
        <Loading />
      ) : !can("properties:write") ? (
        <Alert>{t("errors.forbidden")}</Alert>
      ) : (
        <PropertyForm
          initial={{ name: "", address_line1: "", address_line2: "", postal_code: "", city: "", country: me.agency.country }}
          submitLabel={t("properties.create")}
          busyLabel={t("form.saving")}
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => {
            create.mutate(
              { ...values, address_line2: values.address_line2 === "" ? null : values.address_line2 },
              {
                onSuccess: (property) => {
                  void navigate(`/properties/${property.id}`, { state: { created: true } });
                },
              },
            );
          }}
        />
      )}
    </>
  );
}

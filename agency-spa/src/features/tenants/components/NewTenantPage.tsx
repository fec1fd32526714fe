import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { PageHeading } from "@/components/ui/PageHeading";
import { Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useCreateTenant } from "../api/create-tenant";
import { EMPTY_TENANT } from "./tenant-form-values";
import { TenantForm } from "./TenantForm";

export function NewTenantPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { role, can } = useRole();
  const create = useCreateTenant();

  return (
    <>
      <p className="breadcrumb">
        <Link to="/tenants">{t("tenants.back")}</Link>
      </p>
      <PageHeading>{t("tenants.newTitle")}</PageHeading>
      {role === undefined ? (
        <Loading />
      ) : !can("tenants:write") ? (
        <Alert>{t("errors.forbidden")}</Alert>
      ) : (
        <TenantForm
          initial={EMPTY_TENANT}
          submitLabel={t("tenants.create")}
          busyLabel={t("form.saving")}
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => {
            create.mutate(
              {
                first_name: values.first_name,
                last_name: values.last_name,
                email: values.email,
                phone: values.phone === "" ? null : values.phone,
                // Left on the agency's language: not sent (the tenant may choose one in the portal).
                ...(values.language === "" ? {} : { language: values.language }),
              },
              {
                onSuccess: (tenant) => {
                  void navigate(`/tenants/${tenant.id}`, { state: { created: true } });
                },
              },
            );
          }}
        />
      )}
    </>
  );
}

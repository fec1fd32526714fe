import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { PageHeading } from "@/components/ui/PageHeading";
import { Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useCreateLease } from "../api/create-lease";
import { LeaseCreateForm } from "./LeaseCreateForm";

/** /leases/new, optionally ?property_id=&unit_id= (from a unit) or ?tenant_id= (from a tenant). */
export function NewLeasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const { can } = useRole();
  const create = useCreateLease();

  return (
    <>
      <p className="breadcrumb">
        <Link to="/leases">{t("leases.back")}</Link>
      </p>
      <PageHeading>{t("leases.newTitle")}</PageHeading>
      {me === undefined ? (
        <Loading />
      ) : !can("leases:write") ? (
        <Alert>{t("errors.forbidden")}</Alert>
      ) : (
        <LeaseCreateForm
          currency={me.agency.currency}
          initialPropertyId={params.get("property_id") ?? ""}
          initialUnitId={params.get("unit_id") ?? ""}
          initialTenantId={params.get("tenant_id") ?? ""}
          pending={create.isPending}
          error={create.error}
          onSubmit={(body) => {
            create.mutate(body, {
              onSuccess: (lease) => {
                void navigate(`/leases/${lease.id}`, { state: { created: true } });
              },
            });
          }}
        />
      )}
    </>
  );
}

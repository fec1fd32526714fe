import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useMyLease } from "@/features/leases/api/get-my-lease";
import { LeaseDetail } from "@/features/leases/components/LeaseDetail";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMe } from "@/lib/auth/me";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";

export function LeaseRoute() {
  const { leaseId = "" } = useParams();
  const { t } = useTranslation();
  const lease = useMyLease(leaseId);
  const me = useMe();
  const locale = useFormattingLocale();
  useDocumentTitle(lease.data === undefined ? undefined : t("lease.home", { property: lease.data.unit.property_name, unit: lease.data.unit.name }));

  if (lease.data !== undefined) {
    return <LeaseDetail lease={lease.data} locale={locale} currentTenantId={me.data?.id} agencyName={me.data?.agency.name} />;
  }
  if (lease.isError) {
    const notFound = lease.error instanceof ApiError && (lease.error.status === 404 || lease.error.status === 422);
    return (
      <>
        <h1>{notFound ? t("lease.notFoundTitle") : t("lease.details")}</h1>
        {notFound ? <p>{t("lease.notFoundBody")}</p> : <Alert>{describeProblem(lease.error, t).message}</Alert>}
        <p>
          <Link to="/">{t("lease.back")}</Link>
        </p>
      </>
    );
  }
  return <p aria-busy="true">{t("app.loading")}</p>;
}

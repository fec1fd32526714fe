import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useCreateInvoice } from "../api/create-invoice";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { InvoiceCreateForm } from "./InvoiceCreateForm";

/** /invoices/new, optionally ?lease_id= (from a lease's page: that lease is chosen). */
export function NewInvoicePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const leaseId = params.get("lease_id") ?? "";
  const { data: me } = useMe();
  const { can } = useRole();
  const lease = useLeaseLookup(leaseId);
  const create = useCreateInvoice();
  const attempt = useIdempotencyKey();

  return (
    <>
      <p className="breadcrumb">
        <Link to="/invoices">{t("invoices.back")}</Link>
      </p>
      <PageHeading>{t("invoices.newTitle")}</PageHeading>
      {me === undefined || (leaseId !== "" && lease.isPending) ? (
        <Loading />
      ) : !can("invoices:write") ? (
        <Alert>{t("errors.forbidden")}</Alert>
      ) : lease.isError ? (
        <LoadError item error={lease.error} />
      ) : (
        <InvoiceCreateForm
          currency={me.agency.currency}
          initialLease={lease.data}
          autoApprove={me.agency.settings.auto_approve_invoices}
          pending={create.isPending}
          error={create.error}
          onSubmit={(body) => {
            if (create.isPending) return;
            create.mutate(
              { body, idempotencyKey: attempt.keyFor(body) },
              {
                onSuccess: (invoice) => {
                  attempt.reset();
                  void navigate(`/invoices/${invoice.id}`, { state: { created: true } });
                },
              },
            );
          }}
        />
      )}
    </>
  );
}

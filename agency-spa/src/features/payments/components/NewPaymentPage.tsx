import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useTenantLookup } from "@/lib/api/lookups/tenant";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import { useTrustAccount } from "@/lib/api/lookups/trust-account";
import { useRecordPayment } from "../api/record-payment";
import { RecordPaymentForm } from "./RecordPaymentForm";

/**
 * /payments/new, optionally ?lease_id=&invoice_id= (from an invoice: its lease, that invoice
 * settled first), ?lease_id= (from a lease) or ?tenant_id= (from a tenant).
 */
export function NewPaymentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const leaseId = params.get("lease_id") ?? "";
  const tenantId = params.get("tenant_id") ?? "";
  const invoiceId = params.get("invoice_id") ?? "";
  const { data: me } = useMe();
  const { can } = useRole();
  const trustAccount = useTrustAccount();
  const lease = useLeaseLookup(leaseId);
  const payer = useTenantLookup(tenantId);
  const record = useRecordPayment();
  const attempt = useIdempotencyKey();
  const contextPending = (leaseId !== "" && lease.isPending) || (tenantId !== "" && payer.isPending);
  const loadError = trustAccount.error ?? lease.error ?? payer.error;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/payments">{t("payments.back")}</Link>
      </p>
      <PageHeading>{t("payments.newTitle")}</PageHeading>
      {me !== undefined && !can("payments:write") ? (
        <Alert>{t("errors.forbidden")}</Alert>
      ) : loadError !== null ? (
        <LoadError error={loadError} onRetry={() => void trustAccount.refetch()} />
      ) : me === undefined || trustAccount.data === undefined || contextPending ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t("payments.newIntro")}</p>
          <RecordPaymentForm
            me={me}
            oldestFirst={trustAccount.data.receipt_oldest_invoice_first}
            initialLease={lease.data}
            initialPayer={payer.data}
            initialInvoiceId={invoiceId}
            pending={record.isPending}
            error={record.error}
            onSubmit={(body) => {
              if (record.isPending) return;
              record.mutate(
                { body, idempotencyKey: attempt.keyFor(body) },
                {
                  onSuccess: (payment) => {
                    attempt.reset();
                    void navigate(`/payments/${payment.id}`, { state: { recorded: true } });
                  },
                },
              );
            }}
          />
        </>
      )}
    </>
  );
}

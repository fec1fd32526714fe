import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BalanceDetails } from "@/components/money/BalanceDetails";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLeaseBalance } from "@/lib/api/lookups/lease-balance";

export interface LeaseMoneyProps {
  leaseId: string;
  /** Record payments against it (live and past leases take payments; drafts and cancelled ones do not). */
  takesPayments: boolean;
}

/**
 * A lease's balance as the API derives it — what its open invoices still ask for, the tenants'
 * unallocated credit, and the difference — with the way to its invoices and payments.
 */
export function LeaseMoney({ leaseId, takesPayments }: LeaseMoneyProps) {
  const { t } = useTranslation();
  const { can } = useRole();
  const balance = useLeaseBalance(leaseId);

  return (
    <section aria-labelledby={`lease-money-${leaseId}`} className="card">
      <h2 id={`lease-money-${leaseId}`}>{t("balances.title")}</h2>
      {balance.isPending ? (
        <Loading />
      ) : balance.isError ? (
        <LoadError error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <>
          <BalanceDetails balance={balance.data} />
          <p className="inline-list">
            <Link to={`/invoices?lease_id=${leaseId}`}>{t("balances.invoices")}</Link>
            <Link to={`/payments?lease_id=${leaseId}`}>{t("balances.payments")}</Link>
            {takesPayments && can("payments:write") && <Link to={`/payments/new?lease_id=${leaseId}`}>{t("balances.recordPayment")}</Link>}
            {takesPayments && can("invoices:write") && <Link to={`/invoices/new?lease_id=${leaseId}`}>{t("balances.newInvoice")}</Link>}
          </p>
        </>
      )}
    </section>
  );
}

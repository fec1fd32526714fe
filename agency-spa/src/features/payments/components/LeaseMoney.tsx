import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { Details } from "@/components/ui/Details";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useLeaseBalance } from "../api/get-lease-balance";

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
  const locale = useLocale();
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
          <Details
            items={[
              { term: t("balances.outstanding"), description: formatMoney(balance.data.outstanding, balance.data.currency, locale) },
              { term: t("balances.credit"), description: formatMoney(balance.data.credit, balance.data.currency, locale) },
              {
                term: t("balances.balance"),
                description: (
                  <strong>
                    {balance.data.balance < 0
                      ? t("balances.inCredit", { amount: formatMoney(-balance.data.balance, balance.data.currency, locale) })
                      : formatMoney(balance.data.balance, balance.data.currency, locale)}
                  </strong>
                ),
              },
            ]}
          />
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

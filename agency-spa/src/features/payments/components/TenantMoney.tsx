import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useLeaseBalance } from "@/lib/api/lookups/lease-balance";
import { takesPayments, useTenantLeases, type PayerLease } from "../api/tenant-leases";

function BalanceRow({ lease }: { lease: PayerLease }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const balance = useLeaseBalance(lease.id);
  const money = (amount: number) => (balance.data === undefined ? "…" : formatMoney(amount, balance.data.currency, locale));
  return (
    <tr>
      <th scope="row">
        <Link to={`/leases/${lease.id}`}>
          {lease.unit.name} · {lease.unit.property_name}
        </Link>
        <span className="table__sub muted">{t(`leases.status.${lease.status}`)}</span>
      </th>
      {balance.isError ? (
        <td colSpan={3}>{t("errors.network")}</td>
      ) : (
        <>
          <td className="table__number">{money(balance.data?.outstanding ?? 0)}</td>
          <td className="table__number">{money(balance.data?.credit ?? 0)}</td>
          <td className="table__number">
            {balance.data !== undefined && balance.data.balance < 0
              ? t("balances.inCredit", { amount: money(-balance.data.balance) })
              : money(balance.data?.balance ?? 0)}
          </td>
        </>
      )}
      <td>
        <span className="inline-list">
          <Link to={`/invoices?lease_id=${lease.id}`}>{t("balances.invoicesShort")}</Link>
          <Link to={`/payments?lease_id=${lease.id}`}>{t("balances.paymentsShort")}</Link>
        </span>
      </td>
    </tr>
  );
}

/**
 * The money side of a tenant: per live or past lease they are party to, the balance the API
 * derives, with links to that lease's invoices and payments, and to record a payment from them
 * (the form then asks which lease when there are several — seed 000).
 */
export function TenantMoney({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useTranslation();
  const { can } = useRole();
  const leases = useTenantLeases(tenantId);
  const payable = (leases.data?.items ?? []).filter(takesPayments);

  return (
    <section aria-labelledby="tenant-money-heading" className="section">
      <div className="section-header">
        <h2 id="tenant-money-heading">{t("balances.tenantTitle")}</h2>
        <span className="inline-list">
          <Link to={`/invoices?tenant_id=${tenantId}`}>{t("balances.tenantInvoices")}</Link>
          <Link to={`/payments?tenant_id=${tenantId}`}>{t("balances.tenantPayments")}</Link>
          {can("payments:write") && payable.length > 0 && (
            <Link className="button button--secondary" to={`/payments/new?tenant_id=${tenantId}`}>
              {t("balances.recordPayment")}
            </Link>
          )}
        </span>
      </div>
      {leases.isPending ? (
        <Loading />
      ) : leases.isError ? (
        <LoadError error={leases.error} onRetry={() => void leases.refetch()} />
      ) : payable.length === 0 ? (
        <p className="empty">{t("balances.noLeases")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("balances.tenantCaption", { name: tenantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("balances.lease")}</th>
                <th scope="col" className="table__number">
                  {t("balances.outstanding")}
                </th>
                <th scope="col" className="table__number">
                  {t("balances.credit")}
                </th>
                <th scope="col" className="table__number">
                  {t("balances.balance")}
                </th>
                <th scope="col">{t("balances.links")}</th>
              </tr>
            </thead>
            <tbody>
              {payable.map((lease) => (
                <BalanceRow key={lease.id} lease={lease} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

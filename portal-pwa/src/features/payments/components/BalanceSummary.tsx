import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useMyBalance, type LeaseBalance } from "../api/get-my-balance";
import { useMyInvoices } from "../api/get-my-invoices";
import type { Invoice } from "../api/get-my-invoice";
import { balanceHeadline, oldestOpenInvoice, payInvoiceLabel, pendingLine } from "../lib/wording";

export interface BalanceSummaryProps {
  locale: string;
  /** Lease names by lease id ("Residence Louise, Flat 1A"): every balance says which lease it is. */
  leaseLabels: Readonly<Record<string, string>>;
  /** "home": a compact card linking to the payments area; "payments": the full breakdown. */
  variant?: "home" | "payments";
}

function LeaseBalanceItem({
  balance,
  label,
  locale,
  payFirst,
  detailed,
}: {
  balance: LeaseBalance;
  label: string;
  locale: string;
  payFirst: Invoice | undefined;
  detailed: boolean;
}) {
  const { t } = useTranslation();
  const money = (amount: number) => formatMoney(amount, balance.currency, locale);
  const pending = pendingLine(balance, t, locale);
  return (
    <li className="balance-item">
      <p className="balance-item__lease">{label}</p>
      {/* Red only for money already late: an amount not yet due is not a warning. */}
      <p className={balance.overdue > 0 && balance.to_pay > 0 ? "balance-item__headline balance-item__headline--owing" : "balance-item__headline"}>
        {balanceHeadline(balance, t, locale)}
      </p>
      {pending !== null && <p className="balance-item__pending">{pending}</p>}
      {detailed && (balance.credit > 0 || balance.outstanding > 0) && (
        <dl className="facts facts--compact">
          <div className="facts__row">
            <dt>{t("payments.balance.outstanding")}</dt>
            <dd>{money(balance.outstanding)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("payments.balance.credit")}</dt>
            <dd>{money(balance.credit)}</dd>
          </div>
        </dl>
      )}
      {detailed && balance.credit > 0 && <p className="field__hint">{t("payments.balance.creditNote")}</p>}
      {payFirst !== undefined && balance.to_pay > 0 && (
        <p className="balance-item__action">
          <Link to={`/payments/invoices/${payFirst.id}`} className="button button--primary">
            {payInvoiceLabel(payFirst, t, locale)}
            <span className="visually-hidden"> ({label})</span>
          </Link>
        </p>
      )}
    </li>
  );
}

/**
 * What the tenant owes, lease by lease (each named: seed 000, never pay against the wrong
 * lease), with the credit they hold and a way to pay the oldest open invoice.
 */
export function BalanceSummary({ locale, leaseLabels, variant = "payments" }: BalanceSummaryProps) {
  const { t } = useTranslation();
  const balance = useMyBalance();
  const open = useMyInvoices("to-pay");
  const openInvoices = open.data?.pages.flatMap((page) => page.items) ?? [];
  const detailed = variant === "payments";
  // The lease's name; while the leases load, an open invoice of the lease names its home too.
  const leaseLabel = (leaseId: string): string => {
    const known = leaseLabels[leaseId];
    if (known !== undefined) return known;
    const named = openInvoices.find((invoice) => invoice.lease_id === leaseId);
    return named === undefined
      ? t("payments.balance.unknownLease")
      : t("lease.home", { property: named.property_name, unit: named.unit_name });
  };

  let content;
  if (balance.data === undefined) {
    content = balance.isError ? <Alert>{describeProblem(balance.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  } else if (balance.data.length === 0) {
    content = <p>{t("payments.balance.empty")}</p>;
  } else if (!detailed && balance.data.every((item) => item.balance <= 0 && item.outstanding <= 0 && item.pending <= 0)) {
    content = <p>{t("payments.home.allPaid")}</p>;
  } else {
    content = (
      <ul className="plain-list balance-list">
        {balance.data.map((item) => (
          <LeaseBalanceItem
            key={item.lease_id}
            balance={item}
            label={leaseLabel(item.lease_id)}
            locale={locale}
            payFirst={oldestOpenInvoice(openInvoices, item.lease_id)}
            detailed={detailed}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="card balance" aria-labelledby={`balance-title-${variant}`}>
      <h2 id={`balance-title-${variant}`} className="card__title">
        {detailed ? t("payments.balance.title") : t("payments.home.title")}
      </h2>
      {content}
      {!detailed && (
        <p className="balance__more">
          <Link to="/payments">{t("payments.home.seeAll")}</Link>
        </p>
      )}
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { BalanceSummary } from "@/features/payments/components/BalanceSummary";
import { InvoiceList } from "@/features/payments/components/InvoiceList";
import type { InvoiceFilter } from "@/features/payments/api/get-my-invoices";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

const FILTERS = new Set<string>(["to-pay", "paid", "all"]);

/** The money area: the balance per lease, the invoices (to pay, paid, all), history and cards. */
export function PaymentsRoute() {
  const { t } = useTranslation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  const [params, setParams] = useSearchParams();
  const show = params.get("show");
  const filter: InvoiceFilter = show !== null && FILTERS.has(show) ? (show as InvoiceFilter) : "to-pay";
  useDocumentTitle(t("payments.title"));

  return (
    <>
      <header className="page-header">
        <h1>{t("payments.title")}</h1>
        <p className="muted">{t("payments.intro")}</p>
      </header>
      <BalanceSummary locale={locale} leaseLabels={leaseLabels} />
      <nav className="money-links" aria-label={t("payments.title")}>
        <Link to="/payments/history" className="money-links__link">
          {t("payments.history.link")}
        </Link>
        <Link to="/payments/cards" className="money-links__link">
          {t("payments.cards.link")}
        </Link>
        <Link to="/payments/transfer-proofs" className="money-links__link">
          {t("proofs.link")}
        </Link>
        <Link to="/payments/transfer-proofs/new" className="money-links__link">
          {t("proofs.report.link")}
        </Link>
      </nav>
      <InvoiceList
        filter={filter}
        locale={locale}
        onFilterChange={(next) => { setParams(next === "to-pay" ? {} : { show: next }, { replace: true }); }}
      />
    </>
  );
}

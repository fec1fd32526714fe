import { useTranslation } from "react-i18next";
import { useMyPayments } from "../api/get-my-payments";
import type { Invoice } from "../api/get-my-invoice";
import { PaymentItem } from "./PaymentHistory";

/**
 * The payments that went to this invoice, with their receipts, among those the history has
 * loaded (its first page covers the recent ones). Nothing when there are none.
 */
export function InvoicePayments({ invoice, locale }: { invoice: Invoice; locale: string }) {
  const { t } = useTranslation();
  const payments = useMyPayments();
  const number = invoice.number;
  const items = (payments.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (payment) => number !== null && payment.invoice_numbers.includes(number),
  );
  if (items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="invoice-payments-title">
      <h2 id="invoice-payments-title">{t("payments.invoice.payments")}</h2>
      <ul className="card-list">
        {items.map((payment) => (
          <li key={payment.id}>
            <PaymentItem payment={payment} locale={locale} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import type { Invoice } from "../api/get-my-invoice";
import { useInvoiceTransferProofs } from "../api/get-my-transfer-proofs";
import { isPayable } from "../lib/wording";

/**
 * On an invoice, what the tenant already told the agency about paying it by transfer: each proof
 * sent for it still waiting ("the agency will confirm it", so the tenant does not pay twice)
 * and, while the invoice is still to pay, the ones the agency did not accept, with its reason.
 * Nothing when there are none.
 */
export function InvoiceProofNotes({ invoice, locale }: { invoice: Invoice; locale: string }) {
  const { t } = useTranslation();
  const proofs = useInvoiceTransferProofs(invoice.id);
  const payable = isPayable(invoice);
  const forInvoice = (proofs.data ?? []).filter(
    (proof) => proof.invoice_id === invoice.id && (proof.status === "submitted" || (proof.status === "rejected" && payable)),
  );
  // A refusal matters only until the tenant sends a newer proof (the list is newest first).
  const newestWaiting = forInvoice.findIndex((proof) => proof.status === "submitted");
  const shown = forInvoice.filter((proof, index) => proof.status === "submitted" || newestWaiting === -1 || index < newestWaiting);
  if (shown.length === 0) return null;
  return (
    <div className="proof-notes">
      {shown.map((proof) => {
        const amount = formatMoney(proof.amount, proof.currency, locale);
        const date = formatDate(proof.paid_on, locale);
        return proof.status === "submitted" ? (
          <p key={proof.id} className="note note--info proof-notes__note">
            {t("proofs.invoiceNote.pending", { amount, date })}{" "}
            <Link to={`/payments/transfer-proofs/${proof.id}`}>{t("proofs.invoiceNote.see")}</Link>
          </p>
        ) : (
          <p key={proof.id} className="note note--danger proof-notes__note">
            {t("proofs.invoiceNote.rejected", { amount, date, reason: proof.rejection_reason ?? "" })}{" "}
            <Link to={`/payments/transfer-proofs/${proof.id}`}>{t("proofs.invoiceNote.see")}</Link>
          </p>
        );
      })}
    </div>
  );
}

/** Next to "Pay now" on an invoice still to pay: "I paid by bank transfer" leads to the proof form. */
export function BankTransferPanel({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  if (!isPayable(invoice)) return null;
  return (
    <section className="card bank-transfer-panel" aria-labelledby="bank-transfer-title">
      <h2 id="bank-transfer-title" className="card__title">
        {t("proofs.invoicePanel.title")}
      </h2>
      <p>{t("proofs.invoicePanel.body")}</p>
      <p className="bank-transfer-panel__action">
        <Link to={`/payments/invoices/${invoice.id}/bank-transfer`} className="button button--secondary">
          {t("proofs.invoicePanel.action")}
        </Link>
      </p>
    </section>
  );
}

import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { TransferProof } from "../api/list-proofs";
import { ProofStatusBadge } from "./ProofStatusBadge";

export interface ProofsTableProps {
  proofs: TransferProof[];
  caption: string;
  busy?: boolean;
  ref?: Ref<HTMLTableElement>;
}

/**
 * Proofs as staff weigh them: when each was sent, by whom, for which lease and invoice, what the
 * tenant says they paid, on which day and with which reference, and where it stands. Each row
 * opens the proof.
 */
export function ProofsTable({ proofs, caption, busy = false, ref }: ProofsTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("transferProofs.fields.sentAt")}</th>
            <th scope="col">{t("transferProofs.fields.tenant")}</th>
            <th scope="col">{t("transferProofs.fields.lease")}</th>
            <th scope="col">{t("transferProofs.fields.invoice")}</th>
            <th scope="col" className="table__number">
              {t("transferProofs.fields.amount")}
            </th>
            <th scope="col">{t("transferProofs.fields.paidOn")}</th>
            <th scope="col">{t("transferProofs.fields.reference")}</th>
            <th scope="col">{t("transferProofs.fields.status")}</th>
          </tr>
        </thead>
        <tbody>
          {proofs.map((proof) => {
            const amount = formatMoney(proof.amount, proof.currency, locale);
            const sent = dates.instant(proof.created_at);
            return (
              <tr key={proof.id}>
                <th scope="row">
                  <Link to={`/transfer-proofs/${proof.id}`} aria-label={t("transferProofs.rowLabel", { amount, tenant: proof.tenant_name, date: sent })}>
                    {sent}
                  </Link>
                </th>
                <td>
                  <Link to={`/tenants/${proof.tenant_id}`}>{proof.tenant_name}</Link>
                </td>
                <td>
                  <Link to={`/leases/${proof.lease_id}`}>
                    {proof.unit_name} · {proof.property_name}
                  </Link>
                </td>
                <td>
                  {proof.invoice_id === null ? (
                    <span className="muted">{t("transferProofs.noInvoice")}</span>
                  ) : (
                    <Link to={`/invoices/${proof.invoice_id}`}>{t("invoices.numbered", { number: proof.invoice_number ?? "" })}</Link>
                  )}
                </td>
                <td className="table__number">{amount}</td>
                <td>{dates.date(proof.paid_on)}</td>
                <td className="table__wrap">{proof.reference}</td>
                <td>
                  <ProofStatusBadge status={proof.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

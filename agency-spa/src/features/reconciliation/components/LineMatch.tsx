import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { StatementLine } from "../api/list-lines";

/** What a line was matched to (invoice, payment, payout) or why it was set aside. */
export function LineMatch({ line }: { line: StatementLine }) {
  const { t } = useTranslation();
  if (line.status === "ignored") return <span>{line.ignore_reason ?? "—"}</span>;
  if (line.status === "unmatched") return <span className="muted">—</span>;
  switch (line.match_kind) {
    case "invoice":
      return (
        <span>
          {line.invoice_id !== null && (
            <Link to={`/invoices/${line.invoice_id}`}>{t("reconciliation.match.invoice", { number: line.invoice_number ?? "" })}</Link>
          )}
          {line.payment_id !== null && (
            <span className="table__sub">
              <Link to={`/payments/${line.payment_id}`}>{t("reconciliation.match.transferRecorded")}</Link>
            </span>
          )}
        </span>
      );
    case "payment":
      return line.payment_id === null ? null : <Link to={`/payments/${line.payment_id}`}>{t("reconciliation.match.payment")}</Link>;
    case "payout":
      return <span>{t("reconciliation.match.payout", { reference: line.payout_reference ?? "" })}</span>;
    default:
      return null;
  }
}

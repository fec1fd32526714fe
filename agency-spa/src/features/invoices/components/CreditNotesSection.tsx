import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useLocale } from "@/lib/i18n/use-locale";
import { useCreditNotes } from "../api/list-credit-notes";
import type { Invoice } from "../api/list-invoices";

/**
 * The invoice's credit notes and write-offs, each with its status: pending approval (it does not
 * count yet; it waits in the approvals inbox), applied (it reduced what is outstanding, and got a
 * number) or rejected.
 */
export function CreditNotesSection({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const notes = useCreditNotes(invoice.id);
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);

  return (
    <section aria-labelledby="invoice-credits-heading" className="section">
      <h2 id="invoice-credits-heading">{t("invoices.sections.credits")}</h2>
      {notes.isPending ? (
        <Loading />
      ) : notes.isError ? (
        <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className="empty">{t("invoices.noCredits")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("invoices.sections.credits")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoices.credit.fields.what")}</th>
                <th scope="col" className="table__number">
                  {t("invoices.fields.amount")}
                </th>
                <th scope="col">{t("invoices.credit.fields.reason")}</th>
                <th scope="col">{t("invoices.credit.fields.status")}</th>
                <th scope="col">{t("invoices.credit.fields.date")}</th>
              </tr>
            </thead>
            <tbody>
              {notes.data.map((note) => (
                <tr key={note.id}>
                  <th scope="row">
                    {t(`invoices.credit.kind.${note.kind}`)}
                    {note.number !== null && <span className="table__sub muted">{t("invoices.credit.number", { number: note.number })}</span>}
                  </th>
                  <td className="table__number">{money(note.amount)}</td>
                  <td className="pre-line">{note.reason}</td>
                  <td>
                    <span className={`badge badge--credit-${note.status}`}>{t(`invoices.credit.status.${note.status}`)}</span>
                    {note.status === "pending_approval" && (
                      <span className="table__sub">
                        <Link to="/approvals">{t("invoices.credit.inInbox")}</Link>
                      </span>
                    )}
                  </td>
                  <td>{dates.date(note.applied_at ?? note.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

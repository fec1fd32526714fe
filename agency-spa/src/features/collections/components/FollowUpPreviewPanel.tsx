import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { components } from "@doorstep/web-shared/lib/api/schema";

type FollowUpInvoice = components["schemas"]["FollowUpInvoiceOut"];

export interface MessageView {
  name: string;
  email: string;
  subject: string;
  body: string;
}

/** What a follow-up says is overdue: each invoice, its due date, what it still asks for. */
export function OverdueInvoicesTable({ invoices, total, currency, caption }: { invoices: FollowUpInvoice[]; total: number; currency: string; caption: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("collections.followUp.invoice")}</th>
            <th scope="col">{t("collections.followUp.dueDate")}</th>
            <th scope="col" className="table__number">
              {t("collections.followUp.daysOverdue")}
            </th>
            <th scope="col" className="table__number">
              {t("collections.followUp.stillDue")}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.invoice_id}>
              <th scope="row">
                <Link to={`/invoices/${invoice.invoice_id}`}>{t("collections.followUp.invoiceNumber", { number: invoice.number })}</Link>
              </th>
              <td>{dates.date(invoice.due_date)}</td>
              <td className="table__number">{invoice.days_overdue}</td>
              <td className="table__number">{formatMoney(invoice.outstanding, currency, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t("collections.followUp.totalOverdue")}
            </th>
            <td className="table__number">
              <strong>{formatMoney(total, currency, locale)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** One e-mail as the tenant reads it: to, subject, the text. */
export function MessageText({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  return (
    <article className="message" aria-label={t("collections.followUp.messageTo", { name: message.name })}>
      <dl className="message__headers">
        <div>
          <dt>{t("collections.followUp.to")}</dt>
          <dd>
            {message.name} &lt;{message.email}&gt;
          </dd>
        </div>
        <div>
          <dt>{t("collections.followUp.subject")}</dt>
          <dd>{message.subject}</dd>
        </div>
      </dl>
      <pre className="message__body">{message.body}</pre>
    </article>
  );
}

/** The preview the API composed: the figures it states, and each recipient's message. */
export function FollowUpPreviewPanel({ preview }: { preview: components["schemas"]["FollowUpPreviewOut"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack">
      <p>{t("collections.followUp.previewIntro")}</p>
      <OverdueInvoicesTable invoices={preview.invoices} total={preview.overdue_total} currency={preview.currency} caption={t("collections.followUp.invoicesTitle")} />
      {preview.credit > 0 && (
        <p className="notice">{t("collections.followUp.creditNote", { amount: formatMoney(preview.credit, preview.currency, locale) })}</p>
      )}
      {preview.messages.map((message) => (
        <MessageText key={message.tenant_id} message={message} />
      ))}
    </div>
  );
}

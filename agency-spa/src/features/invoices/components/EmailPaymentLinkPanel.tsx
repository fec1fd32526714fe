import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import type { Me } from "@/lib/auth/me";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import type { Invoice } from "../api/list-invoices";
import { useEmailPaymentLink, usePaymentLinkEmails } from "../api/payment-link-emails";

export interface EmailPaymentLinkPanelProps {
  invoice: Invoice;
  /** The tenants' names, from the invoice's lease (undefined while it loads). */
  tenantNames: string[] | undefined;
  features: Me["features"];
  canSend: boolean;
}

/**
 * Issue 11: staff send the payment link by e-mail from here rather than copying it by hand.
 * Doorstep writes the message (the agency's language, amount, due date, home, bank details) and
 * records each send — who, when, to whom — listed below the button.
 */
export function EmailPaymentLinkPanel({ invoice, tenantNames, features, canSend }: EmailPaymentLinkPanelProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const send = useEmailPaymentLink(invoice.id);
  const attempt = useIdempotencyKey();
  const sent = usePaymentLinkEmails(invoice.id, features.payment_links);
  const payable = invoice.state === "open" || invoice.state === "partially_paid";
  const history = sent.data ?? [];
  if (!features.payment_links) return null;
  if (history.length === 0 && !(payable && canSend)) return null;
  const names = (tenantNames ?? []).join(", ");

  return (
    <section aria-labelledby="payment-link-email-heading" className="card">
      <h2 id="payment-link-email-heading">{t("invoices.linkEmail.title")}</h2>
      {payable && canSend && (
        <div className="stack">
          <p>{t("invoices.linkEmail.intro", { names })}</p>
          {send.isError && <Alert>{describeProblem(send.error, t).message}</Alert>}
          <div className="actions">
            <Button
              variant="secondary"
              busy={send.isPending}
              busyLabel={t("invoices.linkEmail.sending")}
              disabled={tenantNames?.length === 0}
              onClick={() => {
                send.mutate(attempt.keyFor({ invoice: invoice.id, emailLink: true }), {
                  onSuccess: () => {
                    attempt.reset();
                  },
                });
              }}
            >
              {t("invoices.linkEmail.send")}
            </Button>
          </div>
          {tenantNames?.length === 0 && <p className="muted">{t("invoices.linkEmail.noTenant")}</p>}
          <p role="status" className={send.data === undefined ? "visually-hidden" : "notice"}>
            {send.data === undefined ? "" : t("invoices.linkEmail.sent", { names: send.data.recipients.map((r) => r.name).join(", ") })}
          </p>
        </div>
      )}
      {history.length > 0 && (
        <>
          <h3>{t("invoices.linkEmail.history")}</h3>
          <ul className="plain-list">
            {history.map((item) => (
              <li key={item.id}>
                {t("invoices.linkEmail.entry", {
                  when: dates.instant(item.sent_at),
                  who: item.sent_by_name,
                  names: item.recipients.map((r) => r.name).join(", "),
                  expires: dates.date(item.expires_at),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

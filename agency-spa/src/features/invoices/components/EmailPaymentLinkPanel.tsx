import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { ReadinessReview } from "@/components/readiness/ReadinessReview";
import { useReadinessSend } from "@/components/readiness/use-readiness-send";
import { useDateFormat } from "@/lib/format/use-date-format";
import type { Me } from "@/lib/auth/me";
import type { Invoice } from "../api/list-invoices";
import { useEmailPaymentLink, usePaymentLinkEmails } from "../api/payment-link-emails";

export interface EmailPaymentLinkPanelProps {
  invoice: Invoice;
  /** The tenants' names, from the invoice's lease (undefined while it loads). */
  tenantNames: string[] | undefined;
  /** The lease's first tenant, whose readiness review is shown ("" while the lease loads). */
  reviewedTenantId: string;
  features: Me["features"];
  canSend: boolean;
}

/**
 * Issue 11: staff send the payment link by e-mail from here rather than copying it by hand.
 * Doorstep writes the message (the agency's language, amount, due date, home, bank details) and
 * records each send — who, when, to whom — listed below the button. Seed 000: before sending, the
 * readiness review of the lease's tenant and the invoice's lease (the lease is the invoice's: no
 * picker) is shown; a blocking item disables Send unless "Send anyway" has a reason. The API
 * reviews every tenant the e-mail goes to, so a refusal for another tenant offers the same.
 */
export function EmailPaymentLinkPanel({ invoice, tenantNames, reviewedTenantId, features, canSend }: EmailPaymentLinkPanelProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const send = useEmailPaymentLink(invoice.id);
  const sent = usePaymentLinkEmails(invoice.id, features.payment_links);
  const payable = invoice.state === "open" || invoice.state === "partially_paid";
  const readiness = useReadinessSend({
    tenantId: reviewedTenantId,
    leaseId: invoice.lease_id,
    reviewing: features.payment_links && payable && canSend,
    request: send,
  });
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
          {reviewedTenantId !== "" && <ReadinessReview {...readiness.review} />}
          {send.isError && <Alert>{describeProblem(send.error, t).message}</Alert>}
          <div className="actions">
            <Button
              variant="secondary"
              busy={send.isPending}
              busyLabel={t("invoices.linkEmail.sending")}
              disabled={tenantNames?.length === 0 || !readiness.allowed}
              onClick={() => {
                readiness.send({}, { invoice: invoice.id, emailLink: true });
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

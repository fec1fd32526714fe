import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { ReadinessReview } from "@/components/readiness/ReadinessReview";
import { useReadinessSend } from "@/components/readiness/use-readiness-send";
import type { Me } from "@/lib/auth/me";
import { useLocale } from "@/lib/i18n/use-locale";
import { useCreatePaymentLink } from "../api/create-payment-link";
import type { Invoice } from "../api/list-invoices";
import { invoiceTitle } from "./invoice-labels";

type Lease = components["schemas"]["LeaseOut"];

export interface PaymentLinkPanelProps {
  invoice: Invoice;
  /** The invoice's lease, for the tenants' e-mail addresses (undefined while it loads). */
  lease: Lease | undefined;
  agency: Me["agency"];
  /** The agency's feature switches (GET /me). */
  features: Me["features"];
  canCreate: boolean;
}

/**
 * A payment link lets the tenant (or whoever pays for them) pay this invoice by card without
 * signing in. Seed 000: before sending one, confirm the amount and reference — shown here — and
 * send a clear message (what, amount, due date, how to get help). The API only creates the link
 * and shows its URL once; it does not e-mail it, so staff copy it or open a prepared e-mail.
 * When the agency has not switched payment links on, the feature is shown as "in progress".
 * Before Create, seed 000's readiness review of the lease's (first) tenant and the invoice's lease
 * is shown: a blocking item disables Create unless "Send anyway" has a reason.
 */
export function PaymentLinkPanel({ invoice, lease, agency, features, canCreate }: PaymentLinkPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const create = useCreatePaymentLink(invoice.id);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const recipient = lease?.tenants[0]?.id ?? "";
  const readiness = useReadinessSend({
    tenantId: recipient,
    leaseId: invoice.lease_id,
    reviewing: features.payment_links && canCreate,
    request: create,
  });
  const payable = invoice.state === "open" || invoice.state === "partially_paid";
  const amount = formatMoney(invoice.outstanding, invoice.currency, locale);
  const reference = invoiceTitle(invoice, t);

  if (!features.payment_links) {
    return (
      <section aria-labelledby="payment-link-heading" className="card">
        <h2 id="payment-link-heading">{t("invoices.link.title")}</h2>
        <p>
          <span className="badge badge--in-progress">{t("invoices.link.inProgress")}</span> {t("invoices.link.notEnabled")}
        </p>
      </section>
    );
  }
  if (!payable || !canCreate) return null;

  const link = create.data;
  const emails = lease?.tenants.map((tenant) => tenant.email) ?? [];
  const help = [agency.settings.contact_email, agency.settings.contact_phone].filter((value) => value !== null && value !== undefined && value !== "");
  const mailto =
    link === undefined
      ? undefined
      : `mailto:${emails.map(encodeURIComponent).join(",")}?${new URLSearchParams({
          subject: t("invoices.link.emailSubject", { reference, agency: agency.name }),
          body: t("invoices.link.emailBody", {
            reference,
            amount,
            due: dates.date(invoice.due_date),
            url: link.url,
            expires: dates.date(link.expires_at),
            help: help.length > 0 ? help.join(" / ") : agency.name,
            agency: agency.name,
          }),
        })
          .toString()
          .replace(/\+/gu, "%20")}`;

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      urlRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="payment-link-heading" className="card">
      <h2 id="payment-link-heading">{t("invoices.link.title")}</h2>
      <p>{t("invoices.link.intro", { amount, reference })}</p>
      {link === undefined ? (
        <>
          {recipient !== "" && <ReadinessReview {...readiness.review} />}
          {create.isError && <Alert>{describeProblem(create.error, t).message}</Alert>}
          <Button
            variant="secondary"
            busy={create.isPending}
            busyLabel={t("invoices.link.creating")}
            disabled={!readiness.allowed}
            onClick={() => {
              readiness.send({ tenant_id: recipient === "" ? null : recipient }, { invoice: invoice.id });
            }}
          >
            {t("invoices.link.create")}
          </Button>
        </>
      ) : (
        <div className="stack">
          <TextField
            ref={urlRef}
            label={t("invoices.link.url")}
            name="payment_link"
            readOnly
            value={link.url}
            onFocus={(event) => {
              event.target.select();
            }}
          />
          <p className="muted">{t("invoices.link.expires", { when: dates.instant(link.expires_at) })}</p>
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => {
                void copy(link.url);
              }}
            >
              {t("invoices.link.copy")}
            </Button>
            {mailto !== undefined && emails.length > 0 && (
              <a className="button button--secondary" href={mailto}>
                {t("invoices.link.email", { count: emails.length })}
              </a>
            )}
          </div>
          <p role="status" className={copied === null ? "visually-hidden" : "notice"}>
            {copied === "copied" ? t("invoices.link.copied") : copied === "failed" ? t("invoices.link.copyFailed") : ""}
          </p>
          <Alert tone="info">{t("invoices.link.notSent")}</Alert>
        </div>
      )}
    </section>
  );
}

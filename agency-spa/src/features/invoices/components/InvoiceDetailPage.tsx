import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useApproveInvoice } from "../api/approve-invoice";
import { useInvoice } from "@/lib/api/lookups/invoice";
import { useLeaseLookup } from "@/lib/api/lookups/lease";
import type { CreditNote } from "../api/list-credit-notes";
import type { Invoice } from "../api/list-invoices";
import { useVoidInvoice } from "../api/void-invoice";
import { CreditNoteForm } from "./CreditNoteForm";
import { CreditNotesSection } from "./CreditNotesSection";
import { invoiceSubject, invoiceTitle } from "./invoice-labels";
import { InvoicePaymentsSection } from "./InvoicePaymentsSection";
import { InvoiceStateBadge } from "./InvoiceStateBadge";
import { EmailPaymentLinkPanel } from "./EmailPaymentLinkPanel";
import { PaymentLinkPanel } from "./PaymentLinkPanel";

function wasJustCreated(state: unknown): boolean {
  return typeof state === "object" && state !== null && "created" in state && state.created === true;
}

export interface InvoiceDetailPageProps {
  invoiceId: string;
  /** What tenants say they paid towards it and nobody has reviewed yet, composed by the route from the transfer-proofs feature. */
  pendingProofs?: (invoice: Invoice) => ReactNode;
}

export function InvoiceDetailPage({ invoiceId, pendingProofs }: InvoiceDetailPageProps) {
  const { t } = useTranslation();
  const { data: invoice, isPending, isError, error, refetch } = useInvoice(invoiceId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("invoices.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <InvoiceDetail invoice={invoice} pendingProofs={pendingProofs} />;
}

function InvoiceDetail({ invoice, pendingProofs }: { invoice: Invoice; pendingProofs: InvoiceDetailPageProps["pendingProofs"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const location = useLocation();
  const { data: me } = useMe();
  const { can } = useRole();
  const canWrite = can("invoices:write");
  const canRecord = can("payments:write");
  const lease = useLeaseLookup(invoice.lease_id);
  const approve = useApproveInvoice(invoice.id);
  const voiding = useVoidInvoice(invoice.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [crediting, setCrediting] = useState(false);
  const [confirmingVoid, setConfirmingVoid] = useState(false);
  const [voidReason, setVoidReason] = useState("");
  const [voidReasonError, setVoidReasonError] = useState<string | undefined>(undefined);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const creditButton = useRef<HTMLButtonElement>(null);

  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const date = (value: string) => dates.date(value);
  const title = invoiceTitle(invoice, t);
  const unpaid = invoice.state === "open" || invoice.state === "partially_paid";
  const canVoid = invoice.state !== "void" && invoice.paid === 0;
  const hasActions = (canWrite && (invoice.status === "draft" || unpaid || canVoid)) || (canRecord && unpaid);
  const threshold = me?.agency.settings.approval_threshold ?? 0;
  const shownNotice = notice ?? (wasJustCreated(location.state) ? t(invoice.status === "draft" ? "invoices.createdDraft" : "invoices.createdOpen") : null);
  const voidProblem = voiding.isError ? describeProblem(voiding.error, t, { fields: ["reason"] }) : undefined;

  function focusStatus() {
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  function creditDone(note: CreditNote | null) {
    setCrediting(false);
    if (note !== null) {
      const what = t(`invoices.credit.kind.${note.kind}`);
      setNotice(
        note.status === "pending_approval"
          ? t("invoices.credit.pending", { what, amount: money(note.amount) })
          : t("invoices.credit.applied", { what, amount: money(note.amount), number: note.number ?? "" }),
      );
      focusStatus();
    } else {
      requestAnimationFrame(() => creditButton.current?.focus());
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/invoices">{t("invoices.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={title}>
          {title} <span className="page-heading__context">{invoiceSubject(invoice, t, dates)}</span>
        </PageHeading>
      </div>
      <p ref={statusRef} tabIndex={-1} className="lease-status">
        {t("invoices.fields.state")}: <InvoiceStateBadge invoice={invoice} />
      </p>
      <div role="status">{shownNotice !== null && <p className="notice">{shownNotice}</p>}</div>

      {invoice.status === "draft" && <Alert tone="warning">{t("invoices.awaitingApproval")}</Alert>}
      {invoice.status === "void" && <Alert tone="info">{t("invoices.voidNote", { reason: invoice.void_reason ?? "" })}</Alert>}
      {pendingProofs?.(invoice)}

      {hasActions && !crediting && (
        <div className="actions" role="group" aria-label={t("invoices.actions")}>
          {canWrite && invoice.status === "draft" && (
            <Button
              busy={approve.isPending}
              busyLabel={t("invoices.approving")}
              onClick={() => {
                setNotice(null);
                approve.mutate(undefined, {
                  onSuccess: (approved) => {
                    setNotice(t("invoices.approved", { number: approved.number ?? "" }));
                    focusStatus();
                  },
                });
              }}
            >
              {t("invoices.approve")}
            </Button>
          )}
          {canRecord && unpaid && (
            <Link className="button button--primary" to={`/payments/new?lease_id=${invoice.lease_id}&invoice_id=${invoice.id}`}>
              {t("invoices.recordPayment")}
            </Link>
          )}
          {canWrite && unpaid && (
            <Button
              ref={creditButton}
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setCrediting(true);
              }}
            >
              {t("invoices.credit.open")}
            </Button>
          )}
          {canWrite && canVoid && (
            <Button
              variant="danger"
              onClick={() => {
                voiding.reset();
                setVoidReason("");
                setVoidReasonError(undefined);
                setConfirmingVoid(true);
              }}
            >
              {t("invoices.void")}
            </Button>
          )}
        </div>
      )}
      {approve.isError && <Alert>{describeProblem(approve.error, t).message}</Alert>}
      {canWrite && invoice.state !== "void" && !canVoid && <p className="muted">{t("invoices.cannotVoidPaid")}</p>}

      {crediting && (
        <EditPanel title={t("invoices.credit.title", { reference: title })}>
          <CreditNoteForm invoice={invoice} threshold={threshold} onDone={creditDone} />
        </EditPanel>
      )}

      <section aria-labelledby="invoice-summary-heading" className="card">
        <h2 id="invoice-summary-heading">{t("invoices.sections.summary")}</h2>
        <Details
          items={[
            {
              term: t("invoices.fields.lease"),
              description: (
                <Link to={`/leases/${invoice.lease_id}`}>
                  {invoice.unit_name} · {invoice.property_name}
                </Link>
              ),
            },
            {
              term: t("invoices.fields.tenants"),
              description:
                lease.data === undefined ? (
                  invoice.tenant_names.join(", ")
                ) : (
                  <span className="inline-list">
                    {lease.data.tenants.map((tenant) => (
                      <Link key={tenant.id} to={`/tenants/${tenant.id}`}>
                        {tenant.first_name} {tenant.last_name}
                      </Link>
                    ))}
                  </span>
                ),
            },
            { term: t("invoices.fields.kind"), description: t(`invoices.kind.${invoice.kind}`) },
            ...(invoice.period_start === null
              ? []
              : [
                  {
                    term: t("invoices.fields.period"),
                    description: `${date(invoice.period_start)} – ${invoice.period_end === null ? "" : date(invoice.period_end)}`,
                  },
                ]),
            { term: t("invoices.fields.issueDate"), description: date(invoice.issue_date) },
            { term: t("invoices.fields.dueDate"), description: date(invoice.due_date) },
            {
              term: t("invoices.fields.approval"),
              description:
                invoice.approved_at === null
                  ? t("invoices.notApproved")
                  : t("invoices.approvedAt", { when: dates.instant(invoice.approved_at) }),
            },
          ]}
        />
        <h3 className="details-heading">{t("invoices.sections.amounts")}</h3>
        <Details
          items={[
            { term: t("invoices.fields.total"), description: money(invoice.total) },
            { term: t("invoices.fields.credited"), description: money(invoice.credited) },
            { term: t("invoices.fields.paid"), description: money(invoice.paid) },
            { term: t("invoices.fields.outstanding"), description: <strong>{money(invoice.outstanding)}</strong> },
          ]}
        />
      </section>

      <section aria-labelledby="invoice-lines-heading" className="section">
        <h2 id="invoice-lines-heading">{t("invoices.sections.lines")}</h2>
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("invoices.sections.lines")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoices.fields.description")}</th>
                <th scope="col" className="table__number">
                  {t("invoices.fields.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((line, index) => (
                <tr key={`${index}-${line.description}`}>
                  <td>{line.description}</td>
                  <td className="table__number">{money(line.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("invoices.fields.total")}</th>
                <td className="table__number">{money(invoice.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <CreditNotesSection invoice={invoice} />
      <InvoicePaymentsSection invoice={invoice} />
      {me !== undefined && <PaymentLinkPanel invoice={invoice} lease={lease.data} agency={me.agency} features={me.features} canCreate={canWrite} />}
      {me !== undefined && (
        <EmailPaymentLinkPanel
          invoice={invoice}
          tenantNames={lease.data?.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`)}
          reviewedTenantId={lease.data?.tenants[0]?.id ?? ""}
          features={me.features}
          canSend={canWrite}
        />
      )}

      <ConfirmDialog
        open={confirmingVoid}
        title={t("invoices.voidTitle", { reference: title })}
        confirmLabel={t("invoices.voidConfirm")}
        cancelLabel={t("invoices.voidKeep")}
        busy={voiding.isPending}
        busyLabel={t("invoices.voiding")}
        error={voidProblem?.message}
        danger
        onCancel={() => {
          setConfirmingVoid(false);
        }}
        onConfirm={() => {
          const reason = voidReason.trim();
          if (reason === "") {
            setVoidReasonError(t("invoices.errors.reasonRequired"));
            return;
          }
          setVoidReasonError(undefined);
          voiding.mutate(reason, {
            onSuccess: () => {
              setConfirmingVoid(false);
              setNotice(t("invoices.voided"));
              focusStatus();
            },
          });
        }}
      >
        <p>{t("invoices.voidBody", { amount: money(invoice.outstanding) })}</p>
        <TextAreaField
          label={t("invoices.voidReason")}
          name="void_reason"
          required
          maxLength={200}
          value={voidReason}
          error={voidReasonError ?? voidProblem?.fieldErrors.reason}
          onChange={(event) => {
            setVoidReason(event.target.value);
          }}
        />
      </ConfirmDialog>
    </>
  );
}

import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { BalanceDetails } from "@/components/money/BalanceDetails";
import { ChoiceFieldset } from "@/components/ui/ChoiceFieldset";
import { Details, type DetailItem } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useInvoice } from "@/lib/api/lookups/invoice";
import { useLeaseBalance } from "@/lib/api/lookups/lease-balance";
import { useMe, type Me } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import { useLocale } from "@/lib/i18n/use-locale";
import { useProof } from "../api/get-proof";
import type { TransferProof } from "../api/list-proofs";
import { ConfirmProofForm } from "./ConfirmProofForm";
import { ProofFileView } from "./ProofFileView";
import { ProofStatusBadge } from "./ProofStatusBadge";
import { RejectProofForm } from "./RejectProofForm";

/** /transfer-proofs/:proofId: one proof, what it refers to, and the decision on it. */
export function ProofDetailPage({ proofId }: { proofId: string }) {
  const { t } = useTranslation();
  const proof = useProof(proofId);
  if (proof.isPending) return <Loading />;
  if (proof.isError) {
    return (
      <>
        <PageHeading>{t("transferProofs.detail.title")}</PageHeading>
        <LoadError item error={proof.error} onRetry={() => void proof.refetch()} />
      </>
    );
  }
  return <ProofRecord proof={proof.data} />;
}

/**
 * The review of a transfer proof, in the order seed 000 gives: open the record, review the data
 * (what the tenant said, the file, the invoice it names and what that still asks for, the lease's
 * balance), take action (confirm what arrived, or reject with the reason) and document the
 * outcome (who decided, when, and the payment or the reason stay on the proof).
 */
function ProofRecord({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const { data: me } = useMe();
  const canWrite = useRole().can("transfer-proofs:write");
  const [notice, setNotice] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const amount = formatMoney(proof.amount, proof.currency, locale);

  function decided(message: string) {
    setNotice(message);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  const said: DetailItem[] = [
    { term: t("transferProofs.fields.tenant"), description: <Link to={`/tenants/${proof.tenant_id}`}>{proof.tenant_name}</Link> },
    {
      term: t("transferProofs.detail.lease"),
      description: (
        <Link to={`/leases/${proof.lease_id}`}>
          {proof.unit_name} · {proof.property_name}
        </Link>
      ),
    },
    {
      term: t("transferProofs.fields.invoice"),
      description:
        proof.invoice_id === null ? (
          t("transferProofs.noInvoice")
        ) : (
          <Link to={`/invoices/${proof.invoice_id}`}>{t("transferProofs.detail.invoiceLink", { number: proof.invoice_number ?? "" })}</Link>
        ),
    },
    { term: t("transferProofs.fields.amount"), description: <strong>{amount}</strong> },
    { term: t("transferProofs.fields.paidOn"), description: dates.date(proof.paid_on) },
    { term: t("transferProofs.fields.reference"), description: proof.reference },
    ...(proof.note === null ? [] : [{ term: t("transferProofs.fields.note"), description: <span className="pre-line">{proof.note}</span> }]),
    { term: t("transferProofs.detail.sentAt"), description: dates.instant(proof.created_at) },
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/transfer-proofs">{t("transferProofs.detail.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t("transferProofs.detail.title")}>{t("transferProofs.detail.titleFor", { amount, tenant: proof.tenant_name })}</PageHeading>
      </div>
      <p ref={statusRef} tabIndex={-1} className="lease-status">
        {t("transferProofs.fields.status")}: <ProofStatusBadge status={proof.status} />
      </p>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>
      {proof.status === "submitted" && (
        <ol className="steps" aria-label={t("transferProofs.detail.steps.label")}>
          <li>{t("transferProofs.detail.steps.open")}</li>
          <li>{t("transferProofs.detail.steps.review")}</li>
          <li>{t("transferProofs.detail.steps.check")}</li>
          <li>{t("transferProofs.detail.steps.act")}</li>
          <li>{t("transferProofs.detail.steps.document")}</li>
        </ol>
      )}

      {proof.status !== "submitted" && <Decision proof={proof} />}

      <section aria-labelledby="proof-said" className="card">
        <h2 id="proof-said">{t("transferProofs.detail.said")}</h2>
        <Details items={said} />
      </section>

      <section aria-labelledby="proof-file" className="card">
        <h2 id="proof-file">{t("transferProofs.detail.file")}</h2>
        <ProofFileView proof={proof} />
      </section>

      <NamedInvoice proof={proof} />
      <LeaseBalance leaseId={proof.lease_id} />

      {proof.status === "submitted" &&
        (canWrite && me !== undefined ? (
          <Review proof={proof} me={me} onDecided={decided} />
        ) : (
          me !== undefined && <Alert tone="info">{t("transferProofs.detail.readOnly")}</Alert>
        ))}
    </>
  );
}

/** Who decided, when, and what came of it: the payment recorded, or the reason the tenant was given. */
function Decision({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const when = proof.decided_at === null ? "" : dates.instant(proof.decided_at);
  const name = proof.decided_by_name ?? "";
  const items: DetailItem[] =
    proof.status === "confirmed"
      ? [
          { term: t("transferProofs.detail.outcome"), description: t("transferProofs.detail.confirmedBy", { name, date: when }) },
          ...(proof.payment_id === null
            ? []
            : [
                {
                  term: t("transferProofs.detail.payment"),
                  description: <Link to={`/payments/${proof.payment_id}`}>{t("transferProofs.detail.openPayment")}</Link>,
                },
              ]),
        ]
      : proof.status === "rejected"
        ? [
            { term: t("transferProofs.detail.outcome"), description: t("transferProofs.detail.rejectedBy", { name, date: when }) },
            { term: t("transferProofs.detail.reason"), description: <span className="pre-line">{proof.rejection_reason ?? ""}</span> },
          ]
        : [{ term: t("transferProofs.detail.outcome"), description: t("transferProofs.detail.withdrawnOn", { date: when }) }];
  return (
    <section aria-labelledby="proof-decision" className="card">
      <h2 id="proof-decision">{t("transferProofs.detail.decision")}</h2>
      <Details items={items} />
    </section>
  );
}

/** The invoice the tenant says they paid, with what it still asks for now (the API's figure). */
function NamedInvoice({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const invoice = useInvoice(proof.invoice_id ?? "");
  const money = (value: number, currency: string) => formatMoney(value, currency, locale);
  return (
    <section aria-labelledby="proof-invoice" className="card">
      <h2 id="proof-invoice">{t("transferProofs.detail.invoice")}</h2>
      {proof.invoice_id === null ? (
        <p className="muted">{t("transferProofs.detail.noInvoice")}</p>
      ) : invoice.isPending ? (
        <Loading />
      ) : invoice.isError ? (
        <LoadError error={invoice.error} onRetry={() => void invoice.refetch()} />
      ) : (
        <Details
          items={[
            {
              term: t("transferProofs.fields.invoice"),
              description: <Link to={`/invoices/${invoice.data.id}`}>{t("transferProofs.detail.invoiceLink", { number: invoice.data.number ?? "" })}</Link>,
            },
            { term: t("transferProofs.detail.invoiceDue"), description: dates.date(invoice.data.due_date) },
            { term: t("transferProofs.detail.invoiceTotal"), description: money(invoice.data.total, invoice.data.currency) },
            { term: t("transferProofs.detail.invoiceStillDue"), description: <strong>{money(invoice.data.outstanding, invoice.data.currency)}</strong> },
            { term: t("transferProofs.detail.invoiceState"), description: t(`invoices.state.${invoice.data.state}`) },
          ]}
        />
      )}
    </section>
  );
}

/** What the lease's open invoices still ask for, the tenants' credit and the difference. */
function LeaseBalance({ leaseId }: { leaseId: string }) {
  const { t } = useTranslation();
  const balance = useLeaseBalance(leaseId);
  return (
    <section aria-labelledby="proof-balance" className="card">
      <h2 id="proof-balance">{t("transferProofs.detail.balance")}</h2>
      {balance.isPending ? (
        <Loading />
      ) : balance.isError ? (
        <LoadError error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <BalanceDetails balance={balance.data} />
      )}
    </section>
  );
}

type Action = "confirm" | "reject";
const ACTIONS: readonly Action[] = ["confirm", "reject"];

/** Take action: what staff see on the trust account decides which form they fill in. */
function Review({ proof, me, onDecided }: { proof: TransferProof; me: Me; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action>("confirm");
  return (
    <section aria-labelledby="proof-review" className="card">
      <h2 id="proof-review">{t("transferProofs.review.title")}</h2>
      <ChoiceFieldset
        legend={t("transferProofs.review.what")}
        options={ACTIONS.map((value) => ({ value, label: t(`transferProofs.review.actions.${value}`) }))}
        value={action}
        onChange={setAction}
      />
      {action === "confirm" ? (
        <ConfirmProofForm
          proof={proof}
          me={me}
          onConfirmed={() => {
            onDecided(t("transferProofs.confirm.done"));
          }}
        />
      ) : (
        <RejectProofForm
          proof={proof}
          onRejected={() => {
            onDecided(t("transferProofs.reject.done"));
          }}
        />
      )}
    </section>
  );
}

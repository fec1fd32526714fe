import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { LoadError } from "@/components/ui/QueryStatus";
import { useLocale } from "@/lib/i18n/use-locale";
import type { TransferProof } from "../api/list-proofs";
import { usePendingProofs } from "../api/pending-proofs";

function ProofItems({ proofs }: { proofs: readonly TransferProof[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <ul className="plain-list pending-proofs">
      {proofs.map((proof) => {
        const amount = formatMoney(proof.amount, proof.currency, locale);
        return (
          <li key={proof.id}>
            {t("transferProofs.pending.item", { tenant: proof.tenant_name, amount, date: dates.date(proof.paid_on), reference: proof.reference })}
            {proof.invoice_number !== null && ` ${t("transferProofs.pending.forInvoice", { number: proof.invoice_number })}`}{" "}
            <Link to={`/transfer-proofs/${proof.id}`} aria-label={t("transferProofs.pending.review", { amount, tenant: proof.tenant_name })}>
              {t("transferProofs.pending.reviewLink")}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export interface PendingProofsProps {
  /** Whose pending proofs: a lease's, or a tenant's (on any of their leases). */
  scope: { leaseId: string } | { tenantId: string };
}

/**
 * On a lease's or a tenant's page: the transfers the tenant says they made and nobody has
 * reviewed yet, each with the way to its review — so staff look for the money on the trust
 * account before chasing it. Nothing is shown when there are none.
 */
export function PendingProofs({ scope }: PendingProofsProps) {
  const { t } = useTranslation();
  const pending = usePendingProofs(scope);
  if (pending.isPending) return null;
  const headingId = `pending-proofs-${"leaseId" in scope ? scope.leaseId : scope.tenantId}`;
  if (pending.isError) {
    return (
      <section aria-labelledby={headingId} className="card">
        <h2 id={headingId}>{t("transferProofs.pending.title")}</h2>
        <LoadError error={pending.error} onRetry={() => void pending.refetch()} />
      </section>
    );
  }
  if (pending.data.items.length === 0) return null;
  const filter = "leaseId" in scope ? `lease_id=${scope.leaseId}` : `tenant_id=${scope.tenantId}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t("transferProofs.pending.title")}</h2>
      <p className="muted">{t("transferProofs.pending.intro")}</p>
      <ProofItems proofs={pending.data.items} />
      <p>
        <Link to={`/transfer-proofs?status=all&${filter}`}>{"leaseId" in scope ? t("transferProofs.pending.allOfLease") : t("transferProofs.pending.allOfTenant")}</Link>
      </p>
    </section>
  );
}

/**
 * On an invoice's page: the proofs waiting for review that name this invoice, as a warning next
 * to what it still asks for — the tenant says it is paid.
 */
export function InvoicePendingProofs({ invoiceId, leaseId }: { invoiceId: string; leaseId: string }) {
  const { t } = useTranslation();
  const pending = usePendingProofs({ leaseId });
  const naming = (pending.data?.items ?? []).filter((proof) => proof.invoice_id === invoiceId);
  if (naming.length === 0) return null;
  return (
    <Alert tone="warning">
      <p className="alert__text">{t("transferProofs.pending.invoiceNotice", { count: naming.length, tenant: naming[0]?.tenant_name ?? "" })}</p>
      <ProofItems proofs={naming} />
    </Alert>
  );
}

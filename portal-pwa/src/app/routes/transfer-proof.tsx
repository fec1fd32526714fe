import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyTransferProof } from "@/features/payments/api/get-my-transfer-proof";
import { TransferProofItem } from "@/features/payments/components/TransferProofItem";
import { useFormattingLocale } from "@/lib/format/use-formatting-locale";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLeaseLabels } from "../use-lease-labels";

/** What a route that sent a proof passes along: the proof page then thanks the tenant. */
export interface ProofSentState {
  sent: true;
}

function wasJustSent(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as Partial<ProofSentState>).sent === true;
}

/** One proof the tenant sent: its status and the agency's decision; withdraw while it waits. */
export function TransferProofRoute() {
  const { proofId = "" } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const locale = useFormattingLocale();
  const leaseLabels = useLeaseLabels();
  const proof = useMyTransferProof(proofId);
  useDocumentTitle(t("proofs.title"));

  const back = (
    <p className="back-link">
      <Link to="/payments/transfer-proofs">
        <span aria-hidden="true">←</span>
        {t("proofs.title")}
      </Link>
    </p>
  );
  if (proof.data !== undefined) {
    const severalLeases = Object.keys(leaseLabels).length > 1;
    return (
      <>
        {back}
        <h1>{t("proofs.title")}</h1>
        {wasJustSent(location.state) && <Alert tone="info">{t("proofs.item.sent")}</Alert>}
        <TransferProofItem
          proof={proof.data}
          locale={locale}
          headingLevel={2}
          leaseLabel={severalLeases ? (leaseLabels[proof.data.lease_id] ?? t("payments.balance.unknownLease")) : undefined}
        />
        <p className="proof-page__more">
          <Link to="/payments/transfer-proofs/new">{t("proofs.report.otherTransfer")}</Link>
        </p>
      </>
    );
  }
  if (proof.isError) {
    const notFound = proof.error instanceof ApiError && (proof.error.status === 404 || proof.error.status === 422);
    return (
      <>
        {back}
        <h1>{notFound ? t("proofs.item.notFoundTitle") : t("proofs.title")}</h1>
        {notFound ? <p>{t("proofs.item.notFoundBody")}</p> : <Alert>{describeProblem(proof.error, t).message}</Alert>}
      </>
    );
  }
  return <p aria-busy="true">{t("app.loading")}</p>;
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyTransferProofs } from "../api/get-my-transfer-proofs";
import { TransferProofItem } from "./TransferProofItem";
import { LoadMore } from "@/components/LoadMore";

export interface TransferProofListProps {
  locale: string;
  /** Lease names by lease id; shown on each proof when there is more than one lease. */
  leaseLabels: Readonly<Record<string, string>>;
}

/** "My transfer proofs": newest first, each with the agency's decision, and "load more". */
export function TransferProofList({ locale, leaseLabels }: TransferProofListProps) {
  const { t } = useTranslation();
  const proofs = useMyTransferProofs();
  const items = proofs.data?.pages.flatMap((page) => page.items);
  const severalLeases = Object.keys(leaseLabels).length > 1 || (items !== undefined && new Set(items.map((item) => item.lease_id)).size > 1);

  if (items === undefined) {
    return proofs.isError ? <Alert>{describeProblem(proofs.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  }
  if (items.length === 0) {
    return (
      <div className="card empty-state">
        <p className="empty-state__title">{t("proofs.list.empty")}</p>
        <p>
          <Link to="/payments/transfer-proofs/new">{t("proofs.report.link")}</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <ul className="card-list">
        {items.map((proof) => (
          <li key={proof.id}>
            <TransferProofItem
              proof={proof}
              locale={locale}
              linked
              leaseLabel={severalLeases ? (leaseLabels[proof.lease_id] ?? t("payments.balance.unknownLease")) : undefined}
            />
          </li>
        ))}
      </ul>
      <LoadMore query={proofs} label={t("payments.loadMore")} busyLabel={t("payments.loadingMore")} />
    </>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useOnline } from "@/lib/offline";
import { useMyTransferProofs } from "../api/get-my-transfer-proofs";
import { TransferProofItem } from "./TransferProofItem";

export interface TransferProofListProps {
  locale: string;
  /** Lease names by lease id; shown on each proof when there is more than one lease. */
  leaseLabels: Readonly<Record<string, string>>;
}

/** "My transfer proofs": newest first, each with the agency's decision, and "load more". */
export function TransferProofList({ locale, leaseLabels }: TransferProofListProps) {
  const { t } = useTranslation();
  const online = useOnline();
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
      {proofs.isFetchNextPageError && <Alert>{describeProblem(proofs.error, t).message}</Alert>}
      {proofs.hasNextPage && (
        <p className="load-more">
          <Button
            variant="secondary"
            busy={proofs.isFetchingNextPage}
            busyLabel={t("payments.loadingMore")}
            disabled={!online}
            onClick={() => void proofs.fetchNextPage()}
          >
            {t("payments.loadMore")}
          </Button>
        </p>
      )}
    </>
  );
}

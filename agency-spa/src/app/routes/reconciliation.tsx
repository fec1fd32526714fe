import { useParams } from "react-router";
import { LinePage } from "@/features/reconciliation/components/LinePage";
import { LinesPage } from "@/features/reconciliation/components/LinesPage";
import { ReconciliationPage } from "@/features/reconciliation/components/ReconciliationPage";
import { StatementDetailPage } from "@/features/reconciliation/components/StatementDetailPage";
import { UnpaidOutPage } from "@/features/reconciliation/components/UnpaidOutPage";

/** /reconciliation: import a statement; the statements imported. */
export function ReconciliationRoute() {
  return <ReconciliationPage />;
}

/** /reconciliation/statements/:statementId (?status=) */
export function StatementDetailRoute() {
  const { statementId = "" } = useParams();
  return <StatementDetailPage key={statementId} statementId={statementId} />;
}

/** /reconciliation/lines (?status=unmatched|matched|ignored|all&direction=&statement_id=) */
export function LinesRoute() {
  return <LinesPage />;
}

/** /reconciliation/lines/:lineId */
export function LineRoute() {
  const { lineId = "" } = useParams();
  return <LinePage key={lineId} lineId={lineId} />;
}

/** /reconciliation/unpaid-out */
export function UnpaidOutRoute() {
  return <UnpaidOutPage />;
}

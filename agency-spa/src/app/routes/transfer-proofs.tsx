import { useParams } from "react-router";
import { ProofDetailPage } from "@/features/transfer-proofs/components/ProofDetailPage";
import { TransferProofsPage } from "@/features/transfer-proofs/components/TransferProofsPage";

/** /transfer-proofs (?status=submitted|confirmed|rejected|withdrawn|all&lease_id=&tenant_id=) */
export function TransferProofsRoute() {
  return <TransferProofsPage />;
}

/** /transfer-proofs/:proofId */
export function ProofDetailRoute() {
  const { proofId = "" } = useParams();
  return <ProofDetailPage key={proofId} proofId={proofId} />;
}

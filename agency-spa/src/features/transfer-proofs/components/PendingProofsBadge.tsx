import { useTranslation } from "react-i18next";
import { useRole } from "@/lib/auth/permissions";
import { usePendingProofs } from "../api/pending-proofs";

/**
 * For the staff who confirm or reject proofs, the number waiting for review beside the
 * "Transfer proofs" link; nothing when there are none.
 */
export function PendingProofsBadge() {
  const { t } = useTranslation();
  const reviewer = useRole().can("transfer-proofs:write");
  const pending = usePendingProofs({}, reviewer);
  if (!reviewer || pending.data === undefined) return null;
  const count = pending.data.items.length;
  if (count === 0) return null;
  const more = pending.data.next_cursor !== null;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{more ? `${count}+` : count}</span>
      <span className="visually-hidden">{t("transferProofs.badge", { count })}</span>
    </span>
  );
}

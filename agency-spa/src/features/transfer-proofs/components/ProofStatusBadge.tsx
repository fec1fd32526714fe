import { useTranslation } from "react-i18next";
import type { ProofStatus } from "../api/list-proofs";

const TONE: Readonly<Record<ProofStatus, string>> = {
  submitted: "badge--draft",
  confirmed: "badge--active",
  rejected: "badge--cancelled",
  withdrawn: "badge--ended",
};

/** Waiting for review / Confirmed / Rejected / Withdrawn by the tenant. */
export function ProofStatusBadge({ status }: { status: ProofStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status]}`}>{t(`transferProofs.status.${status}`)}</span>;
}

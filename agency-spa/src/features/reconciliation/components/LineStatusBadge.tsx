import { useTranslation } from "react-i18next";
import type { StatementLine } from "../api/list-lines";

const TONE = { unmatched: "badge--draft", matched: "badge--active", ignored: "badge--ended" } as const;

/** Needs review / Matched (automatically) / Ignored. */
export function LineStatusBadge({ line }: { line: StatementLine }) {
  const { t } = useTranslation();
  const label =
    line.status === "matched" && line.matched_automatically ? t("reconciliation.status.matchedAutomatically") : t(`reconciliation.status.${line.status}`);
  return <span className={`badge ${TONE[line.status]}`}>{label}</span>;
}

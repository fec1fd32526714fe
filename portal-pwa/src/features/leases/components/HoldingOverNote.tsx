import { useTranslation } from "react-i18next";
import { formatDate } from "@doorstep/web-shared/lib/format/date";
import type { Lease } from "../api/get-my-lease";
import { isHoldingOver } from "../lib/wording";

export function HoldingOverNote({ lease, locale }: { lease: Lease; locale: string }) {
  const { t } = useTranslation();
  if (!isHoldingOver(lease) || lease.end_date === null) return null;
  return <p className="note">{t("lease.holdingOver", { date: formatDate(lease.end_date, locale) })}</p>;
}

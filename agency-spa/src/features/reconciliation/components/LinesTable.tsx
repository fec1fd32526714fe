import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { StatementLine } from "../api/list-lines";
import { LineMatch } from "./LineMatch";
import { LineStatusBadge } from "./LineStatusBadge";

/** Statement lines: when, how much, the bank's reference and payer, and where each stands. */
export function LinesTable({ lines, caption, busy = false, ref }: { lines: StatementLine[]; caption: string; busy?: boolean; ref?: Ref<HTMLTableElement> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reconciliation.line.bookedOn")}</th>
            <th scope="col" className="table__number">
              {t("reconciliation.line.amount")}
            </th>
            <th scope="col">{t("reconciliation.line.reference")}</th>
            <th scope="col">{t("reconciliation.line.counterparty")}</th>
            <th scope="col">{t("reconciliation.line.status")}</th>
            <th scope="col">{t("reconciliation.line.match")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">
                <Link
                  to={`/reconciliation/lines/${line.id}`}
                  aria-label={`${dates.date(line.booked_on)} — ${formatMoney(line.amount, line.currency, locale)} ${line.counterparty}`.trim()}
                >
                  {dates.date(line.booked_on)}
                </Link>
                <span className="table__sub muted">{t("reconciliation.line.lineNumber", { number: line.line_number })}</span>
              </th>
              <td className="table__number">{formatMoney(line.amount, line.currency, locale)}</td>
              <td className="table__wrap">{line.reference === "" ? "—" : line.reference}</td>
              <td>{line.counterparty === "" ? "—" : line.counterparty}</td>
              <td>
                <LineStatusBadge line={line} />
              </td>
              <td>
                <LineMatch line={line} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Figures } from "../api/get-summary";
import { collectionRate } from "./figures";

/** The agency's (or the filtered scope's) totals for the period, as labelled figures. */
export function FiguresSummary({ figures, currency, label }: { figures: Figures; currency: string; label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (value: number) => formatMoney(value, currency, locale);
  const rate = collectionRate(figures);
  return (
    <dl className="figures" aria-label={label}>
      <div className="figures__item">
        <dt>{t("collections.figures.expected")}</dt>
        <dd>{money(figures.expected)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("collections.figures.collected")}</dt>
        <dd>{money(figures.collected)}</dd>
      </div>
      <div className="figures__item figures__item--attention">
        <dt>{t("collections.figures.outstanding")}</dt>
        <dd>{money(figures.outstanding)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("collections.figures.rate")}</dt>
        <dd>{rate === undefined ? "—" : t("collections.figures.rateValue", { rate })}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("collections.figures.invoices")}</dt>
        <dd>{figures.invoices}</dd>
      </div>
    </dl>
  );
}

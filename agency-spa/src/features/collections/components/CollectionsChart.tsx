import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useLocale } from "@/lib/i18n/use-locale";
import type { SeriesPoint } from "../api/get-summary";
import { chartLayout, MEASURES } from "./chart-data";

export interface CollectionsChartProps {
  series: SeriesPoint[];
  interval: "week" | "month";
  currency: string;
}

/**
 * Expected, collected and outstanding per week or month of due date, as grouped bars drawn in
 * SVG. The picture is one image with a title and a spoken summary (role="img"); the same figures
 * are in a table right under it for anyone who cannot see the bars or wants exact amounts.
 */
export function CollectionsChart({ series, interval, currency }: CollectionsChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const titleId = useId();
  const descId = useId();
  const layout = chartLayout(series);
  const money = (value: number) => formatMoney(value, currency, locale);
  const short = (value: string) => (interval === "month" ? dates.month(value) : dates.dayAndMonth(value));
  const label = (point: { start: string }) =>
    interval === "month" ? short(point.start) : t("collections.chart.weekOf", { date: dates.date(point.start) });
  const totals = MEASURES.map((measure) => series.reduce((sum, point) => sum + point[measure], 0));
  const peak = series.reduce<SeriesPoint | undefined>((best, point) => (best === undefined || point.outstanding > best.outstanding ? point : best), undefined);
  const summary = t("collections.chart.summary", {
    count: series.length,
    unit: t(`collections.chart.unit.${interval}`, { count: series.length }),
    expected: money(totals[0] ?? 0),
    collected: money(totals[1] ?? 0),
    outstanding: money(totals[2] ?? 0),
  });
  const peakText =
    peak !== undefined && peak.outstanding > 0 ? ` ${t("collections.chart.peak", { period: label(peak), amount: money(peak.outstanding) })}` : "";
  const labelEvery = Math.max(1, Math.ceil(series.length / 12));

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart__title">
        {t(`collections.chart.title.${interval}`)}
      </figcaption>
      <ul className="chart__legend" aria-hidden="true">
        {MEASURES.map((measure) => (
          <li key={measure}>
            <span className={`chart__swatch chart__bar--${measure}`} /> {t(`collections.figures.${measure}`)}
          </li>
        ))}
      </ul>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <desc id={descId}>
          {summary}
          {peakText}
        </desc>
        <g className="chart__grid">
          {layout.ticks.map((tick) => (
            <g key={tick.value}>
              <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} />
              <text x={layout.plot.left - 6} y={tick.y} dy="0.32em" textAnchor="end">
                {money(tick.value)}
              </text>
            </g>
          ))}
        </g>
        {layout.groups.map((group, index) => (
          <g key={group.start}>
            {group.bars.map((bar) => (
              <rect
                key={bar.measure}
                className={`chart__bar--${bar.measure}`}
                x={bar.x}
                y={bar.y}
                width={Math.max(0, bar.width - 1)}
                height={bar.height}
              >
                <title>{`${label(group)} — ${t(`collections.figures.${bar.measure}`)}: ${money(bar.value)}`}</title>
              </rect>
            ))}
            {index % labelEvery === 0 && (
              <text className="chart__axis-label" x={group.x + group.width / 2} y={layout.plot.bottom + 18} textAnchor="middle">
                {short(group.start)}
              </text>
            )}
          </g>
        ))}
        <line className="chart__axis" x1={layout.plot.left} x2={layout.plot.right} y1={layout.plot.bottom} y2={layout.plot.bottom} />
      </svg>
      <details className="chart__data">
        <summary>{t("collections.chart.asTable")}</summary>
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t(`collections.chart.title.${interval}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`collections.chart.column.${interval}`)}</th>
                {MEASURES.map((measure) => (
                  <th key={measure} scope="col" className="table__number">
                    {t(`collections.figures.${measure}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((point) => (
                <tr key={point.start}>
                  <th scope="row">
                    {dates.range(point.start, point.end)}
                  </th>
                  {MEASURES.map((measure) => (
                    <td key={measure} className="table__number">
                      {money(point[measure])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

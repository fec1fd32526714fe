import { useId, useState, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { SelectField } from "@/components/ui/SelectField";
import { useDateFormat } from "@/lib/format/use-date-format";
import { MAX_PERIOD_DAYS, periodProblem, presetOf, presetPeriod, PRESETS, type Period, type PresetId } from "./period";

export interface PeriodPickerProps {
  period: Period;
  /** Today in the agency's time zone: what "this month" means. */
  today: string;
  onChange: (period: Period) => void;
}

/**
 * The report's period: a month preset (this month, last month, the last three months, the year
 * so far, last year) applies at once; "Custom" shows from/to dates applied with a button, checked
 * before the API is asked.
 */
export function PeriodPicker({ period, today, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const preset = presetOf(period, today);
  const [custom, setCustom] = useState(preset === undefined);
  const [draft, setDraft] = useState<Period>(period);
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(undefined);
  const describedBy = useId();

  function apply(event: SyntheticEvent) {
    event.preventDefault();
    const found = periodProblem(draft);
    setProblem(found);
    if (found === undefined) onChange(draft);
  }

  const problemText =
    problem === undefined ? undefined : t(`collections.period.problems.${problem}`, { max: MAX_PERIOD_DAYS });

  return (
    <form className="period-picker" onSubmit={apply} aria-describedby={describedBy} noValidate>
      <SelectField
        label={t("collections.period.label")}
        name="period"
        value={custom ? "custom" : (preset ?? "custom")}
        onChange={(event) => {
          const value = event.target.value;
          if (value === "custom") {
            setCustom(true);
            setDraft(period);
            return;
          }
          setCustom(false);
          setProblem(undefined);
          const next = presetPeriod(value as PresetId, today);
          setDraft(next);
          onChange(next);
        }}
      >
        {PRESETS.map((id) => (
          <option key={id} value={id}>
            {t(`collections.period.presets.${id}`)}
          </option>
        ))}
        <option value="custom">{t("collections.period.presets.custom")}</option>
      </SelectField>
      {custom && (
        <>
          <TextField
            label={t("collections.period.from")}
            name="from"
            type="date"
            value={draft.from}
            error={problem === "fromInvalid" ? problemText : undefined}
            onChange={(event) => {
              setDraft({ ...draft, from: event.target.value });
              // The order and the length are about both days; an invalid end stays so.
              setProblem((found) => (found === "toInvalid" ? found : undefined));
            }}
          />
          <TextField
            label={t("collections.period.to")}
            name="to"
            type="date"
            value={draft.to}
            error={problem !== undefined && problem !== "fromInvalid" ? problemText : undefined}
            onChange={(event) => {
              setDraft({ ...draft, to: event.target.value });
              setProblem((found) => (found === "fromInvalid" ? found : undefined));
            }}
          />
          <div className="period-picker__apply">
            <Button type="submit" variant="secondary">
              {t("collections.period.apply")}
            </Button>
          </div>
        </>
      )}
      <p id={describedBy} className="muted period-picker__shown" role="status">
        {t("collections.period.shown", {
          period: dates.range(period.from, period.to),
        })}
      </p>
    </form>
  );
}

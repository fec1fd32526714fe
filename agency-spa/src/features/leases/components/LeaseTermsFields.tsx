import { useTranslation } from "react-i18next";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeDueDay, ISO_WEEKDAYS, MONTH_DAYS, weekdayName, type RentFrequency } from "@/lib/format/due-day";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useLocale } from "@/lib/i18n/use-locale";
import { withFrequency, type LeaseTermsValues } from "./lease-terms";

const FREQUENCIES: readonly RentFrequency[] = ["monthly", "weekly", "fortnightly"];

export type TermsErrors = Partial<Record<"start_date" | "end_date" | "rent" | "frequency" | "due_day" | "holding_over", string>>;

export interface LeaseTermsFieldsProps<V extends LeaseTermsValues> {
  values: V;
  onChange: (values: V) => void;
  errors: TermsErrors;
  currency: string;
}

/**
 * Start and end dates, rent (typed in major units of the agency's currency), frequency, due day
 * and holding over. The due day is a day of the month for monthly rent and a weekday for weekly
 * and fortnightly rent; the sentence under it says when rent falls due.
 */
export function LeaseTermsFields<V extends LeaseTermsValues>({ values, onChange, errors, currency }: LeaseTermsFieldsProps<V>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const set = (patch: Partial<LeaseTermsValues>) => {
    onChange({ ...values, ...patch });
  };
  const monthly = values.frequency === "monthly";

  return (
    <>
      <div className="form-row">
        <TextField
          label={t("leases.fields.startDate")}
          name="start_date"
          type="date"
          required
          min="1900-01-01"
          max="2199-12-31"
          value={values.startDate}
          error={errors.start_date}
          onChange={(event) => {
            set({ startDate: event.target.value });
          }}
        />
        <TextField
          label={t("leases.fields.endDateOptional")}
          hint={t("leases.endDateHint")}
          name="end_date"
          type="date"
          min={values.startDate === "" ? "1900-01-01" : values.startDate}
          max="2199-12-31"
          value={values.endDate}
          error={errors.end_date}
          onChange={(event) => {
            set({ endDate: event.target.value });
          }}
        />
      </div>
      <TextField
        label={t("leases.fields.rentIn", { currency })}
        hint={t("leases.rentHint", { example: moneyInputExample(currency, locale), currency })}
        name="rent"
        inputMode="decimal"
        autoComplete="off"
        required
        className="field--narrow"
        value={values.rent}
        error={errors.rent}
        onChange={(event) => {
          set({ rent: event.target.value });
        }}
      />
      <div className="form-row">
        <SelectField
          label={t("leases.fields.frequency")}
          name="frequency"
          value={values.frequency}
          error={errors.frequency}
          onChange={(event) => {
            const frequency = FREQUENCIES.find((value) => value === event.target.value);
            if (frequency !== undefined) onChange(withFrequency(values, frequency));
          }}
        >
          {FREQUENCIES.map((frequency) => (
            <option key={frequency} value={frequency}>
              {t(`leases.frequency.${frequency}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          // A different element per kind, so assistive technology hears the new options.
          key={monthly ? "month-day" : "weekday"}
          label={t("leases.fields.dueDay")}
          hint={
            <>
              {monthly ? t("leases.dueDayMonthHint") : t("leases.dueDayWeekHint")}{" "}
              <strong>{describeDueDay(values.frequency, values.dueDay, t, locale)}.</strong>
            </>
          }
          name="due_day"
          value={String(values.dueDay)}
          error={errors.due_day}
          onChange={(event) => {
            set({ dueDay: Number(event.target.value) });
          }}
        >
          {monthly
            ? MONTH_DAYS.map((day) => (
                <option key={day} value={day}>
                  {day}
                </option>
              ))
            : ISO_WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {weekdayName(day, locale)}
                </option>
              ))}
        </SelectField>
      </div>
      <CheckboxField
        label={t("leases.fields.holdingOver")}
        hint={t("leases.holdingOverHint")}
        name="holding_over"
        checked={values.holdingOver}
        error={errors.holding_over}
        onChange={(event) => {
          set({ holdingOver: event.target.checked });
        }}
      />
    </>
  );
}

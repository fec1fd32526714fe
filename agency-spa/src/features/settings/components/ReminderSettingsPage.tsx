import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem, unwrap } from "@doorstep/web-shared/lib/api/problem";
import { Loading } from "@/components/ui/QueryStatus";
import { api } from "@/lib/api/client";
import { useMe } from "@/lib/auth/me";
import { MAX_DAYS, MIN_DAYS, parseReminderDays } from "./reminder-days";
import { SettingsFrame } from "./SettingsFrame";
import { canEditAgency } from "./settings-rights";

/**
 * /settings/reminders: the payment reminder, how many days before an invoice's due date its
 * tenants are reminded (a recurring charge then waits at least three days after its reminder).
 * Only the owner may change the agency (PATCH /agency).
 */
export function ReminderSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = canEditAgency(me.data?.user.role);
  return (
    <SettingsFrame section="reminders" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.ownerOnly") : undefined}>
      {me.data === undefined ? <Loading /> : <ReminderDaysForm current={me.data.agency.settings.reminder_days_before_due} canEdit={canEdit} />}
    </SettingsFrame>
  );
}

function ReminderDaysForm({ current, canEdit }: { current: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(current));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: async (days: number) =>
      unwrap(await api.PATCH("/api/v1/agency", { body: { settings: { reminder_days_before_due: days } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["me"] }),
  });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = parseReminderDays(value);
    setInvalid(days === null);
    if (days !== null) save.mutate(days);
  }

  const problem = save.isError ? describeProblem(save.error, t, { fields: ["reminder_days_before_due"] as const }) : null;
  return (
    <>
      <form className="stack form" onSubmit={onSubmit} noValidate aria-label={t("settings.reminders.title")}>
        <TextField
          label={t("settings.reminders.days")}
          name="reminder_days_before_due"
          type="number"
          inputMode="numeric"
          min={MIN_DAYS}
          max={MAX_DAYS}
          value={value}
          disabled={!canEdit || save.isPending}
          onChange={(event) => { setValue(event.target.value); setInvalid(false); save.reset(); }}
          hint={t("settings.reminders.hint")}
          error={invalid ? t("settings.reminders.invalid", { min: MIN_DAYS, max: MAX_DAYS }) : problem?.fieldErrors.reminder_days_before_due}
        />
        {problem !== null && problem.fieldErrors.reminder_days_before_due === undefined && <Alert>{problem.message}</Alert>}
        {save.isSuccess && <Alert tone="info">{t("settings.saved")}</Alert>}
        {canEdit && (
          <div className="button-row">
            <Button type="submit" busy={save.isPending} busyLabel={t("settings.saving")}>
              {t("settings.save")}
            </Button>
          </div>
        )}
      </form>
    </>
  );
}

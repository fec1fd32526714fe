import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useReadOnly } from "@/lib/offline";
import { useUpdateMyProfile } from "../api/update-my-profile";

const FIELDS = ["phone"] as const;

/**
 * The tenant's phone number, typed as they write it ("0470 12 34 56" for a number of the agency's
 * country). The server checks it and stores it in E.164 (it answers with the number as the
 * agency's country writes it, which then fills the field); its field errors show under the input. An
 * empty field removes the number. Read-only while offline.
 */
export function PhoneForm({ phone }: { phone: string | null }) {
  // `phone` is as the agency's country writes it ("0470 12 34 56"), which the server reads back.
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const mutation = useUpdateMyProfile();
  const [value, setValue] = useState(phone ?? "");

  const problem = mutation.isError ? describeProblem(mutation.error, t, { fields: FIELDS }) : undefined;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly) return;
    const trimmed = value.trim();
    mutation.mutate(
      { phone: trimmed === "" ? null : trimmed },
      {
        onSuccess: (profile) => {
          setValue(profile.phone_display ?? profile.phone ?? "");
        },
      },
    );
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h2>{t("profile.phoneTitle")}</h2>
      {readOnly && <Alert tone="info">{t("profile.readOnly")}</Alert>}
      {problem !== undefined && problem.fieldErrors.phone === undefined && <Alert>{problem.message}</Alert>}
      {mutation.isSuccess && !readOnly && <Alert tone="info">{t("profile.saved")}</Alert>}
      <TextField
        label={t("profile.phone")}
        hint={t("profile.phoneHint")}
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        value={value}
        disabled={readOnly}
        onChange={(event) => {
          setValue(event.target.value);
          // A saved notice or a refusal was about the number just replaced.
          if (mutation.isSuccess || mutation.isError) mutation.reset();
        }}
        error={problem?.fieldErrors.phone}
      />
      <Button type="submit" disabled={readOnly} busy={mutation.isPending} busyLabel={t("profile.saving")}>
        {t("profile.save")}
      </Button>
    </form>
  );
}

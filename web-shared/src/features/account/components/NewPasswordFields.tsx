import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/ui/TextField";
import { MIN_PASSWORD_LENGTH, type NewPasswordProblems } from "../../../lib/auth/new-password";

export interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  problems: NewPasswordProblems;
  /** The API's word on the password (the policy's `weak-password` message). */
  serverError?: string | undefined;
}

/** A new password typed twice, with the policy's minimum as a hint. */
export function NewPasswordFields({ password, confirmation, onPassword, onConfirmation, problems, serverError }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("account.password.new")}
        hint={t("account.password.hint", { count: MIN_PASSWORD_LENGTH })}
        name="new_password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        error={problems.password === "tooShort" ? t("account.password.tooShort", { count: MIN_PASSWORD_LENGTH }) : serverError}
        onChange={(event) => {
          onPassword(event.target.value);
        }}
      />
      <TextField
        label={t("account.password.confirm")}
        name="new_password_confirmation"
        type="password"
        autoComplete="new-password"
        required
        value={confirmation}
        error={problems.confirmation === "differ" ? t("account.password.differ") : undefined}
        onChange={(event) => {
          onConfirmation(event.target.value);
        }}
      />
    </>
  );
}

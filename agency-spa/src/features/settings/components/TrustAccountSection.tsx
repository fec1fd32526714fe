import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useTrustAccount } from "@/lib/api/lookups/trust-account";
import { useUpdateTrustAccount, type TrustAccount } from "../api/settings";
import { SaveFeedback } from "./SaveFeedback";
import { SettingsFrame } from "./SettingsFrame";
import { canEditTrustAccount } from "./settings-rights";
import { readTrustAccountForm, TRUST_ACCOUNT_FIELDS, trustAccountFormValues, type TrustAccountField, type TrustAccountFormValues } from "./settings-forms";

// The API's checks of the bank details say what is wrong in English only (a validator's text);
// these say it in the reader's language, next to the field.
const BANK_FIELD_ERRORS = {
  iban: "settings.trustAccount.ibanInvalid",
  bic: "settings.trustAccount.bicInvalid",
  account_number: "settings.trustAccount.accountNumberInvalid",
} as const;

/**
 * /settings/trust-account: the account tenants pay rent into (the bank details their transfer
 * instructions show: without them, or card payments, a tenant has no way to pay) and seed 003's
 * rule that a payment staff record settles the oldest open invoice first.
 */
export function TrustAccountSection() {
  const { t } = useTranslation();
  const me = useMe();
  const account = useTrustAccount();
  const save = useUpdateTrustAccount();
  const canEdit = canEditTrustAccount(me.data?.user.role);
  return (
    <SettingsFrame section="trust-account" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.financeAdminOnly") : undefined}>
      {account.data === undefined || me.data === undefined ? (
        account.isError ? <LoadError error={account.error} onRetry={() => void account.refetch()} /> : <Loading />
      ) : (
        <TrustAccountForm key={JSON.stringify(account.data)} account={account.data} canEdit={canEdit} save={save} />
      )}
    </SettingsFrame>
  );
}

function TrustAccountForm({ account, canEdit, save }: { account: TrustAccount; canEdit: boolean; save: ReturnType<typeof useUpdateTrustAccount> }) {
  const { t } = useTranslation();
  const saved = trustAccountFormValues(account);
  const [values, setValues] = useState<TrustAccountFormValues>(saved);
  const [nameMissing, setNameMissing] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const problem = save.isError ? describeProblem(save.error, t, { fields: TRUST_ACCOUNT_FIELDS }) : null;

  function set<F extends TrustAccountField>(field: F, value: TrustAccountFormValues[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    if (field === "name") setNameMissing(false);
    setUnchanged(false);
    save.reset();
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readTrustAccountForm(saved, values);
    if (!read.ok) {
      setNameMissing(true);
      return;
    }
    if (read.body === null) setUnchanged(true);
    else save.mutate(read.body);
  }

  const bankFieldError = (field: keyof typeof BANK_FIELD_ERRORS) => (problem?.fieldErrors[field] === undefined ? undefined : t(BANK_FIELD_ERRORS[field]));
  const text = (field: "name" | keyof typeof BANK_FIELD_ERRORS, hint?: string) => (
    <TextField
      label={t(`settings.trustAccount.fields.${field}`)}
      name={field}
      value={values[field]}
      disabled={!canEdit}
      readOnly={save.isPending}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => { set(field, event.target.value); }}
      error={field === "name" ? (nameMissing ? t("settings.errors.required") : problem?.fieldErrors.name) : bankFieldError(field)}
      {...(hint === undefined ? {} : { hint })}
    />
  );
  const hasFieldError = problem !== null && Object.keys(problem.fieldErrors).length > 0;

  return (
    <form className="stack form" onSubmit={onSubmit} noValidate aria-label={t("settings.sections.trustAccount")}>
      <p className="muted">{t("settings.trustAccount.intro")}</p>
      {text("name", t("settings.trustAccount.nameHint"))}
      {text("iban", t("settings.trustAccount.ibanHint"))}
      {text("bic")}
      {text("account_number", t("settings.trustAccount.accountNumberHint"))}
      <CheckboxField
        label={t("settings.trustAccount.fields.receipt_oldest_invoice_first")}
        name="receipt_oldest_invoice_first"
        checked={values.receipt_oldest_invoice_first}
        disabled={!canEdit || save.isPending}
        onChange={(event) => { set("receipt_oldest_invoice_first", event.target.checked); }}
        hint={t("settings.trustAccount.oldestFirstHint")}
        error={problem?.fieldErrors.receipt_oldest_invoice_first}
      />
      {canEdit && (
        <SaveFeedback
          error={problem === null ? null : hasFieldError ? t("settings.fixFields") : problem.message}
          saved={save.isSuccess}
          unchanged={unchanged}
          busy={save.isPending}
        />
      )}
    </form>
  );
}

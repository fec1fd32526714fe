import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { useMe } from "@/lib/auth/me";
import type { Role } from "@/lib/auth/permissions";
import { useDateFormat } from "@/lib/format/use-date-format";
import {
  useCreateStaff,
  useResetTwoFactor,
  useStaff,
  useTeamTwoFactor,
  useUpdateStaff,
  type StaffUser,
  type StaffUserCreate,
} from "../api/settings";
import { SettingsFrame } from "./SettingsFrame";
import { canEditAgency } from "./settings-rights";

const ROLES = ["owner", "manager", "accountant", "viewer"] as const satisfies readonly Role[];
const NEW_COLLEAGUE_FIELDS = ["email", "first_name", "last_name", "role", "password"] as const;
type NewColleagueField = (typeof NEW_COLLEAGUE_FIELDS)[number];
const NO_ONE: StaffUserCreate = { email: "", first_name: "", last_name: "", role: "manager", password: "" };
// The API's rule for a first password (agencies/schemas.py: NewPassword).
const MIN_PASSWORD = 10;

/**
 * /settings/team: the agency's staff with their role and access. Owners add a colleague, change a
 * role and switch someone's access off or on again (their sessions end at once); the API keeps
 * at least one active owner and says so when refused. Owners also see who has two-step sign-in on
 * and turn it off for a colleague who lost their phone (the colleague is told by e-mail).
 */
export function TeamSection() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useStaff();
  const canEdit = canEditAgency(me.data?.user.role);
  return (
    <SettingsFrame section="team" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.ownerOnly") : undefined}>
      {staff.data === undefined || me.data === undefined ? (
        staff.isError ? <LoadError error={staff.error} onRetry={() => void staff.refetch()} /> : <Loading />
      ) : (
        <>
          <StaffTable staff={staff.data.items} myId={me.data.user.id} canEdit={canEdit} />
          {canEdit && <NewColleagueForm />}
        </>
      )}
    </SettingsFrame>
  );
}

function StaffTable({ staff, myId, canEdit }: { staff: StaffUser[]; myId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const update = useUpdateStaff();
  const twoFactor = useTeamTwoFactor();
  const reset = useResetTwoFactor();
  const [resetting, setResetting] = useState<string>();
  const twoStepSince = new Map((twoFactor.data?.items ?? []).map((item) => [item.staff_id, item.enabled_at]));
  const failure = update.error ?? reset.error;
  const refusal = failure !== null ? describeProblem(failure, t).message : null;
  return (
    <>
      {refusal !== null && <Alert>{refusal}</Alert>}
      <div className="table-scroll">
        <table className="table">
          <caption>{t("settings.team.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("settings.team.fields.name")}</th>
              <th scope="col">{t("settings.team.fields.email")}</th>
              <th scope="col">{t("settings.team.fields.role")}</th>
              <th scope="col">{t("settings.team.fields.access")}</th>
              {canEdit && <th scope="col">{t("settings.team.fields.twoStep")}</th>}
              <th scope="col">{t("settings.team.fields.lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((person) => {
              const name = `${person.first_name} ${person.last_name}`;
              // Owners do not demote or lock out themselves here: another owner does it.
              const editable = canEdit && person.id !== myId;
              const busy = update.isPending && update.variables.id === person.id;
              return (
                <tr key={person.id}>
                  <th scope="row">
                    {name}
                    {person.id === myId && <> ({t("settings.team.you")})</>}
                  </th>
                  <td>{person.email}</td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={t("settings.team.roleOf", { name })}
                        value={person.role}
                        disabled={busy}
                        onChange={(event) => { update.mutate({ id: person.id, body: { role: event.target.value as Role } }); }}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`roles.${person.role}`)
                    )}
                  </td>
                  <td>
                    {person.is_active ? t("settings.team.active") : t("settings.team.inactive")}
                    {editable && (
                      <>
                        {" "}
                        <Button
                          variant={person.is_active ? "danger" : "secondary"}
                          busy={busy}
                          busyLabel={t("settings.saving")}
                          aria-label={t(person.is_active ? "settings.team.deactivateName" : "settings.team.reactivateName", { name })}
                          onClick={() => { update.mutate({ id: person.id, body: { is_active: !person.is_active } }); }}
                        >
                          {t(person.is_active ? "settings.team.deactivate" : "settings.team.reactivate")}
                        </Button>
                      </>
                    )}
                  </td>
                  {canEdit && (
                    <td>
                      {twoStepSince.has(person.id) ? t("settings.team.twoStepOn") : t("settings.team.twoStepOff")}
                      {editable && twoStepSince.has(person.id) && (
                        resetting === person.id ? (
                          <span role="group" aria-label={t("settings.team.resetTwoStepName", { name })}>
                            {" "}
                            {t("settings.team.resetTwoStepConfirm", { name })}{" "}
                            <Button
                              variant="danger"
                              busy={reset.isPending}
                              busyLabel={t("settings.saving")}
                              onClick={() => {
                                reset.mutate(person.id, { onSettled: () => { setResetting(undefined); } });
                              }}
                            >
                              {t("settings.team.resetTwoStepYes")}
                            </Button>{" "}
                            <Button variant="secondary" onClick={() => { setResetting(undefined); }}>
                              {t("settings.team.cancel")}
                            </Button>
                          </span>
                        ) : (
                          <>
                            {" "}
                            <Button
                              variant="secondary"
                              aria-label={t("settings.team.resetTwoStepName", { name })}
                              onClick={() => { setResetting(person.id); }}
                            >
                              {t("settings.team.resetTwoStep")}
                            </Button>
                          </>
                        )
                      )}
                    </td>
                  )}
                  <td>{person.last_login_at === null ? t("settings.team.never") : dates.instant(person.last_login_at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NewColleagueForm() {
  const { t } = useTranslation();
  const create = useCreateStaff();
  const [values, setValues] = useState<StaffUserCreate>(NO_ONE);
  const [errors, setErrors] = useState<Partial<Record<NewColleagueField, string>>>({});
  const [added, setAdded] = useState<string | null>(null);
  const problem = create.isError ? describeProblem(create.error, t, { fields: NEW_COLLEAGUE_FIELDS }) : null;

  function set(field: NewColleagueField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setAdded(null);
    create.reset();
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: StaffUserCreate = { ...values, email: values.email.trim(), first_name: values.first_name.trim(), last_name: values.last_name.trim() };
    const missing: Partial<Record<NewColleagueField, string>> = {};
    for (const field of ["email", "first_name", "last_name"] as const) {
      if (body[field] === "") missing[field] = t("settings.errors.required");
    }
    if (body.password.length < MIN_PASSWORD) missing.password = t("settings.team.passwordShort", { min: MIN_PASSWORD });
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    create.mutate(body, {
      onSuccess: (person) => {
        setValues(NO_ONE);
        setAdded(`${person.first_name} ${person.last_name}`);
      },
    });
  }

  const errorOf = (field: NewColleagueField) => errors[field] ?? problem?.fieldErrors[field];
  const text = (field: "email" | "first_name" | "last_name" | "password", type: string, autoComplete: string, hint?: string) => (
    <TextField
      label={t(`settings.team.fields.${field}`)}
      name={`new_${field}`}
      type={type}
      autoComplete={autoComplete}
      value={values[field]}
      readOnly={create.isPending}
      onChange={(event) => { set(field, event.target.value); }}
      error={errorOf(field)}
      {...(hint === undefined ? {} : { hint })}
    />
  );
  const hasFieldError = problem !== null && Object.keys(problem.fieldErrors).length > 0;

  return (
    <form className="stack form" onSubmit={onSubmit} noValidate aria-labelledby="new-colleague-title">
      <h3 id="new-colleague-title">{t("settings.team.add")}</h3>
      {text("first_name", "text", "off")}
      {text("last_name", "text", "off")}
      {text("email", "email", "off")}
      <SelectField label={t("settings.team.fields.role")} name="new_role" value={values.role} disabled={create.isPending} onChange={(event) => { set("role", event.target.value); }} error={errorOf("role")} hint={t("settings.team.roleHint")}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      {text("password", "password", "new-password", t("settings.team.passwordHint", { min: MIN_PASSWORD }))}
      {problem !== null && <Alert>{hasFieldError ? t("settings.fixFields") : problem.message}</Alert>}
      {added !== null && <Alert tone="info">{t("settings.team.added", { name: added })}</Alert>}
      <div className="button-row">
        <Button type="submit" busy={create.isPending} busyLabel={t("settings.saving")}>
          {t("settings.team.addSubmit")}
        </Button>
      </div>
    </form>
  );
}

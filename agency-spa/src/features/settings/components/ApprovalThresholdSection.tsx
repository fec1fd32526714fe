import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { moneyInputExample, parseMoney } from "@doorstep/web-shared/lib/format/parse-money";
import { Link } from "react-router";
import { MoneyField } from "@/components/money/MoneyField";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useLocale } from "@/lib/i18n/use-locale";
import { useChangeThreshold, useThresholdChanges } from "../api/settings";
import { SettingsFrame } from "./SettingsFrame";
import { canEditAgency } from "./settings-rights";

/**
 * /settings/approvals: the amount above which credit notes, write-offs and refunds need a second
 * person. Changing it is itself guarded: applied at once where the agency has one owner,
 * otherwise another owner approves it in the approvals inbox; every change is listed.
 */
export function ApprovalThresholdSection() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = canEditAgency(me.data?.user.role);
  return (
    <SettingsFrame section="approvals" readOnlyNote={me.data !== undefined && !canEdit ? t("settings.ownerOnly") : undefined}>
      {me.data === undefined ? (
        me.isError ? <LoadError error={me.error} onRetry={() => void me.refetch()} /> : <Loading />
      ) : (
        <>
          <ThresholdForm current={me.data.agency.settings.approval_threshold} currency={me.data.agency.currency} canEdit={canEdit} />
          <ThresholdHistory currency={me.data.agency.currency} />
        </>
      )}
    </SettingsFrame>
  );
}

function ThresholdForm({ current, currency, canEdit }: { current: number; currency: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const change = useChangeThreshold();
  const problem = change.isError ? describeProblem(change.error, t, { fields: ["approval_threshold"] as const }) : null;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const amount = parseMoney(value, currency, locale);
    if (!amount.ok) {
      setError(t(`money.${amount.error}`));
      return;
    }
    if (amount.amount === current) {
      setError(t("settings.approvals.same"));
      return;
    }
    change.mutate(amount.amount, { onSuccess: () => { setValue(""); } });
  }

  return (
    <form className="stack form" onSubmit={onSubmit} noValidate aria-label={t("settings.approvals.formLabel")}>
      <p>{t("settings.approvals.current", { amount: formatMoney(current, currency, locale) })}</p>
      <p className="muted">{t("settings.approvals.intro")}</p>
      {canEdit && (
        <>
          <MoneyField
            label={t("settings.approvals.newAmount", { currency })}
            hint={t("settings.approvals.amountHint", { example: moneyInputExample(currency, locale) })}
            name="approval_threshold"
            value={value}
            error={error ?? problem?.fieldErrors.approval_threshold}
            onChange={(typed) => {
              setValue(typed);
              setError(undefined);
              change.reset();
            }}
          />
          {problem !== null && problem.fieldErrors.approval_threshold === undefined && <Alert>{problem.message}</Alert>}
          {change.data?.status === "applied" && <Alert tone="info">{t("settings.approvals.applied", { amount: formatMoney(change.data.new_threshold, currency, locale) })}</Alert>}
          {change.data?.status === "pending" && (
            <Alert tone="info">
              {t("settings.approvals.pending", { amount: formatMoney(change.data.new_threshold, currency, locale) })} <Link to="/approvals">{t("settings.approvals.inbox")}</Link>
            </Alert>
          )}
          <div className="button-row">
            <Button type="submit" busy={change.isPending} busyLabel={t("settings.saving")}>
              {t("settings.approvals.submit")}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}

function ThresholdHistory({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const changes = useThresholdChanges();
  if (changes.isError) return <LoadError error={changes.error} onRetry={() => void changes.refetch()} />;
  if (changes.data === undefined) return <Loading />;
  if (changes.data.items.length === 0) return null;
  const money = (amount: number) => formatMoney(amount, currency, locale);
  return (
    <table className="table">
      <caption>{t("settings.approvals.history")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("settings.approvals.fields.requestedAt")}</th>
          <th scope="col">{t("settings.approvals.fields.change")}</th>
          <th scope="col">{t("settings.approvals.fields.status")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.data.items.map((item) => (
          <tr key={item.id}>
            <td>{dates.instant(item.requested_at)}</td>
            <td>{t("settings.approvals.fromTo", { from: money(item.old_threshold), to: money(item.new_threshold) })}</td>
            <td>{t(`settings.approvals.status.${item.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

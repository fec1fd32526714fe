import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useLocale } from "@/lib/i18n/use-locale";
import type { InviteStep } from "../api/get-invite";

/** What staff see of one step the tenant does, an invite's step or an assigned task alike (the API shapes both the same way). */
export type StepSummary = Pick<
  InviteStep,
  "name" | "kind" | "done" | "completed_at" | "amount" | "invoice_id" | "accepted_text_version" | "uploaded_file_name" | "answers"
>;

/** A form step's answers, each under its field's label when the task still names it. */
function Answers({ step, labels }: { step: StepSummary; labels: ReadonlyMap<string, string> }) {
  const entries = Object.entries(step.answers ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className="details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{labels.get(key) ?? key}</dt>
          <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A step's name and kind, whether it is done (and when), its amount and invoice, the accepted text's version, the uploaded file and the answers. */
export function StepProgress({ step, labels, status, children }: { step: StepSummary; labels: ReadonlyMap<string, string>; status?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  return (
    <>
      <p>
        <strong>{step.name}</strong> <span className="muted">({t(`customers.tasks.kind.${step.kind}`)})</span> —{" "}
        {status ?? (step.done ? t("customers.invites.stepDone") : t("customers.invites.stepToDo"))}
        {step.completed_at !== null && <span className="muted"> · {dates.date(step.completed_at)}</span>}
      </p>
      {step.amount !== null && (
        <p>
          {t("customers.invites.stepAmount", { amount: formatMoney(step.amount.amount, step.amount.currency, locale) })}
          {step.invoice_id !== null && (
            <>
              {" "}
              <Link to={`/invoices/${step.invoice_id}`}>{t("customers.invites.openInvoice")}</Link>
            </>
          )}
        </p>
      )}
      {step.accepted_text_version !== null && <p>{t("customers.invites.acceptedVersion", { version: step.accepted_text_version })}</p>}
      {step.uploaded_file_name !== null && <p>{t("customers.invites.uploaded", { file: step.uploaded_file_name })}</p>}
      <Answers step={step} labels={labels} />
      {children}
    </>
  );
}

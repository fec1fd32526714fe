import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { useMyPaymentInstructions } from "../api/get-my-payment-instructions";
import { compactCode, groupsOfFour } from "../lib/bank-details";

export interface BankDetailsProps {
  leaseId: string;
  /** The lease's name ("Residence Louise, Flat 1A") when the tenant has more than one. */
  leaseLabel?: string;
}

type Copied = { label: string; ok: boolean } | null;

/**
 * How to pay by bank transfer: the beneficiary, IBAN (groups of four), BIC and the lease's
 * structured reference, each with a copy button (the Clipboard API; a status says "copied", or
 * how to copy by hand when the browser refuses). The reference matches the money to the lease.
 */
export function BankDetails({ leaseId, leaseLabel }: BankDetailsProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const instructions = useMyPaymentInstructions(leaseId);
  const [copied, setCopied] = useState<Copied>(null);

  async function copy(label: string, value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied({ label, ok: true });
    } catch {
      setCopied({ label, ok: false });
    }
  }

  let content;
  if (instructions.data === undefined) {
    content = instructions.isError ? (
      <Alert>{describeProblem(instructions.error, t).message}</Alert>
    ) : (
      <p aria-busy="true">{t("app.loading")}</p>
    );
  } else {
    const data = instructions.data;
    const rows: { field: string; label: string; shown: string; copied: string }[] = [
      { field: "beneficiary", label: t("payments.bank.beneficiary"), shown: data.beneficiary, copied: data.beneficiary },
    ];
    if (data.iban !== null) {
      rows.push({ field: "iban", label: t("payments.bank.iban"), shown: groupsOfFour(data.iban), copied: compactCode(data.iban) });
      if (data.bic !== null) rows.push({ field: "bic", label: t("payments.bank.bic"), shown: data.bic, copied: compactCode(data.bic) });
    } else if (data.account_number !== null) {
      rows.push({ field: "account", label: t("payments.bank.account"), shown: data.account_number, copied: data.account_number });
    }
    rows.push({ field: "reference", label: t("payments.bank.reference"), shown: groupsOfFour(data.reference), copied: compactCode(data.reference) });
    const hasAccount = data.iban !== null || data.account_number !== null;
    content = (
      <>
        {hasAccount ? <p>{t("payments.bank.intro")}</p> : <p>{t("payments.bank.noAccount")}</p>}
        <dl className="facts bank-details__facts">
          {rows.map((row) => (
            <div className="facts__row bank-details__row" key={row.field}>
              <dt>{row.label}</dt>
              <dd>
                <span className={row.field === "beneficiary" ? undefined : "bank-details__code"}>{row.shown}</span>{" "}
                <button
                  type="button"
                  className="button button--small button--secondary bank-details__copy"
                  onClick={() => void copy(row.label, row.copied)}
                  aria-label={t("payments.bank.copyLabel", { what: row.label })}
                >
                  {t("payments.bank.copy")}
                </button>
              </dd>
            </div>
          ))}
        </dl>
        <p className="field__hint">{t("payments.bank.referenceHint")}</p>
      </>
    );
  }

  const copiedLabel = copied === null ? "" : copied.ok ? t("payments.bank.copied", { what: copied.label }) : t("payments.bank.copyFailed");

  return (
    <section className="card bank-details" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {t("payments.bank.title")}
        {leaseLabel !== undefined && <span className="bank-details__lease muted"> · {leaseLabel}</span>}
      </h2>
      {content}
      {/* A polite live region, present from the start so "IBAN copied" is announced. */}
      <p aria-live="polite" aria-atomic="true" className="bank-details__status">
        {copiedLabel}
      </p>
    </section>
  );
}

import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { ChoiceFieldset } from "@/components/ui/ChoiceFieldset";
import { RadioOption } from "@/components/ui/RadioOption";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { forgetRefusal } from "@doorstep/web-shared/lib/forms/stale-errors";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import type { DateFormat } from "@doorstep/web-shared/lib/format/date";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useIdempotencyKey } from "@/lib/hooks/use-idempotency-key";
import { useLocale } from "@/lib/i18n/use-locale";
import { useOpenInvoices, useRecordedPayments, type Invoice } from "../api/candidates";
import { useLeaseSearch } from "../api/lease-search";
import type { StatementLine } from "../api/list-lines";
import { MatchAfterRecordFailed, useRecordLinePayment } from "../api/record-line-payment";
import { useIgnoreLine, useMatchLineToInvoice, useMatchLineToPayment } from "../api/resolve-line";
import { compact, rankInvoices, rankPayments, type Reason } from "./rank-candidates";

type Action = "invoice" | "payment" | "record" | "ignore";
const ACTIONS: readonly Action[] = ["invoice", "payment", "record", "ignore"];
/** Options shown at once in a candidate list; a search narrows a longer one. */
const SHOWN = 15;

export interface LineReviewProps {
  line: StatementLine;
  onResolved: (message: string) => void;
}

/**
 * The review of a line waiting in the queue: say what it is — the payment of an open invoice
 * (a bank transfer is recorded and allocated), a payment already recorded, money for a lease to
 * record as a payment, or not a tenant's payment at all (ignored, with the reason).
 */
export function LineReview({ line, onResolved }: LineReviewProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action>("invoice");
  return (
    <section aria-labelledby="line-review" className="card">
      <h2 id="line-review">{t("reconciliation.review.title")}</h2>
      <ChoiceFieldset
        legend={t("reconciliation.review.what")}
        options={ACTIONS.map((value) => ({ value, label: t(`reconciliation.review.actions.${value}`) }))}
        value={action}
        onChange={setAction}
      />
      {action === "invoice" && <MatchInvoice line={line} onResolved={onResolved} />}
      {action === "payment" && <MatchPayment line={line} onResolved={onResolved} />}
      {action === "record" && <RecordPayment line={line} onResolved={onResolved} />}
      {action === "ignore" && <IgnoreLine line={line} onResolved={onResolved} />}
    </section>
  );
}

function ReasonTags({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <span className="reasons">
      {reasons.map((reason) => (
        <span key={reason} className="badge badge--active">
          {t(`reconciliation.review.reasons.${reason}`)}
        </span>
      ))}
    </span>
  );
}

function invoiceLabel(invoice: Invoice, t: TFunction, locale: string, dates: DateFormat): string {
  return t("reconciliation.review.invoiceOption", {
    number: invoice.number ?? "—",
    place: `${invoice.unit_name} · ${invoice.property_name}`,
    tenants: invoice.tenant_names.join(", "),
    due: dates.date(invoice.due_date),
    amount: formatMoney(invoice.outstanding, invoice.currency, locale),
  });
}

/** The candidate chosen in a radio group, and whether submitting found none; choosing again clears an earlier failure. */
function useCandidateChoice(clearFailure: () => void) {
  const [chosen, setChosen] = useState("");
  const [missing, setMissing] = useState(false);
  const name = useId();
  const choose = (id: string) => () => {
    setChosen(id);
    setMissing(false);
    clearFailure();
  };
  return { name, chosen, missing, setMissing, choose };
}

function MatchInvoice({ line, onResolved }: LineReviewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const invoices = useOpenInvoices("");
  const match = useMatchLineToInvoice(line.id);
  const attempt = useIdempotencyKey();
  const [query, setQuery] = useState("");
  const { name, chosen, missing, setMissing, choose } = useCandidateChoice(() => {
    match.reset();
  });
  const debounced = compact(useDebouncedValue(query, 200));

  if (invoices.isPending) return <Loading />;
  if (invoices.isError) return <LoadError error={invoices.error} onRetry={() => void invoices.refetch()} />;
  const ranked = rankInvoices(line, invoices.data.items);
  const filtered =
    debounced === ""
      ? ranked.filter((entry) => entry.score > 0)
      : ranked.filter(({ item }) =>
          compact(`${item.number ?? ""} ${item.unit_name} ${item.property_name} ${item.tenant_names.join(" ")}`).includes(debounced),
        );
  const shown = filtered.slice(0, SHOWN);
  const selected = ranked.find(({ item }) => item.id === chosen)?.item;
  const money = (value: number) => formatMoney(value, line.currency, locale);

  return (
    <form
      className="form stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (selected === undefined) {
          setMissing(true);
          return;
        }
        // mutateAsync: the line leaves the queue on success, which unmounts this form before
        // a mutate() callback would run; the page (still mounted) shows the notice.
        void match.mutateAsync({ invoiceId: selected.id, idempotencyKey: attempt.keyFor({ line: line.id, invoice: selected.id }) }).then(
          () => {
            attempt.reset();
            onResolved(t("reconciliation.review.matchedInvoice", { number: selected.number ?? "" }));
          },
          () => undefined,
        );
      }}
    >
      <p className="muted">{t("reconciliation.review.invoiceIntro", { amount: money(line.amount) })}</p>
      <TextField
        label={t("reconciliation.review.findInvoice")}
        hint={t("reconciliation.review.findInvoiceHint")}
        name="invoice_search"
        type="search"
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      {shown.length === 0 ? (
        <p className="muted">{debounced === "" ? t("reconciliation.review.noSuggestion") : t("reconciliation.review.noInvoiceMatch")}</p>
      ) : (
        <fieldset className="fieldset option-group" aria-describedby={missing ? `${name}-error` : undefined}>
          <legend>{debounced === "" ? t("reconciliation.review.suggestedInvoices") : t("reconciliation.review.matchingInvoices")}</legend>
          {shown.map(({ item, reasons }) => (
            <RadioOption key={item.id} name={name} value={item.id} checked={chosen === item.id} onSelect={choose(item.id)}>
              {invoiceLabel(item, t, locale, dates)} <ReasonTags reasons={reasons} />
            </RadioOption>
          ))}
          {filtered.length > shown.length && <p className="muted">{t("reconciliation.review.more", { count: filtered.length - shown.length })}</p>}
        </fieldset>
      )}
      {missing && (
        <p className="field__error" id={`${name}-error`}>
          {t("reconciliation.review.chooseInvoice")}
        </p>
      )}
      {!invoices.data.complete && <p className="muted">{t("reconciliation.review.incomplete")}</p>}
      {selected !== undefined && selected.outstanding !== line.amount && (
        <Alert tone="warning">
          {line.amount > selected.outstanding
            ? t("reconciliation.review.overpays", { extra: money(line.amount - selected.outstanding) })
            : t("reconciliation.review.underpays", { left: money(selected.outstanding - line.amount) })}
        </Alert>
      )}
      {match.isError && <Alert>{describeProblem(match.error, t).message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={match.isPending} busyLabel={t("reconciliation.review.matching")}>
          {selected === undefined ? t("reconciliation.review.matchInvoice") : t("reconciliation.review.matchInvoiceNumber", { number: selected.number ?? "" })}
        </Button>
      </div>
      <p className="muted">{t("reconciliation.review.invoiceNote")}</p>
    </form>
  );
}

function MatchPayment({ line, onResolved }: LineReviewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const payments = useRecordedPayments(true);
  const match = useMatchLineToPayment(line.id);
  const { name, chosen, missing, setMissing, choose } = useCandidateChoice(() => {
    match.reset();
  });
  if (payments.isPending) return <Loading />;
  if (payments.isError) return <LoadError error={payments.error} onRetry={() => void payments.refetch()} />;
  const ranked = rankPayments(line, payments.data.items).slice(0, SHOWN);

  return (
    <form
      className="form stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen === "") {
          setMissing(true);
          return;
        }
        void match.mutateAsync(chosen).then(
          () => {
            onResolved(t("reconciliation.review.matchedPayment"));
          },
          () => undefined,
        );
      }}
    >
      <p className="muted">{t("reconciliation.review.paymentIntro", { amount: formatMoney(line.amount, line.currency, locale) })}</p>
      {ranked.length === 0 ? (
        <p className="muted">{t("reconciliation.review.noPayment")}</p>
      ) : (
        <fieldset className="fieldset option-group" aria-describedby={missing ? `${name}-error` : undefined}>
          <legend>{t("reconciliation.review.paymentsSameAmount")}</legend>
          {ranked.map(({ item, reasons }) => (
            <RadioOption key={item.id} name={name} value={item.id} checked={chosen === item.id} onSelect={choose(item.id)}>
              {t("reconciliation.review.paymentOption", {
                tenant: item.tenant_name,
                method: t(`reconciliation.methods.${item.method}`),
                date: item.received_on === null ? "—" : dates.date(item.received_on),
                reference: item.reference ?? "—",
                amount: formatMoney(item.amount, item.currency, locale),
              })}{" "}
              <ReasonTags reasons={reasons} />
            </RadioOption>
          ))}
        </fieldset>
      )}
      {missing && (
        <p className="field__error" id={`${name}-error`}>
          {t("reconciliation.review.choosePayment")}
        </p>
      )}
      {match.isError && <Alert>{describeProblem(match.error, t).message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={match.isPending} busyLabel={t("reconciliation.review.matching")} disabled={ranked.length === 0}>
          {t("reconciliation.review.matchPayment")}
        </Button>
      </div>
    </form>
  );
}

function RecordPayment({ line, onResolved }: LineReviewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const [query, setQuery] = useState(line.counterparty.split(" ").at(-1) ?? "");
  const debounced = useDebouncedValue(query.trim(), 250);
  const leases = useLeaseSearch(debounced);
  const record = useRecordLinePayment();
  const attempt = useIdempotencyKey();
  const [leaseId, setLeaseId] = useState("");
  const [tenantId, setTenantId] = useState("");
  const [recordedPaymentId, setRecordedPaymentId] = useState<string | undefined>(undefined);
  const [missing, setMissing] = useState(false);
  const name = useId();
  const options = leases.data?.items ?? [];
  const lease = options.find((candidate) => candidate.id === leaseId);
  const amount = formatMoney(line.amount, line.currency, locale);
  const error = record.error instanceof MatchAfterRecordFailed ? record.error.cause : record.error;

  return (
    <form
      className="form stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (lease === undefined || tenantId === "") {
          setMissing(true);
          return;
        }
        void record.mutateAsync({ line, leaseId: lease.id, tenantId, paymentId: recordedPaymentId, idempotencyKey: attempt.keyFor({ line: line.id, lease: lease.id, tenant: tenantId }) }).then(
          () => {
            attempt.reset();
            onResolved(t("reconciliation.review.recorded", { amount }));
          },
          (failure: unknown) => {
            if (failure instanceof MatchAfterRecordFailed) setRecordedPaymentId(failure.paymentId);
          },
        );
      }}
    >
      <p className="muted">{t("reconciliation.review.recordIntro", { amount, date: dates.date(line.booked_on) })}</p>
      <TextField
        label={t("reconciliation.review.findLease")}
        hint={t("reconciliation.review.findLeaseHint")}
        name="lease_search"
        type="search"
        autoComplete="off"
        value={query}
        disabled={recordedPaymentId !== undefined}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      {options.length === 0 ? (
        <p className="muted">{leases.isPending ? t("app.loading") : t("reconciliation.review.noLease")}</p>
      ) : (
        <fieldset className="fieldset option-group" disabled={recordedPaymentId !== undefined}>
          <legend>{t("reconciliation.review.activeLeases")}</legend>
          {options.map((candidate) => (
            <RadioOption
              key={candidate.id}
              name={name}
              value={candidate.id}
              checked={leaseId === candidate.id}
              onSelect={() => {
                setLeaseId(candidate.id);
                const named = candidate.tenants.find((tenant) => compact(line.counterparty).includes(compact(tenant.last_name)));
                setTenantId((named ?? candidate.tenants[0])?.id ?? "");
                setMissing(false);
                record.reset();
              }}
            >
              {candidate.unit.name} · {candidate.unit.property_name} —{" "}
              {candidate.tenants.map((tenant) => `${tenant.first_name} ${tenant.last_name}`).join(", ")}
            </RadioOption>
          ))}
        </fieldset>
      )}
      {lease !== undefined && (
        <SelectField
          label={t("reconciliation.review.payer")}
          name="tenant_id"
          value={tenantId}
          disabled={recordedPaymentId !== undefined}
          onChange={(event) => {
            setTenantId(event.target.value);
            record.reset();
          }}
        >
          {lease.tenants.map((tenant) => (
            <option key={tenant.id} value={tenant.id}>
              {tenant.first_name} {tenant.last_name}
            </option>
          ))}
        </SelectField>
      )}
      {missing && <p className="field__error">{t("reconciliation.review.chooseLease")}</p>}
      {recordedPaymentId !== undefined && <Alert tone="warning">{t("reconciliation.review.recordedNotMatched")}</Alert>}
      {record.isError && <Alert>{describeProblem(error, t).message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={record.isPending} busyLabel={t("reconciliation.review.recording")}>
          {recordedPaymentId === undefined ? t("reconciliation.review.record", { amount }) : t("reconciliation.review.retryMatch")}
        </Button>
      </div>
      <p className="muted">{t("reconciliation.review.recordNote")}</p>
    </form>
  );
}

function IgnoreLine({ line, onResolved }: LineReviewProps) {
  const { t } = useTranslation();
  const ignore = useIgnoreLine(line.id);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const problem = ignore.isError ? describeProblem(ignore.error, t, { fields: ["reason"] as const }) : undefined;
  return (
    <form
      className="form stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === "") {
          setMissing(true);
          return;
        }
        void ignore.mutateAsync(reason.trim()).then(
          () => {
            onResolved(t("reconciliation.review.ignored"));
          },
          () => undefined,
        );
      }}
    >
      <TextAreaField
        label={t("reconciliation.review.reason")}
        hint={t("reconciliation.review.reasonHint")}
        name="reason"
        required
        maxLength={500}
        value={reason}
        error={missing ? t("form.required") : problem?.fieldErrors.reason}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
          forgetRefusal(ignore);
        }}
      />
      {problem !== undefined && problem.fieldErrors.reason === undefined && <Alert>{problem.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={ignore.isPending} busyLabel={t("reconciliation.review.ignoring")}>
          {t("reconciliation.review.ignore")}
        </Button>
      </div>
    </form>
  );
}

import { useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { Details } from "@/components/ui/Details";
import { problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { formatMoney, minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { moneyInputExample, parseMoney } from "@doorstep/web-shared/lib/format/parse-money";
import { useDateFormat } from "@/lib/format/use-date-format";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import type { Lease } from "../api/list-leases";
import { useReviewRent } from "../api/review-rent";
import { leaseProblemMessage } from "./lease-problem";

const REVIEW_FIELDS = ["effective_from", "rent.amount", "rent"] as const;
type ReviewField = (typeof REVIEW_FIELDS)[number];

/**
 * The lease's rent: the rent in effect today, a change already recorded for later, and every
 * review with who recorded it. Owners and managers review the rent of an active lease (the API's
 * rule); the amount is typed in major units of the lease's currency, which is the agency's.
 */
export function LeaseRent({ lease, canEdit }: { lease: Lease; canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dates = useDateFormat();
  const [reviewing, setReviewing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const reviewButton = useRef<HTMLButtonElement>(null);
  const money = (amount: number) => formatMoney(amount, lease.rent.currency, locale);
  const perPeriod = (amount: number) => t(`leases.rentPer.${lease.frequency}`, { amount: money(amount) });
  const next = lease.next_rent_review;

  return (
    <section aria-labelledby="lease-rent-heading" className="card">
      <h2 id="lease-rent-heading">{t("rentReview.title")}</h2>
      <div role="status">{notice !== null && <p className="notice">{notice}</p>}</div>
      <Details
        items={[
          { term: t("rentReview.inEffect"), description: perPeriod(lease.current_rent.amount) },
          ...(lease.current_rent.amount === lease.rent.amount
            ? []
            : [{ term: t("rentReview.agreed"), description: perPeriod(lease.rent.amount) }]),
          {
            term: t("rentReview.next"),
            description:
              next === null
                ? t("rentReview.noNext")
                : t("rentReview.from", { date: dates.date(next.effective_from), amount: money(next.rent.amount) }),
          },
        ]}
      />
      {lease.rent_history.length === 0 ? (
        <p className="muted">{t("rentReview.noHistory")}</p>
      ) : (
        <table className="table">
          <caption>{t("rentReview.history")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("rentReview.effectiveFrom")}</th>
              <th scope="col">{t("rentReview.rent")}</th>
              <th scope="col">{t("rentReview.reviewedBy")}</th>
              <th scope="col">{t("rentReview.reviewedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {lease.rent_history.map((review) => (
              <tr key={review.id}>
                <td>{dates.date(review.effective_from)}</td>
                <td>{money(review.rent.amount)}</td>
                <td>{review.reviewed_by_name}</td>
                <td>{dates.instant(review.reviewed_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && lease.status === "active" && !reviewing && (
        <p className="button-row">
          <Button
            ref={reviewButton}
            variant="secondary"
            onClick={() => {
              setNotice(null);
              setReviewing(true);
            }}
          >
            {t("rentReview.open")}
          </Button>
        </p>
      )}
      {reviewing && (
        <RentReviewForm
          lease={lease}
          onDone={(recorded) => {
            setReviewing(false);
            if (recorded !== null) {
              setNotice(t("rentReview.recorded", { date: dates.date(recorded.effectiveFrom), amount: money(recorded.amount) }));
            }
            requestAnimationFrame(() => reviewButton.current?.focus());
          }}
        />
      )}
    </section>
  );
}

interface Recorded {
  effectiveFrom: string;
  amount: number;
}

function RentReviewForm({ lease, onDone }: { lease: Lease; onDone: (recorded: Recorded | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const review = useReviewRent(lease.id);
  const currency = lease.rent.currency;
  const [amount, setAmount] = useState("");
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<ReviewField>(review.error, {
    fields: REVIEW_FIELDS,
    byType: { "rent-review-exists": { field: "effective_from", message: t("rentReview.errors.exists") } },
  });
  const example = moneyInputExample(currency, locale);
  // A lease that stopped being active meanwhile: the API's conflict, in the screen's words.
  const notActive = problemSlug(review.error) === "lease-not-editable" ? leaseProblemMessage(review.error, t) : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<ReviewField, string>> = {};
    const parsed = parseMoney(amount, currency, locale);
    if (!parsed.ok) errors["rent.amount"] = t(`money.${parsed.error}`, { currency, example, count: minorUnitExponent(currency) });
    else if (parsed.amount === 0) errors["rent.amount"] = t("leases.errors.rentZero");
    if (effectiveFrom === "") errors.effective_from = t("rentReview.errors.noDate");
    else if (effectiveFrom < lease.start_date) errors.effective_from = t("rentReview.errors.beforeStart");
    setClientErrors(errors);
    if (!parsed.ok || Object.keys(errors).length > 0) return;
    review.mutate(
      { effective_from: effectiveFrom, rent: { amount: parsed.amount, currency } },
      { onSuccess: () => { onDone({ effectiveFrom, amount: parsed.amount }); } },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form" aria-labelledby="rent-review-heading">
      <h3 id="rent-review-heading">{t("rentReview.open")}</h3>
      {notActive !== undefined ? <Alert>{notActive}</Alert> : summary !== undefined && <Alert>{summary}</Alert>}
      <TextField
        label={t("rentReview.newRent", { currency })}
        hint={t("leases.rentHint", { example, currency })}
        name="rent"
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        error={fieldErrors["rent.amount"] ?? fieldErrors.rent}
        onChange={(event) => { setAmount(event.target.value); }}
      />
      <TextField
        label={t("rentReview.effectiveFrom")}
        hint={t("rentReview.effectiveFromHint")}
        name="effective_from"
        type="date"
        min={lease.start_date}
        max="2199-12-31"
        value={effectiveFrom}
        error={fieldErrors.effective_from}
        onChange={(event) => { setEffectiveFrom(event.target.value); }}
      />
      <div className="form-actions">
        <Button type="submit" busy={review.isPending} busyLabel={t("form.saving")}>
          {t("rentReview.submit")}
        </Button>
        <Button variant="secondary" disabled={review.isPending} onClick={() => { onDone(null); }}>
          {t("form.discard")}
        </Button>
      </div>
    </form>
  );
}

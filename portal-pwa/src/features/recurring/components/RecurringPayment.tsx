import { useCallback, useState, type SubmitEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { forgetRefusal } from "@doorstep/web-shared/lib/forms/stale-errors";
import { formatDate, formatInstant } from "@doorstep/web-shared/lib/format/date";
import { useDateFormat } from "@/lib/format/use-date-format";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { CardPaymentsNotAvailable } from "@/components/CardPaymentsNotAvailable";
import { useReadOnly } from "@/lib/offline";
import type { StripeLoader } from "@/lib/stripe/stripe-js";
import {
  activeSetupFor,
  useCancelRecurringPayment,
  useChangeRecurringCard,
  useMyPaymentReminders,
  useMyRecurringPayments,
  useRecurringAuthorisation,
  useSetUpRecurringPayment,
  type RecurringSetup,
} from "../api/recurring";
import { cardErrorMessage } from "@/lib/cards/card-errors";
import { CardSetupError } from "../lib/card-setup";
import { chargeAmount, normaliseIban, pastCharges, upcomingCharges } from "../lib/wording";
import { CardField, type CardFieldHandle } from "./CardField";

export interface RecurringPaymentProps {
  leaseId: string;
  locale: string;
  /** Stripe.js loader (tests pass a fake). */
  loadStripe?: StripeLoader;
}

/** A lease's recurring payment: the set-up form, or the running set-up with its charges. */
export function RecurringPayment({ leaseId, locale, loadStripe }: RecurringPaymentProps) {
  const { t } = useTranslation();
  const setups = useMyRecurringPayments();
  if (setups.isError && problemSlug(setups.error) === "feature-not-enabled") return <CardPaymentsNotAvailable />;
  if (setups.data === undefined) {
    return setups.isError ? <Alert>{describeProblem(setups.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  }
  const active = activeSetupFor(setups.data, leaseId);
  return active === undefined ? (
    <SetUpForm leaseId={leaseId} loadStripe={loadStripe} />
  ) : (
    <ActiveSetup setup={active} locale={locale} loadStripe={loadStripe} />
  );
}

// `TFunction` as the other wording helpers take it: typed as useTranslation's own `t`, the
// template key below outgrew the compiler's instantiation depth once the screens had more strings.
function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof CardSetupError) {
    const { problem } = error;
    return "formProblem" in problem ? t(`payments.pay.formProblems.${problem.formProblem}`) : cardErrorMessage(problem.reason, t);
  }
  return describeProblem(error, t).message;
}

function SetUpForm({ leaseId, loadStripe }: { leaseId: string; loadStripe: StripeLoader | undefined }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const authorisation = useRecurringAuthorisation();
  const setUp = useSetUpRecurringPayment();
  const [method, setMethod] = useState<"card" | "sepa_debit">("card");
  const [iban, setIban] = useState("");
  const [holder, setHolder] = useState("");
  const [accepted, setAccepted] = useState(false);
  const [card, setCard] = useState<CardFieldHandle | null>(null);
  const [savingCard, setSavingCard] = useState(false);
  const [cardError, setCardError] = useState<unknown>(null);
  const onCardReady = useCallback((handle: CardFieldHandle | null) => { setCard(handle); }, []);

  if (authorisation.isError && problemSlug(authorisation.error) === "feature-not-enabled") return <CardPaymentsNotAvailable />;
  const busy = savingCard || setUp.isPending;
  const ready = authorisation.data !== undefined && accepted && !busy && !readOnly && (method === "card" ? card !== null : iban.trim() !== "");

  // A refusal was about the method and details sent.
  function choose(chosen: "card" | "sepa_debit") {
    setMethod(chosen);
    setCardError(null);
    forgetRefusal(setUp);
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    setCardError(null);
    setUp.reset();
    const version = authorisation.data.version;
    if (method === "card") {
      if (card === null) return;
      setSavingCard(true);
      let paymentMethodId: string;
      try {
        paymentMethodId = await card.confirm();
      } catch (error) {
        setCardError(error);
        return;
      } finally {
        setSavingCard(false);
      }
      setUp.mutate({ lease_id: leaseId, method: "card", payment_method_id: paymentMethodId, authorisation_version: version });
    } else {
      setUp.mutate({
        lease_id: leaseId,
        method: "sepa_debit",
        iban: normaliseIban(iban),
        ...(holder.trim() === "" ? {} : { account_holder: holder.trim() }),
        authorisation_version: version,
      });
    }
  }

  const problem = setUp.isError ? describeProblem(setUp.error, t, { fields: ["iban", "account_holder", "payment_method_id"] as const }) : null;
  return (
    <form className="card stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="recurring-setup-title">
      <h2 id="recurring-setup-title" className="card__title">
        {t("recurring.setUpTitle")}
      </h2>
      <p>{t("recurring.setUpIntro")}</p>
      <p className="field__hint">{t("recurring.olderInvoicesManual")}</p>
      <fieldset disabled={busy}>
        <legend className="field__label">{t("recurring.methodLabel")}</legend>
        <label className="choice">
          <input type="radio" name="method" value="card" checked={method === "card"} onChange={() => { choose("card"); }} />
          <span>{t("recurring.method.card")}</span>
        </label>
        <label className="choice">
          <input type="radio" name="method" value="sepa_debit" checked={method === "sepa_debit"} onChange={() => { choose("sepa_debit"); }} />
          <span>{t("recurring.method.sepa_debit")}</span>
        </label>
      </fieldset>
      {method === "card" ? (
        <CardField onReady={onCardReady} loadStripe={loadStripe} />
      ) : (
        <div className="stack">
          <TextField
            label={t("recurring.iban")}
            name="iban"
            autoComplete="off"
            value={iban}
            onChange={(event) => { setIban(event.target.value); forgetRefusal(setUp); }}
            error={problem?.fieldErrors.iban}
            hint={t("recurring.ibanHint")}
          />
          <TextField
            label={t("recurring.accountHolder")}
            name="account_holder"
            autoComplete="name"
            value={holder}
            onChange={(event) => { setHolder(event.target.value); forgetRefusal(setUp); }}
            error={problem?.fieldErrors.account_holder}
            hint={t("recurring.accountHolderHint")}
          />
        </div>
      )}
      <section aria-labelledby="recurring-authorisation-title" className="stack">
        <h3 id="recurring-authorisation-title">{t("recurring.authorisationTitle")}</h3>
        {authorisation.data === undefined ? (
          authorisation.isError ? <Alert>{describeProblem(authorisation.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>
        ) : (
          <blockquote className="authorisation-text" data-version={authorisation.data.version}>
            {authorisation.data.text}
          </blockquote>
        )}
        <label className="choice">
          <input type="checkbox" name="accept" checked={accepted} disabled={busy} onChange={(event) => { setAccepted(event.target.checked); }} />
          <span>{t("recurring.accept")}</span>
        </label>
      </section>
      {cardError !== null && <Alert>{errorMessage(cardError, t)}</Alert>}
      {problem !== null && <Alert>{problem.message}</Alert>}
      <div className="button-row">
        <Button type="submit" disabled={!ready} busy={busy} busyLabel={t("recurring.settingUp")}>
          {t("recurring.setUp")}
        </Button>
      </div>
    </form>
  );
}

function ActiveSetup({ setup, locale, loadStripe }: { setup: RecurringSetup; locale: string; loadStripe: StripeLoader | undefined }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const readOnly = useReadOnly();
  const upcoming = upcomingCharges(setup);
  const past = pastCharges(setup);
  const [changing, setChanging] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const cancel = useCancelRecurringPayment();

  return (
    <div className="stack">
      <section className="card" aria-labelledby="recurring-active-title">
        <h2 id="recurring-active-title" className="card__title">
          {t("recurring.activeTitle")}
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("recurring.paidWith")}</dt>
            <dd>{setup.payment_method_label}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("recurring.agreedAmount")}</dt>
            <dd>{formatMoney(setup.agreed_amount.amount, setup.agreed_amount.currency, locale)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("recurring.authorisedAt")}</dt>
            <dd>{formatInstant(setup.authorised_at, locale, dates.timeZone)}</dd>
          </div>
        </dl>
        <p className="field__hint">{t("recurring.coversFrom", { date: formatDate(setup.covers_invoices_from, locale) })}</p>
      </section>

      <section className="card" aria-labelledby="recurring-upcoming-title">
        <h2 id="recurring-upcoming-title" className="card__title">
          {t("recurring.upcomingTitle")}
        </h2>
        {upcoming.length === 0 ? (
          <p className="muted">{t("recurring.noUpcoming")}</p>
        ) : (
          <ul className="plain-list stack">
            {upcoming.map((charge) => (
              <li key={charge.id} className="upcoming-charge">
                <strong>{chargeAmount(charge, setup, t, locale)}</strong>{" "}
                {charge.charge_on === null
                  ? t("recurring.dueOn", { date: formatDate(charge.due_date, locale) })
                  : t("recurring.chargedOn", { date: formatDate(charge.charge_on, locale) })}{" "}
                <span className="muted">({t(`recurring.chargeStatus.${charge.status}`)})</span>
              </li>
            ))}
          </ul>
        )}
        <p className="field__hint">{t("recurring.reminderNote")}</p>
      </section>

      {past.length > 0 && (
        <section className="card" aria-labelledby="recurring-past-title">
          <h2 id="recurring-past-title" className="card__title">
            {t("recurring.pastTitle")}
          </h2>
          <ul className="plain-list stack">
            {past.map((charge) => (
              <li key={charge.id}>
                {formatDate(charge.due_date, locale)}: {chargeAmount(charge, setup, t, locale)} —{" "}
                {t(`recurring.chargeStatus.${charge.status}`)}
                {charge.failure_kind !== null && <> ({t(`recurring.failure.${charge.failure_kind}`)})</>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <Reminders leaseId={setup.lease_id} locale={locale} />

      {setup.method === "card" &&
        (changing ? (
          <ChangeCard setupId={setup.id} loadStripe={loadStripe} onDone={() => { setChanging(false); }} />
        ) : (
          <Button variant="secondary" disabled={readOnly} onClick={() => { setChanging(true); }}>
            {t("recurring.changeCard")}
          </Button>
        ))}

      {confirmingCancel ? (
        <div className="card stack" role="group" aria-label={t("recurring.cancelTitle")}>
          <p>{t("recurring.cancelConfirm")}</p>
          {cancel.isError && <Alert>{describeProblem(cancel.error, t).message}</Alert>}
          <div className="button-row">
            <Button variant="danger" busy={cancel.isPending} busyLabel={t("recurring.cancelling")} disabled={readOnly} onClick={() => { cancel.mutate(setup.id); }}>
              {t("recurring.cancelYes")}
            </Button>
            <Button variant="secondary" disabled={cancel.isPending} onClick={() => { setConfirmingCancel(false); }}>
              {t("recurring.cancelNo")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="danger" disabled={readOnly} onClick={() => { setConfirmingCancel(true); }}>
          {t("recurring.cancel")}
        </Button>
      )}
    </div>
  );
}

function ChangeCard({ setupId, loadStripe, onDone }: { setupId: string; loadStripe: StripeLoader | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const change = useChangeRecurringCard();
  const [card, setCard] = useState<CardFieldHandle | null>(null);
  const [saving, setSaving] = useState(false);
  const [cardError, setCardError] = useState<unknown>(null);
  const onCardReady = useCallback((handle: CardFieldHandle | null) => { setCard(handle); }, []);
  const busy = saving || change.isPending;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (card === null || busy) return;
    setCardError(null);
    setSaving(true);
    let paymentMethodId: string;
    try {
      paymentMethodId = await card.confirm();
    } catch (error) {
      setCardError(error);
      return;
    } finally {
      setSaving(false);
    }
    change.mutate({ setupId, paymentMethodId }, { onSuccess: onDone });
  }

  return (
    <form className="card stack" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="recurring-change-title">
      <h2 id="recurring-change-title" className="card__title">
        {t("recurring.changeCardTitle")}
      </h2>
      <CardField onReady={onCardReady} loadStripe={loadStripe} />
      {cardError !== null && <Alert>{errorMessage(cardError, t)}</Alert>}
      {change.isError && <Alert>{describeProblem(change.error, t).message}</Alert>}
      <div className="button-row">
        <Button type="submit" disabled={card === null || busy} busy={busy} busyLabel={t("recurring.savingCard")}>
          {t("recurring.saveCard")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={onDone}>
          {t("recurring.cancelNo")}
        </Button>
      </div>
    </form>
  );
}

function Reminders({ leaseId, locale }: { leaseId: string; locale: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const reminders = useMyPaymentReminders();
  const mine = (reminders.data ?? []).filter((reminder) => reminder.lease_id === leaseId);
  return (
    <section className="card" aria-labelledby="recurring-reminders-title">
      <h2 id="recurring-reminders-title" className="card__title">
        {t("recurring.remindersTitle")}
      </h2>
      {reminders.isError ? (
        <Alert>{describeProblem(reminders.error, t).message}</Alert>
      ) : mine.length === 0 ? (
        <p className="muted">{t("recurring.noReminders")}</p>
      ) : (
        <ul className="plain-list stack">
          {mine.map((reminder) => (
            <li key={reminder.id}>
              {formatInstant(reminder.sent_at, locale, dates.timeZone)}: {t(`recurring.reminderKind.${reminder.kind}`)} —{" "}
              {formatMoney(reminder.amount.amount, reminder.amount.currency, locale)}
              {reminder.amount_changed && <> ({t("recurring.amountChanged")})</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

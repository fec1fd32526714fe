import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import type { SavedCard } from "../api/get-my-cards";
import type { PayFlow, PayFlowSnapshot } from "../lib/pay-flow";
import { cardLabel, payErrorMessage } from "../lib/wording";

const NEW_CARD = "new";

export interface CardPaymentFormProps {
  flow: PayFlow;
  snapshot: PayFlowSnapshot;
  /** The amount as the button says it: "€950.00". */
  amount: string;
  /** The tenant's saved cards (portal); none for a payment link, which always takes a new card. */
  savedCards?: readonly SavedCard[];
  /** Offer to keep a new card for next time (portal): unticked unless the payer ticks it. */
  savesCards?: boolean;
}

/**
 * Choosing a card and paying: the saved cards and "a new card" (whose Stripe.js card Element is
 * mounted only when chosen, with "Save this card for next time" in the portal, unticked), one pay
 * button that is disabled while anything runs, the error in words, and "Try again" when the last
 * attempt's outcome is unknown (it resends the same attempt, see PayFlow). An empty or incomplete
 * card form is refused before anything is sent.
 */
export function CardPaymentForm({ flow, snapshot, amount, savedCards = [], savesCards = false }: CardPaymentFormProps) {
  const { t } = useTranslation();
  const cardElementId = useId();
  const container = useRef<HTMLDivElement>(null);
  const [method, setMethod] = useState<string>(() => savedCards[0]?.id ?? NEW_CARD);
  const [saveCard, setSaveCard] = useState(false);
  const errorId = `${cardElementId}-error`;
  // A saved card that was removed meanwhile falls back to the next choice.
  const chosen = method === NEW_CARD || savedCards.some((card) => card.id === method) ? method : (savedCards[0]?.id ?? NEW_CARD);
  const busy = snapshot.status === "busy";
  const newCard = chosen === NEW_CARD;

  // The card Element is loaded the first time "a new card" is chosen, then stays mounted (hidden
  // while a saved card is chosen), so switching back and forth keeps what was typed.
  useEffect(() => {
    if (newCard && container.current !== null && flow.getSnapshot().cardForm === "closed") {
      void flow.openCardForm(container.current);
    }
  }, [flow, newCard]);

  function choose(card: string) {
    setMethod(card);
    flow.cardChanged();
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (newCard) void flow.payWithNewCard(savesCards ? saveCard : undefined);
    else void flow.payWithSavedCard(chosen);
  }

  const canPay = !busy && (!newCard || snapshot.cardForm === "ready");
  const stage = snapshot.stage;

  return (
    <form className="stack pay-form" onSubmit={onSubmit} noValidate aria-busy={busy || undefined}>
      {savedCards.length > 0 && (
        <fieldset className="pay-form__methods" disabled={busy}>
          <legend className="field__label">{t("payments.pay.method")}</legend>
          {savedCards.map((card) => (
            <label key={card.id} className="choice">
              <input type="radio" name="card" value={card.id} checked={chosen === card.id} onChange={() => { choose(card.id); }} />
              <span>{cardLabel(card, t)}</span>
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="card" value={NEW_CARD} checked={newCard} onChange={() => { choose(NEW_CARD); }} />
            <span>{t("payments.pay.newCard")}</span>
          </label>
        </fieldset>
      )}

      {(newCard || snapshot.cardForm !== "closed") && (
        <div className="pay-form__card" hidden={!newCard}>
          <p className="field__label" id={`${cardElementId}-label`}>
            {t("payments.pay.cardDetails")}
          </p>
          <p className="field__hint" id={`${cardElementId}-hint`}>
            {t("payments.pay.cardHint")}
          </p>
          {/* Stripe.js mounts its card field here (an iframe on real Stripe). */}
          <div
            ref={container}
            className="card-element"
            data-card-element=""
            role="group"
            aria-labelledby={`${cardElementId}-label`}
            aria-describedby={snapshot.error?.kind === "card" ? `${cardElementId}-hint ${errorId}` : `${cardElementId}-hint`}
            aria-invalid={snapshot.error?.kind === "card" || undefined}
          />
          {snapshot.cardForm === "loading" && <p aria-busy="true">{t("payments.pay.loadingForm")}</p>}
          {snapshot.cardForm === "failed" && (
            <Button
              variant="secondary"
              onClick={() => {
                if (container.current !== null) void flow.openCardForm(container.current);
              }}
            >
              {t("payments.pay.reloadForm")}
            </Button>
          )}
          {savesCards && (
            <div className="field">
              <label className="choice">
                <input
                  type="checkbox"
                  name="save_card"
                  checked={saveCard}
                  disabled={busy}
                  aria-describedby={`${cardElementId}-save-hint`}
                  onChange={(event) => {
                    setSaveCard(event.target.checked);
                  }}
                />
                <span>{t("payments.pay.saveCard")}</span>
              </label>
              <p className="field__hint" id={`${cardElementId}-save-hint`}>
                {t("payments.pay.saveCardHint")}
              </p>
            </div>
          )}
        </div>
      )}

      {snapshot.error !== null && (
        <Alert>
          <p className="alert__text" id={errorId}>
            {payErrorMessage(snapshot.error, t)}
          </p>
          {snapshot.canRetry && <p className="alert__text">{t("payments.pay.retryHint")}</p>}
        </Alert>
      )}

      <div className="pay-form__actions">
        {snapshot.canRetry ? (
          <Button type="button" busy={busy} busyLabel={stage === null ? undefined : t(`payments.pay.stage.${stage}`)} onClick={() => void flow.retry()}>
            {t("payments.pay.retry")}
          </Button>
        ) : (
          <Button type="submit" disabled={!canPay} busy={busy} busyLabel={stage === null ? undefined : t(`payments.pay.stage.${stage}`)}>
            {t("payments.pay.submit", { amount })}
          </Button>
        )}
      </div>
      {busy && stage !== null && (
        <p className="visually-hidden" role="status">
          {t(`payments.pay.stage.${stage}`)}
        </p>
      )}
    </form>
  );
}

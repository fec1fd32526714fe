import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import type { StripeLoader } from "@/lib/stripe/stripe-js";
import { openCardForm, type OpenCardForm } from "../lib/card-setup";

export interface CardFieldHandle {
  /** Saves the typed card at the gateway; resolves with its payment method id. */
  confirm: () => Promise<string>;
}

/**
 * The Stripe.js card Element, mounted for a SetupIntent when shown and destroyed when hidden;
 * `onReady` hands the parent a way to save the typed card.
 */
export function CardField({ onReady, loadStripe }: { onReady: (handle: CardFieldHandle | null) => void; loadStripe?: StripeLoader | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let form: OpenCardForm | null = null;
    let gone = false;
    const target = container.current;
    if (target === null) return;
    openCardForm(target, loadStripe === undefined ? {} : { loadStripe }).then(
      (opened) => {
        if (gone) {
          opened.close();
          return;
        }
        form = opened;
        setState("ready");
        onReady({ confirm: opened.confirm });
      },
      () => {
        if (!gone) setState("failed");
      },
    );
    return () => {
      gone = true;
      form?.close();
      onReady(null);
    };
  }, [loadStripe, onReady]);

  return (
    <div className="pay-form__card">
      <p className="field__label" id={`${id}-label`}>
        {t("payments.pay.cardDetails")}
      </p>
      <p className="field__hint">{t("payments.pay.cardHint")}</p>
      {/* Stripe.js mounts its card field here (an iframe on real Stripe). */}
      <div ref={container} className="card-element" data-card-element="" role="group" aria-labelledby={`${id}-label`} />
      {state === "loading" && <p aria-busy="true">{t("payments.pay.loadingForm")}</p>}
      {state === "failed" && <Alert>{t("recurring.cardFormFailed")}</Alert>}
    </div>
  );
}

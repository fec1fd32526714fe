import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { useReadOnly } from "@/lib/offline";
import { useMyCards, type SavedCard } from "../api/get-my-cards";
import { useRemoveMyCard } from "../api/remove-my-card";
import { cardLabel } from "../lib/wording";
import { CardPaymentsNotAvailable } from "@/components/CardPaymentsNotAvailable";

/** The tenant's saved cards, each removable after a confirmation. Read-only offline. */
export function SavedCards() {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const cards = useMyCards();
  const remove = useRemoveMyCard();
  const [confirming, setConfirming] = useState<SavedCard | null>(null);
  const [removedOne, setRemovedOne] = useState(false);

  if (cards.isError && problemSlug(cards.error) === "feature-not-enabled") return <CardPaymentsNotAvailable />;
  if (cards.data === undefined) {
    return cards.isError ? <Alert>{describeProblem(cards.error, t).message}</Alert> : <p aria-busy="true">{t("app.loading")}</p>;
  }
  return (
    <div className="stack">
      {readOnly && <Alert tone="info">{t("payments.cards.offline")}</Alert>}
      {removedOne && !remove.isPending && !remove.isError && <Alert tone="info">{t("payments.cards.removed")}</Alert>}
      {remove.isError && <Alert>{describeProblem(remove.error, t).message}</Alert>}
      {cards.data.length === 0 ? (
        <div className="card empty-state">
          <p className="empty-state__title">{t("payments.cards.empty")}</p>
        </div>
      ) : (
        <ul className="card-list">
          {cards.data.map((card) => {
            const label = cardLabel(card, t);
            const asking = confirming?.id === card.id;
            return (
              <li key={card.id} className="card saved-card">
                <p className="saved-card__label">{label}</p>
                {asking ? (
                  <div className="saved-card__confirm" role="group" aria-label={t("payments.cards.removeLabel", { card: label })}>
                    <p>{t("payments.cards.confirm", { card: label })}</p>
                    <div className="button-row">
                      <Button
                        variant="danger"
                        busy={remove.isPending}
                        busyLabel={t("payments.cards.removing")}
                        disabled={readOnly}
                        onClick={() => { remove.mutate(card.id, {
                            onSuccess: () => {
                              setConfirming(null);
                              setRemovedOne(true);
                            },
                          }); }
                        }
                      >
                        {t("payments.cards.confirmYes")}
                      </Button>
                      <Button variant="secondary" disabled={remove.isPending} onClick={() => { setConfirming(null); }}>
                        {t("payments.cards.confirmNo")}
                      </Button>
                    </div>
                  </div>
                ) : (
                  <Button
                    variant="danger"
                    disabled={readOnly}
                    aria-label={t("payments.cards.removeLabel", { card: label })}
                    onClick={() => {
                      remove.reset();
                      setRemovedOne(false);
                      setConfirming(card);
                    }}
                  >
                    {t("payments.cards.remove")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

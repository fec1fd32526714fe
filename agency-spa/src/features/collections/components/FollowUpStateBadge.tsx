import { useTranslation } from "react-i18next";
import type { FollowUp } from "../api/list-follow-ups";
import { followUpState } from "./outcomes";

const TONE = { awaitingReview: "badge--draft", reviewed: "badge--active", documented: "badge--active", sent: "badge--ended" } as const;

export function FollowUpStateBadge({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const state = followUpState(followUp);
  return <span className={`badge ${TONE[state]}`}>{t(`collections.followUp.state.${state}`)}</span>;
}

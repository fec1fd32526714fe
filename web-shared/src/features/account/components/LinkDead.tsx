import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/Alert";
import { describeProblem } from "../../../lib/api/problem";
import { deadLinkReason } from "../lib/dead-link";

/** The page for a reset or confirmation link that is used, expired or unknown, with the way on. */
export function LinkDead({ error, titleId }: { error: unknown; titleId: string }) {
  const { t } = useTranslation();
  const reason = deadLinkReason(error);
  if (reason === undefined) return <Alert>{describeProblem(error, t).message}</Alert>;
  return (
    <>
      <h1 id={titleId}>{t(`account.link.${reason}Title`)}</h1>
      <p>{t(`account.link.${reason}Body`)}</p>
      <p>
        <Link className="button button--primary" to="/forgot-password">
          {t("account.link.askAgain")}
        </Link>
      </p>
    </>
  );
}

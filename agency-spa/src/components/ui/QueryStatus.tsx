import { useTranslation } from "react-i18next";
import { describeProblem } from "@/lib/api/problem";
import { Alert } from "./Alert";
import { Button } from "./Button";

/** "Loading…", announced politely. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner spinner--small" aria-hidden="true" /> {label ?? t("app.loading")}
    </p>
  );
}

/** Why data could not be loaded, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { message } = describeProblem(error, t);
  return (
    <Alert>
      <p className="alert__text">{message}</p>
      {onRetry !== undefined && (
        <Button variant="secondary" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Alert>
  );
}

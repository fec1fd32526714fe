import { useTranslation } from "react-i18next";
import { ApiError, describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";

/** "Loading…", announced politely. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner spinner--small" aria-hidden="true" /> {label ?? t("app.loading")}
    </p>
  );
}

/**
 * Why data could not be loaded, with a way to try again when trying again can help (network and
 * server errors, not 4xx). For one record (`item`), a 404 and a malformed id in the address (422)
 * both mean "not found".
 */
export function LoadError({ error, onRetry, item = false }: { error: unknown; onRetry?: () => void; item?: boolean }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : undefined;
  const clientError = status !== undefined && status < 500;
  const message =
    item && (status === 404 || status === 422)
      ? t("errors.notFound")
      : status === 422
        ? t("errors.badRequest")
        : describeProblem(error, t).message;
  return (
    <Alert>
      <p className="alert__text">{message}</p>
      {onRetry !== undefined && !clientError && (
        <Button variant="secondary" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Alert>
  );
}

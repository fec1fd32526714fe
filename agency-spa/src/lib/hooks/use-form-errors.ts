import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeProblem, type DescribeOptions } from "@doorstep/web-shared/lib/api/problem";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * A form's errors: those found before sending (`setClientErrors`) or, failing that, the API's
 * problem mapped onto the form's fields (nested paths such as `rent.amount` included). After a
 * failed attempt, focus moves to the first invalid field so keyboard and screen-reader users land
 * on what needs fixing; the summary is an alert announced at once.
 */
export function useFormErrors<F extends string>(mutationError: unknown, options: DescribeOptions<F>) {
  const { t } = useTranslation();
  const [clientErrors, setClientErrors] = useState<FieldErrors<F>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const server = mutationError === null || mutationError === undefined ? undefined : describeProblem(mutationError, t, options);
  const fieldErrors: FieldErrors<F> = hasClientErrors ? clientErrors : (server?.fieldErrors ?? {});
  const summary = hasClientErrors ? t("errors.validation") : server?.message;

  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [clientErrors, mutationError]);

  return { formRef, fieldErrors, summary, setClientErrors };
}

/** Errors for required fields left empty (after trimming). */
export function missingFields<F extends string>(
  values: Partial<Record<F, string>>,
  required: readonly F[],
  message: string,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const field of required) {
    if ((values[field] ?? "").trim() === "") errors[field] = message;
  }
  return errors;
}

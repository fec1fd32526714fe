import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeProblem, matchField, type DescribeOptions } from "@doorstep/web-shared/lib/api/problem";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormErrorOptions<F extends string> extends DescribeOptions<F> {
  /**
   * The fields whose errors a change of the input named `name` may fix, where that is not just
   * the field of the same name: an allocation row's input (`allocation-<id>`) fixes the
   * split's error (`allocations`), and so does the amount it is split from.
   */
  fieldsOfInput?: (name: string) => readonly F[];
}

/** Which errors the user has acted on since the attempt that found them. */
interface Cleared {
  clientErrors: object;
  mutationError: unknown;
  fields: ReadonlySet<string>;
}

/**
 * A form's errors: those found before sending (`setClientErrors`) or, failing that, the API's
 * problem mapped onto the form's fields (nested paths such as `rent.amount` included). After a
 * failed attempt, focus moves to the first invalid field so keyboard and screen-reader users land
 * on what needs fixing; the summary is an alert announced at once.
 *
 * An error disappears as soon as the input that caused it changes (an `input` or `change` event
 * from inside the form, matched to a field by the input's `name`, or `clearErrors`): an error
 * next to a value that was since corrected would contradict it. The general summary goes with the
 * last field error it summed up.
 */
export function useFormErrors<F extends string>(mutationError: unknown, options: FormErrorOptions<F>) {
  const { t } = useTranslation();
  const [clientErrors, setClientErrors] = useState<FieldErrors<F>>({});
  const [cleared, setCleared] = useState<Cleared | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  const server = mutationError === null || mutationError === undefined ? undefined : describeProblem(mutationError, t, options);
  const found: FieldErrors<F> = hasClientErrors ? clientErrors : (server?.fieldErrors ?? {});
  const summaryFound = hasClientErrors ? t("errors.validation") : server?.message;

  // Cleared fields belong to one attempt: a new check or a new answer starts afresh.
  const current = cleared !== null && cleared.clientErrors === clientErrors && cleared.mutationError === mutationError ? cleared.fields : null;
  const fieldErrors: FieldErrors<F> =
    current === null ? found : (Object.fromEntries(Object.entries(found).filter(([field]) => !current.has(field))) as FieldErrors<F>);
  const allFixed = Object.keys(found).length > 0 && Object.keys(fieldErrors).length === 0;
  const summary = allFixed && summaryFound === t("errors.validation") ? undefined : summaryFound;

  function clearErrors(...fields: readonly F[]) {
    if (fields.length === 0) return;
    setCleared((previous) => {
      const same = previous !== null && previous.clientErrors === clientErrors && previous.mutationError === mutationError;
      const already = same ? previous.fields : new Set<string>();
      if (fields.every((field) => already.has(field))) return previous;
      return { clientErrors, mutationError, fields: new Set([...already, ...fields]) };
    });
  }

  // The latest values for the listener below, which is attached once.
  const latest = useRef({ clearErrors, options, found });
  useEffect(() => {
    latest.current = { clearErrors, options, found };
  });

  // Attached to the form element itself, again if the form is rendered anew (after loading).
  const listening = useRef<{ form: HTMLFormElement; detach: () => void } | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (listening.current?.form === form) return;
    listening.current?.detach();
    listening.current = null;
    if (form === null) return;
    const onInput = (event: Event) => {
      if (!(event.target instanceof Node) || !form.contains(event.target)) return;
      const name = event.target instanceof Element ? event.target.getAttribute("name") : null;
      if (name === null || name === "") return;
      const { clearErrors: clear, options: currentOptions, found: errors } = latest.current;
      const known = [...new Set<F>([...(currentOptions.fields ?? []), ...(Object.keys(errors) as F[])])];
      const own = matchField(name, known);
      // An input for a whole value fixes the errors of its parts ("rent" -> "rent.amount").
      const parts = known.filter((field) => field.startsWith(`${name}.`));
      const fixed = [...(own === undefined ? [] : [own]), ...parts, ...(currentOptions.fieldsOfInput?.(name) ?? [])];
      // And after the browser's change handling is over (a select's value settles after it).
      queueMicrotask(() => {
        clear(...fixed);
      });
    };
    // On the document, so that React (listening on its root, below) has taken the new value
    // first: a state update before that would make it restore a controlled input's old value.
    const page = form.ownerDocument;
    page.addEventListener("input", onInput);
    page.addEventListener("change", onInput);
    listening.current = {
      form,
      detach: () => {
        page.removeEventListener("input", onInput);
        page.removeEventListener("change", onInput);
      },
    };
  });
  useEffect(
    () => () => {
      listening.current?.detach();
      listening.current = null;
    },
    [],
  );

  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [clientErrors, mutationError]);

  return { formRef, fieldErrors, summary, setClientErrors, clearErrors };
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

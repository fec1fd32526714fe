/**
 * An error next to a value the user has since changed would contradict it: each form drops the
 * errors about an input as soon as that input changes (the agency app's forms do it through
 * `useFormErrors`; the smaller forms here through these two).
 */

/** A refused request was about the values sent: once one of them changes, its errors go. */
export function forgetRefusal(request: { isError: boolean; reset: () => void }): void {
  if (request.isError) request.reset();
}

/** `errors` without those about `fields` (the same object when it has none of them). */
export function withoutErrors<E extends object>(errors: E, ...fields: readonly (keyof E)[]): E {
  if (!fields.some((field) => field in errors)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field as keyof E))) as E;
}

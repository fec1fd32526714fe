/**
 * The one place a field error of the API becomes words: the API's 422 problem names each field
 * with a stable `code` (`email_invalid`, `phone_invalid`, `required`...), and each code has one
 * sentence per language under `fieldErrors.<code>`. The API's own `message` is English, and for
 * validation errors it may be the validator's text, so it is never shown for those.
 */

/** Every code the API's validation errors carry (backend `core.errors`). */
export const FIELD_ERROR_CODES = [
  "required",
  "not_accepted",
  "too_long",
  "too_short",
  "too_small",
  "too_large",
  "whole_number",
  "not_a_number",
  "not_an_option",
  "invalid_characters",
  "email_invalid",
  "phone_invalid",
  "phone_needs_country_code",
  "date_invalid",
  "date_out_of_range",
  "currency_unknown",
  "country_unknown",
  "locale_unknown",
  "timezone_unknown",
  "invalid",
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
export type FieldErrorKey = `fieldErrors.${FieldErrorCode}`;

const KNOWN = new Set<string>(FIELD_ERROR_CODES);

export function isFieldErrorCode(code: string | undefined): code is FieldErrorCode {
  return code !== undefined && KNOWN.has(code);
}

export interface ApiFieldError {
  field: string;
  message: string;
  code?: string | undefined;
}

/**
 * The sentence for one field error in the user's language. A known code is translated. An
 * unknown or absent code is a request validation failure's (`fromValidation`: shown as the
 * generic sentence, never the validator's text) or a business rule's, whose message was written
 * for people and is kept.
 */
export function fieldErrorMessage(error: ApiFieldError, t: (key: FieldErrorKey) => string, fromValidation: boolean): string {
  if (isFieldErrorCode(error.code) && (fromValidation || error.code !== "invalid")) {
    return t(`fieldErrors.${error.code}`);
  }
  return fromValidation ? t("fieldErrors.invalid") : error.message;
}

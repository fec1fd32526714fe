import { describe, expect, it } from "vitest";
import { en } from "../i18n/locales/en";
import { fr } from "../i18n/locales/fr";
import { nl } from "../i18n/locales/nl";
import { i18n } from "../../testing/i18n";
import { FIELD_ERROR_CODES, fieldErrorMessage, isFieldErrorCode } from "./field-errors";
import { ApiError, describeProblem, toProblem } from "./problem";

const LOCALES = { en, fr, nl };

describe("field error codes", () => {
  it.each(Object.entries(LOCALES))("each code has one sentence in %s", (_, messages) => {
    expect(Object.keys(messages.fieldErrors).sort()).toEqual([...FIELD_ERROR_CODES].sort());
    for (const sentence of Object.values(messages.fieldErrors)) {
      expect(sentence).toMatch(/^\p{Lu}.*\.$/u);
    }
  });

  it("words differ between the languages", () => {
    for (const code of FIELD_ERROR_CODES) {
      expect(new Set([en.fieldErrors[code], fr.fieldErrors[code], nl.fieldErrors[code]]).size).toBe(3);
    }
  });

  it("knows its codes", () => {
    expect(isFieldErrorCode("email_invalid")).toBe(true);
    expect(isFieldErrorCode("value_error")).toBe(false);
    expect(isFieldErrorCode(undefined)).toBe(false);
  });
});

describe("fieldErrorMessage", () => {
  const t = (key: string) => `[${key}]`;

  it("translates a known code", () => {
    expect(fieldErrorMessage({ field: "email", message: "raw", code: "email_invalid" }, t, true)).toBe("[fieldErrors.email_invalid]");
  });

  it("hides a validation failure's text behind the generic sentence", () => {
    expect(fieldErrorMessage({ field: "x", message: "Input should be a valid string" }, t, true)).toBe("[fieldErrors.invalid]");
    expect(fieldErrorMessage({ field: "x", message: "Input should be a valid string", code: "string_type" }, t, true)).toBe(
      "[fieldErrors.invalid]",
    );
  });

  it("keeps a business rule's own sentence", () => {
    expect(fieldErrorMessage({ field: "amount", message: "More than is owed.", code: "invalid" }, t, false)).toBe("More than is owed.");
    expect(fieldErrorMessage({ field: "amount", message: "More than is owed." }, t, false)).toBe("More than is owed.");
  });
});

describe("a bad e-mail and a bad phone from the API, in each language", () => {
  const problem = {
    type: "urn:doorstep:problem:validation-error",
    title: "The request is not valid",
    status: 422,
    detail: "email: value is not a valid email address: The part after the @-sign is not valid.",
    errors: [
      { field: "email", message: "value is not a valid email address: The part after the @-sign is not valid.", code: "email_invalid" },
      { field: "phone", message: "This phone number does not exist.", code: "phone_invalid" },
    ],
  };

  it.each([
    ["en", "Enter an email address such as name@example.com.", "This is not a phone number we can call: check the digits."],
    ["fr", "Saisissez une adresse e-mail comme nom@exemple.com.", "Ce numéro de téléphone n'existe pas : vérifiez les chiffres."],
    ["nl", "Vul een e-mailadres in zoals naam@voorbeeld.be.", "Dit telefoonnummer bestaat niet: controleer de cijfers."],
  ])("%s", (language, email, phone) => {
    const t = i18n.getFixedT(language);
    const described = describeProblem(new ApiError(422, toProblem(problem, 422)), t, { fields: ["email", "phone"] });
    expect(described.fieldErrors).toEqual({ email, phone });
    expect(described.message).toBe(t("errors.validation"));
    expect(JSON.stringify(described)).not.toContain("@-sign");
  });
});

import { translationGaps } from "@doorstep/web-shared/testing/translations";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { nl } from "./nl";

// Texts that are rightly the same as in English: names, placeholders only, and "per week",
// which is Dutch too (like "Status" and "Cheque").
const SAME_IN_EVERY_LANGUAGE = ["app.name", "pwa.dismiss", "lease.home", "lease.rentPer.weekly", "payments.invoice.status", "payments.history.method.cheque", "onboarding.steps.document", "recurring.iban", "payments.bank.iban", "payments.bank.bic", "nav.incidents", "incidents.title", "incidents.detail.photos", "incidents.detail.photo", "nav.account", "nav.messages", "messages.title", "messages.form.body", "nav.documents", "documents.title"];

describe("locales", () => {
  it.each([
    ["fr", fr],
    ["nl", nl],
  ])("%s has exactly the English keys, translated", (_, locale) => {
    expect(translationGaps(en, locale, SAME_IN_EVERY_LANGUAGE)).toEqual({ missing: [], extra: [], untranslated: [] });
  });
});

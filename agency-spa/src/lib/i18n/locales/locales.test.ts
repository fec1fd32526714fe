import { translationGaps } from "@doorstep/web-shared/testing/translations";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { nl } from "./nl";
import { screensEn } from "./screens.en";
import { screensFr } from "./screens.fr";
import { screensNl } from "./screens.nl";

// Words that are the same in both languages (checked by hand, not forgotten translations).
const SAME_WORDS = {
  fr: ["app.name", "units.fields.notes", "invoices.credit.fields.date", "transferProofs.detail.fileMeta", "transferProofs.detail.invoiceTotal", "customers.fields.actions", "customers.registered.actions", "customers.invites.amountFor", "customers.tasks.fields.description", "readiness.codes.unit.ok", "readiness.items.email", "readiness.overrides.by", "readiness.status.ok", "invoices.kindForPeriod", "contractors.fields.actions", "contractors.fields.email", "incidents.fields.description", "incidents.fields.title", "incidents.nav", "incidents.none", "incidents.photos", "incidents.title", "messages.nav", "messages.title", "messages.new.body", "documents.title", "documents.fields.actions", "settings.trustAccount.fields.iban", "settings.trustAccount.fields.bic"],
  nl: [
    "app.name",
    "leases.fields.status",
    "leases.rentPer.weekly",
    "payments.method.cheque",
    "transferProofs.filters.status",
    "transferProofs.fields.status",
    "transferProofs.detail.fileMeta",
    "transferProofs.detail.invoiceState",
    "customers.invites.amountFor",
    "readiness.codes.unit.ok",
    "readiness.frequency.weekly",
    "readiness.overrides.by",
    "invoices.kindForPeriod",
    "contractors.fields.email",
    "incidents.none",
    "messages.status.open",
    "messages.fields.status",
    "messages.filters.status",
    "documents.fields.status",
    "incidents.related.openCount_one",
    "incidents.related.openCount_other",
    "settings.trustAccount.fields.iban",
    "settings.trustAccount.fields.bic",
  ],
};

describe("locales", () => {
  it.each([
    ["fr", { ...fr, ...screensFr }, SAME_WORDS.fr],
    ["nl", { ...nl, ...screensNl }, SAME_WORDS.nl],
  ])("%s has exactly the English keys, translated", (_, locale, sameWords) => {
    expect(translationGaps({ ...en, ...screensEn }, locale, sameWords)).toEqual({ missing: [], extra: [], untranslated: [] });
  });

  it("keeps each key in one part: the first render's strings or the screens'", () => {
    // A key in both would be looked up in the first part only (the screens' are the fallback).
    expect(Object.keys(en).filter((key) => key in screensEn)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { staffMe } from "@/testing/fixtures";
import { agencyFormValues, featureChanges, readAgencyForm, readTrustAccountForm, type TrustAccountFormValues } from "./settings-forms";

const saved = agencyFormValues({ ...staffMe().agency, settings: { ...staffMe().agency.settings, contact_email: "help@demo.test" } });

describe("readAgencyForm", () => {
  it("sends only what changed", () => {
    expect(readAgencyForm(saved, { ...saved, name: " New Name ", invoice_lead_days: "20", auto_approve_invoices: true })).toEqual({
      ok: true,
      body: { name: "New Name", settings: { invoice_lead_days: 20, auto_approve_invoices: true } },
    });
    expect(readAgencyForm(saved, { ...saved, contact_phone: "+32 2 123 45 67" })).toEqual({ ok: true, body: { settings: { contact_phone: "+32 2 123 45 67" } } });
  });

  it("sends an emptied help contact as null, which removes it", () => {
    expect(readAgencyForm(saved, { ...saved, contact_email: " " })).toEqual({ ok: true, body: { settings: { contact_email: null } } });
  });

  it("says when nothing changed", () => {
    expect(readAgencyForm(saved, { ...saved })).toEqual({ ok: true, body: null });
  });

  it("refuses an empty name and lead days out of bounds", () => {
    expect(readAgencyForm(saved, { ...saved, name: " ", contact_email: "", invoice_lead_days: "61" })).toEqual({
      ok: false,
      errors: { name: "settings.errors.required", invoice_lead_days: "settings.agency.leadDaysInvalid" },
    });
    expect(readAgencyForm(saved, { ...saved, invoice_lead_days: "0" })).toEqual({ ok: true, body: { settings: { invoice_lead_days: 0 } } });
  });
});

describe("featureChanges", () => {
  it("sends the flipped switches only", () => {
    const features = staffMe().features;
    expect(featureChanges(features, { ...features, payment_links: false })).toEqual({ settings: { features: { payment_links: false } } });
    expect(featureChanges(features, { ...features })).toBeNull();
  });
});

describe("readTrustAccountForm", () => {
  const account: TrustAccountFormValues = { name: "Demo client account", iban: "BE68539007547034", bic: "", account_number: "", receipt_oldest_invoice_first: true };

  it("sends what changed, an emptied bank detail as null", () => {
    expect(readTrustAccountForm(account, { ...account, iban: "", bic: "gkccbebb", receipt_oldest_invoice_first: false })).toEqual({
      ok: true,
      body: { iban: null, bic: "gkccbebb", receipt_oldest_invoice_first: false },
    });
    expect(readTrustAccountForm(account, account)).toEqual({ ok: true, body: null });
  });

  it("keeps the holder's name", () => {
    expect(readTrustAccountForm(account, { ...account, name: "" })).toEqual({ ok: false, errors: { name: "settings.errors.required" } });
  });
});

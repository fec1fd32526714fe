import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, readActiveTerms, readLeaseForm, readTerms, withFrequency, type LeaseFormValues } from "./lease-terms";

const tess = { id: "t1", first_name: "Tess", last_name: "Tenant", email: "tenant@doorstep.example" };
const valid: LeaseFormValues = {
  ...DEFAULT_TERMS,
  propertyId: "p1",
  unitId: "u1",
  tenants: [tess],
  startDate: "2026-12-01",
  rent: "1,234.56",
};

describe("withFrequency", () => {
  it("keeps a due day that exists in both schedules", () => {
    expect(withFrequency({ ...DEFAULT_TERMS, dueDay: 5 }, "weekly")).toMatchObject({ frequency: "weekly", dueDay: 5 });
    expect(withFrequency({ ...DEFAULT_TERMS, frequency: "weekly", dueDay: 7 }, "monthly")).toMatchObject({ dueDay: 7 });
  });

  it("moves a day of the month above 7 to Monday for weekly and fortnightly rent", () => {
    expect(withFrequency({ ...DEFAULT_TERMS, dueDay: 31 }, "weekly")).toMatchObject({ frequency: "weekly", dueDay: 1 });
    expect(withFrequency({ ...DEFAULT_TERMS, dueDay: 15 }, "fortnightly")).toMatchObject({ dueDay: 1 });
  });
});

describe("readLeaseForm", () => {
  it("builds the API body with the rent in exact minor units", () => {
    expect(readLeaseForm(valid, "EUR", "en")).toEqual({
      ok: true,
      body: {
        unit_id: "u1",
        tenant_ids: ["t1"],
        start_date: "2026-12-01",
        rent: { amount: 123456, currency: "EUR" },
        frequency: "monthly",
        due_day: 1,
        holding_over: false,
      },
    });
  });

  it("reads the rent in the user's notation", () => {
    const result = readLeaseForm({ ...valid, rent: "1 234,56" }, "EUR", "fr");
    expect(result.ok && result.body.rent).toEqual({ amount: 123456, currency: "EUR" });
  });

  it("sends the end date and holding over when given", () => {
    const result = readLeaseForm({ ...valid, endDate: "2027-11-30", holdingOver: true }, "EUR", "en");
    expect(result.ok && result.body).toMatchObject({ end_date: "2027-11-30", holding_over: true });
  });

  it("requires a property, a unit and at least one tenant", () => {
    expect(readLeaseForm({ ...valid, propertyId: "", unitId: "", tenants: [] }, "EUR", "en")).toEqual({
      ok: false,
      errors: { property_id: "leases.errors.chooseProperty", tenant_ids: "leases.errors.chooseTenant" },
    });
    expect(readLeaseForm({ ...valid, unitId: "" }, "EUR", "en")).toEqual({
      ok: false,
      errors: { unit_id: "leases.errors.chooseUnit" },
    });
  });

  it("names what is wrong with each term", () => {
    const result = readLeaseForm({ ...valid, startDate: "", rent: "12.345" }, "EUR", "en");
    expect(result).toEqual({
      ok: false,
      errors: { start_date: "form.required", "rent.amount": "money.tooManyDecimals" },
    });
  });

  it.each([
    ["", "money.empty"],
    ["-5", "money.negative"],
    ["abc", "money.invalid"],
    ["0", "leases.errors.rentZero"],
    ["0.00", "leases.errors.rentZero"],
  ])("refuses the rent %j", (rent, error) => {
    const result = readLeaseForm({ ...valid, rent }, "EUR", "en");
    expect(result.ok ? undefined : result.errors["rent.amount"]).toBe(error);
  });

  it("refuses an end before the start", () => {
    const result = readLeaseForm({ ...valid, endDate: "2026-11-30" }, "EUR", "en");
    expect(result.ok ? undefined : result.errors.end_date).toBe("leases.errors.endBeforeStart");
  });

  it("refuses a weekday above 7 for weekly rent (the API's rule)", () => {
    const result = readLeaseForm({ ...valid, frequency: "weekly", dueDay: 9 }, "EUR", "en");
    expect(result.ok ? undefined : result.errors.due_day).toBe("leases.errors.dueDay");
    expect(readLeaseForm({ ...valid, frequency: "weekly", dueDay: 7 }, "EUR", "en").ok).toBe(true);
  });
});

describe("readTerms (editing a draft)", () => {
  it("sends every term, an emptied end date as null", () => {
    expect(readTerms({ ...valid, endDate: "" }, "EUR", "en")).toEqual({
      ok: true,
      terms: {
        start_date: "2026-12-01",
        end_date: null,
        rent: { amount: 123456, currency: "EUR" },
        frequency: "monthly",
        due_day: 1,
        holding_over: false,
      },
    });
  });
});

describe("readActiveTerms (editing an active lease)", () => {
  it("sends only the end date and holding over", () => {
    expect(readActiveTerms({ endDate: "2027-06-30", holdingOver: true }, "2026-12-01")).toEqual({
      ok: true,
      body: { end_date: "2027-06-30", holding_over: true },
    });
    expect(readActiveTerms({ endDate: "", holdingOver: false }, "2026-12-01")).toEqual({
      ok: true,
      body: { end_date: null, holding_over: false },
    });
  });

  it("refuses an end before the locked start", () => {
    expect(readActiveTerms({ endDate: "2026-01-01", holdingOver: false }, "2026-12-01")).toEqual({
      ok: false,
      errors: { end_date: "leases.errors.endBeforeStart" },
    });
  });
});

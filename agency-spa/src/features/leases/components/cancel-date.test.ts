import { describe, expect, it } from "vitest";
import { defaultCancelDate } from "./cancel-date";

const lease = { start_date: "2026-12-01", end_date: null, holding_over: false };

describe("defaultCancelDate", () => {
  it("proposes the agency's today for a running tenancy", () => {
    expect(defaultCancelDate(lease, "2027-03-14")).toBe("2027-03-14");
  });

  it("never proposes a day before the start", () => {
    expect(defaultCancelDate(lease, "2026-11-20")).toBe("2026-12-01");
  });

  it("never proposes a day after the end the tenancy already has", () => {
    expect(defaultCancelDate({ ...lease, end_date: "2027-01-31" }, "2027-02-10")).toBe("2027-01-31");
  });

  it("ignores a passed end date while holding over", () => {
    expect(defaultCancelDate({ ...lease, end_date: "2027-01-31", holding_over: true }, "2027-02-10")).toBe("2027-02-10");
  });
});

import { describe, expect, it } from "vitest";
import { dayBefore, defaultCancelDate, earliestCancelDate, neverStarted } from "./cancel-date";

const lease = { start_date: "2026-12-01", end_date: null, holding_over: false };

describe("defaultCancelDate", () => {
  it("proposes the agency's today for a running tenancy", () => {
    expect(defaultCancelDate(lease, "2027-03-14")).toBe("2027-03-14");
  });

  it("proposes the day before the start for a tenancy not begun: it never begins", () => {
    expect(defaultCancelDate(lease, "2026-11-20")).toBe("2026-11-30");
  });

  it("proposes its first day on the day it starts", () => {
    expect(defaultCancelDate(lease, "2026-12-01")).toBe("2026-12-01");
  });

  it("never proposes a day after the end the tenancy already has", () => {
    expect(defaultCancelDate({ ...lease, end_date: "2027-01-31" }, "2027-02-10")).toBe("2027-01-31");
  });

  it("ignores a passed end date while holding over", () => {
    expect(defaultCancelDate({ ...lease, end_date: "2027-01-31", holding_over: true }, "2027-02-10")).toBe("2027-02-10");
  });
});

describe("dayBefore", () => {
  it("crosses months, years and leap days", () => {
    expect(dayBefore("2027-03-01")).toBe("2027-02-28");
    expect(dayBefore("2028-03-01")).toBe("2028-02-29");
    expect(dayBefore("2027-01-01")).toBe("2026-12-31");
  });
});

describe("earliestCancelDate and neverStarted", () => {
  it("takes the day before the start as the earliest last day", () => {
    expect(earliestCancelDate(lease)).toBe("2026-11-30");
  });

  it("tells a term of no days from one of a single day", () => {
    expect(neverStarted({ start_date: "2026-12-01", end_date: "2026-11-30" })).toBe(true);
    expect(neverStarted({ start_date: "2026-12-01", end_date: "2026-12-01" })).toBe(false);
    expect(neverStarted(lease)).toBe(false);
  });
});

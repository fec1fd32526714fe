import { describe, expect, it } from "vitest";
import { addDays, daysBetween, todayIn } from "@doorstep/web-shared/lib/format/date";
import {
  ageingBucket,
  isIsoDate,
  monthOf,
  oldestBucket,
  periodFromSearch,
  periodProblem,
  presetOf,
  presetPeriod,
} from "./period";

describe("periods", () => {
  it("knows the calendar month of a day, and the months around it, across years and leap days", () => {
    expect(monthOf("2026-12-02")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(monthOf("2026-12-02", -1)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthOf("2026-12-31", 1)).toEqual({ from: "2027-01-01", to: "2027-01-31" });
    expect(monthOf("2028-03-15", -1)).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthOf("2027-01-10", -1)).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("turns each preset into dates, and recognises a period as its preset", () => {
    const today = "2026-12-02";
    expect(presetPeriod("thisMonth", today)).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetPeriod("lastMonth", today)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetPeriod("last3Months", today)).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(presetPeriod("yearToDate", today)).toEqual({ from: "2026-01-01", to: "2026-12-02" });
    expect(presetPeriod("lastYear", today)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(presetOf({ from: "2026-11-01", to: "2026-11-30" }, today)).toBe("lastMonth");
    expect(presetOf({ from: "2026-11-02", to: "2026-11-30" }, today)).toBeUndefined();
  });

  it("refuses what the API would refuse, before asking it", () => {
    expect(periodProblem({ from: "2026-12-01", to: "2026-12-31" })).toBeUndefined();
    expect(periodProblem({ from: "2026-02-30", to: "2026-03-31" })).toBe("fromInvalid");
    expect(periodProblem({ from: "2026-12-01", to: "" })).toBe("toInvalid");
    expect(periodProblem({ from: "2026-12-02", to: "2026-12-01" })).toBe("endsBeforeStart");
    expect(periodProblem({ from: "2026-12-01", to: "2026-12-01" })).toBeUndefined(); // one day
    expect(periodProblem({ from: "2025-01-01", to: addDays("2025-01-01", 799) })).toBeUndefined(); // 800 days
    expect(periodProblem({ from: "2025-01-01", to: addDays("2025-01-01", 800) })).toBe("tooLong");
  });

  it("falls back to this month when the address holds no valid period", () => {
    expect(periodFromSearch("2026-10-01", "2026-10-31", "2026-12-02")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(periodFromSearch("junk", "", "2026-12-02")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(periodFromSearch("2026-10-31", "2026-10-01", "2026-12-02")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("counts days between calendar dates, whatever the clocks do", () => {
    expect(daysBetween("2026-11-01", "2026-12-02")).toBe(31);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // over the spring clock change
    expect(daysBetween("2026-12-02", "2026-12-01")).toBe(-1);
    expect(isIsoDate("2026-13-01")).toBe(false);
  });

  it("takes today in the agency's time zone, not the browser's", () => {
    const lateEvening = new Date("2026-11-30T23:30:00Z");
    expect(todayIn("Europe/Brussels", lateEvening)).toBe("2026-12-01");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-11-30");
  });
});

describe("ageing buckets", () => {
  it.each([
    [0, undefined],
    [-3, undefined],
    [1, "days_1_30"],
    [30, "days_1_30"],
    [31, "days_31_60"],
    [60, "days_31_60"],
    [61, "days_61_90"],
    [90, "days_61_90"],
    [91, "over_90"],
    [400, "over_90"],
  ])("%i days past due is in %s", (days, bucket) => {
    expect(ageingBucket(days)).toBe(bucket);
  });

  it("names the oldest bucket a lease owes in", () => {
    expect(oldestBucket({ days_1_30: 100, days_31_60: 0, days_61_90: 5, over_90: 0 })).toBe("days_61_90");
    expect(oldestBucket({ days_1_30: 100, days_31_60: 0, days_61_90: 0, over_90: 0 })).toBe("days_1_30");
    expect(oldestBucket({ days_1_30: 0, days_31_60: 0, days_61_90: 0, over_90: 0 })).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { addDays, todayIn } from "./local-date";

describe("todayIn", () => {
  it("is the agency's date, not the browser's or UTC's", () => {
    const lateEvening = new Date("2026-11-30T23:30:00Z");
    expect(todayIn("UTC", lateEvening)).toBe("2026-11-30");
    expect(todayIn("Europe/Brussels", lateEvening)).toBe("2026-12-01");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-11-30");
  });
});

describe("addDays", () => {
  it("moves across months and years on the calendar", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
});

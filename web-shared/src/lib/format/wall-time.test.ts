import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readWallTime, wallTimeOf } from "./wall-time";

const BRUSSELS = "Europe/Brussels";

// The browser runs in New York, as a travelling manager's laptop does: nothing may depend on it.
beforeAll(() => {
  vi.stubEnv("TZ", "America/New_York");
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("readWallTime", () => {
  it("reads a typed time on the agency's clock, not the browser's", () => {
    expect(new Date("2026-11-25T14:00").toISOString()).toBe("2026-11-25T19:00:00.000Z"); // the browser's reading
    expect(readWallTime("2026-11-25T14:00", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-11-25T13:00:00.000Z" });
    expect(readWallTime("2026-07-01T09:30", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-07-01T07:30:00.000Z" });
    expect(readWallTime("2026-07-01T09:30:15", "Asia/Kolkata")).toEqual({ kind: "exact", instant: "2026-07-01T04:00:15.000Z" });
    expect(readWallTime("2026-07-01T09:30", "UTC")).toEqual({ kind: "exact", instant: "2026-07-01T09:30:00.000Z" });
  });

  it("says a time skipped when the clocks go forward (last Sunday of March) is in a gap, and where it lands", () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:00-02:59 never happens in Brussels.
    expect(readWallTime("2026-03-29T01:59", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-03-29T00:59:00.000Z" });
    expect(readWallTime("2026-03-29T02:00", BRUSSELS)).toEqual({ kind: "gap", instant: "2026-03-29T01:00:00.000Z" });
    expect(readWallTime("2026-03-29T02:30", BRUSSELS)).toEqual({ kind: "gap", instant: "2026-03-29T01:30:00.000Z" });
    expect(readWallTime("2026-03-29T03:00", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-03-29T01:00:00.000Z" });
    // The landing instant reads 03:30 summer time on the agency's clock.
    expect(wallTimeOf("2026-03-29T01:30:00.000Z", BRUSSELS)).toBe("2026-03-29T03:30");
  });

  it("takes the first of a time that happens twice when the clocks go back (last Sunday of October)", () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:00-02:59 happens twice in Brussels.
    expect(readWallTime("2026-10-25T01:59", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-10-24T23:59:00.000Z" });
    expect(readWallTime("2026-10-25T02:00", BRUSSELS)).toEqual({ kind: "overlap", instant: "2026-10-25T00:00:00.000Z" });
    expect(readWallTime("2026-10-25T02:30", BRUSSELS)).toEqual({ kind: "overlap", instant: "2026-10-25T00:30:00.000Z" });
    expect(readWallTime("2026-10-25T03:00", BRUSSELS)).toEqual({ kind: "exact", instant: "2026-10-25T02:00:00.000Z" });
  });

  it("refuses what is not a wall time", () => {
    for (const value of ["", "2026-11-25", "2026-02-30T10:00", "2026-11-25T24:00", "2026-11-25T10:60", "tomorrow", "2026-11-25T10:00Z"]) {
      expect(readWallTime(value, BRUSSELS)).toEqual({ kind: "invalid" });
    }
    expect(readWallTime("2026-11-25T10:00", "Not/AZone")).toEqual({ kind: "invalid" });
  });
});

describe("wallTimeOf", () => {
  it("shows an instant as the agency's clock reads it, for a datetime-local input", () => {
    expect(wallTimeOf("2026-11-25T13:00:00Z", BRUSSELS)).toBe("2026-11-25T14:00");
    expect(wallTimeOf("2026-07-01T07:30:00+00:00", BRUSSELS)).toBe("2026-07-01T09:30");
    // Both readings of the October overlap show 02:30; reading it back gives the first.
    expect(wallTimeOf("2026-10-25T00:30:00Z", BRUSSELS)).toBe("2026-10-25T02:30");
    expect(wallTimeOf("2026-10-25T01:30:00Z", BRUSSELS)).toBe("2026-10-25T02:30");
  });

  it("round-trips every exact wall time", () => {
    for (const local of ["2026-01-31T23:45", "2026-03-29T03:00", "2026-10-25T03:15", "2026-12-31T00:00"]) {
      const reading = readWallTime(local, BRUSSELS);
      expect(reading.kind).toBe("exact");
      if (reading.kind !== "invalid") expect(wallTimeOf(reading.instant, BRUSSELS)).toBe(local);
    }
  });

  it("gives nothing for what is not an instant", () => {
    expect(wallTimeOf("not a date", BRUSSELS)).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./date";

describe("formatDate", () => {
  it("keeps calendar dates on their day in every locale", () => {
    expect(formatDate("2026-12-01", "en-GB")).toBe("1 Dec 2026");
    expect(formatDate("2026-12-01", "fr-FR", { dateStyle: "long" })).toBe("1 décembre 2026");
    expect(formatDate("2026-12-01", "nl-NL", { dateStyle: "long" })).toBe("1 december 2026");
  });

  it("shows instants in the requested time zone", () => {
    expect(formatDateTime("2026-12-01T23:30:00Z", "en-GB", "Europe/Brussels")).toBe("2 Dec 2026, 00:30");
    expect(formatDateTime("2026-12-01T23:30:00Z", "en-GB", "UTC")).toBe("1 Dec 2026, 23:30");
  });

  it("refuses garbage", () => {
    expect(() => formatDate("yesterday", "en")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { daysBetween, formattingLocale, localToday } from "./locale";

describe("formattingLocale", () => {
  it("adds the agency's region to the UI language", () => {
    expect(formattingLocale("en", "nl-BE")).toBe("en-BE");
    expect(formattingLocale("fr", "en-BE")).toBe("fr-BE");
  });

  it("keeps the bare language when the agency locale has no usable region", () => {
    expect(formattingLocale("nl", "nl")).toBe("nl");
    expect(formattingLocale("en", undefined)).toBe("en");
    expect(formattingLocale("en", "not a locale")).toBe("en");
  });
});

describe("calendar arithmetic", () => {
  it("formats the device's date without a time zone shift", () => {
    expect(localToday(new Date(2026, 11, 1, 23, 59))).toBe("2026-12-01");
  });

  it("counts whole days, across month ends and DST changes", () => {
    expect(daysBetween("2026-11-23", "2026-12-01")).toBe(8);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-01", "2026-11-30")).toBe(-1);
  });
});

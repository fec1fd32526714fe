import { describe, expect, it } from "vitest";
import { addDays, createDateFormat, daysBetween, formattingLocale, isCalendarDate, todayIn } from "./date";

const brussels = { timeZone: "Europe/Brussels", browserTimeZone: "Europe/Brussels" };

describe("createDateFormat: calendar dates", () => {
  it("uses one style per locale, with the agency's region", () => {
    expect(createDateFormat({ language: "en", agencyLocale: "nl-BE", ...brussels }).date("2026-12-06")).toBe("6 December 2026");
    expect(createDateFormat({ language: "fr", agencyLocale: "nl-BE", ...brussels }).date("2026-12-06")).toBe("6 décembre 2026");
    expect(createDateFormat({ language: "nl", agencyLocale: "nl-BE", ...brussels }).date("2027-01-06")).toBe("6 januari 2027");
  });

  it("keeps a calendar date on its day whatever the zones", () => {
    const far = createDateFormat({ language: "en", agencyLocale: "en-GB", timeZone: "Pacific/Kiritimati", browserTimeZone: "Pacific/Pago_Pago" });
    expect(far.date("2026-12-01")).toBe("1 December 2026");
  });

  it("gives an instant's day on the agency's calendar", () => {
    const dates = createDateFormat({ language: "en", agencyLocale: "nl-BE", ...brussels });
    expect(dates.date("2026-11-30T23:30:00Z")).toBe("1 December 2026");
    const newYork = createDateFormat({ language: "en", agencyLocale: "en-US", timeZone: "America/New_York", browserTimeZone: "Europe/Brussels" });
    expect(newYork.date("2026-11-30T23:30:00Z")).toBe("November 30, 2026");
  });

  it("shows a period as one range", () => {
    const en = createDateFormat({ language: "en", agencyLocale: "nl-BE", ...brussels });
    expect(en.range("2027-01-01", "2027-01-31")).toBe("1–31 January 2027");
    expect(en.range("2026-12-06", "2027-01-05")).toBe("6 December 2026\u2009–\u20095 January 2027");
    expect(createDateFormat({ language: "fr", agencyLocale: "fr-BE", ...brussels }).range("2027-01-01", "2027-01-31")).toBe("1–31 janvier 2027");
    expect(createDateFormat({ language: "nl", agencyLocale: "nl-BE", ...brussels }).range("2027-01-01", "2027-01-31")).toBe("1–31 januari 2027");
  });

  it("names months, weekdays and relative days", () => {
    const fr = createDateFormat({ language: "fr", agencyLocale: "fr-BE", ...brussels });
    expect(fr.month("2026-12-15")).toBe("décembre 2026");
    expect(fr.weekday(1)).toBe("lundi");
    expect(fr.relativeDays(1)).toBe("demain");
    const en = createDateFormat({ language: "en", agencyLocale: "en-BE", ...brussels });
    expect(en.weekday(7)).toBe("Sunday");
    expect(en.relativeDays(3)).toBe("in 3 days");
    expect(en.dayAndMonth("2026-12-06")).toBe("6 Dec");
    expect(() => en.weekday(8)).toThrow(RangeError);
  });

  it("refuses garbage", () => {
    const dates = createDateFormat({ language: "en", ...brussels });
    expect(() => dates.date("yesterday")).toThrow(RangeError);
    expect(() => dates.range("2027-01-01", "soon")).toThrow(RangeError);
  });
});

describe("createDateFormat: instants", () => {
  const instant = "2026-12-06T03:45:00Z";

  it("shows an instant on the agency's clock, without a zone name when the browser shares it", () => {
    expect(createDateFormat({ language: "en", agencyLocale: "nl-BE", ...brussels }).instant(instant)).toBe("6 December 2026, 04:45");
    // Paris keeps Brussels' clock: nothing to point out.
    const paris = createDateFormat({ language: "fr", agencyLocale: "fr-BE", timeZone: "Europe/Brussels", browserTimeZone: "Europe/Paris" });
    expect(paris.instant(instant)).toBe("6 décembre 2026, 04:45");
  });

  it("names the agency's zone when the browser's clock differs", () => {
    const fromNewYork = { timeZone: "Europe/Brussels", browserTimeZone: "America/New_York", agencyLocale: "nl-BE" };
    expect(createDateFormat({ language: "en", ...fromNewYork }).instant(instant)).toBe("6 December 2026, 04:45 (Central European Time)");
    expect(createDateFormat({ language: "fr", ...fromNewYork }).instant(instant)).toBe("6 décembre 2026, 04:45 (heure d’Europe centrale)");
    expect(createDateFormat({ language: "nl", ...fromNewYork }).instant(instant)).toBe("6 december 2026, 04:45 (Midden-Europese tijd)");
  });

  it("refuses garbage", () => {
    expect(() => createDateFormat({ language: "en", ...brussels }).instant("later")).toThrow(RangeError);
  });
});

describe("formattingLocale", () => {
  it("adds the agency's region to the reader's language", () => {
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
  it("tells today on the agency's calendar, not the browser's or UTC's", () => {
    const lateEvening = new Date("2026-11-30T23:30:00Z");
    expect(todayIn("UTC", lateEvening)).toBe("2026-11-30");
    expect(todayIn("Europe/Brussels", lateEvening)).toBe("2026-12-01");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-11-30");
  });

  it("counts whole days, across month ends and clock changes", () => {
    expect(daysBetween("2026-11-23", "2026-12-01")).toBe(8);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-01", "2026-11-30")).toBe(-1);
  });

  it("moves across months and years", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("knows a real calendar date", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("29/02/2028")).toBe(false);
  });
});

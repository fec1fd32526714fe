import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { browserTimeZone, createDateFormat } from "./date";

// Acceptance (issue 11): a browser in another time zone than the agency's shows an instant as the
// agency's clock does, and says so. The process's own zone is moved, as a traveller's laptop is.
const TRAVELLER_ZONE = "America/New_York";
// Node re-reads its zone when TZ changes, as if the laptop had landed in New York.

beforeAll(() => {
  vi.stubEnv("TZ", TRAVELLER_ZONE);
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("a browser in another time zone than the agency's", () => {
  it("runs in the traveller's zone", () => {
    expect(browserTimeZone()).toBe(TRAVELLER_ZONE);
    expect(new Date("2026-12-06T03:45:00Z").getHours()).toBe(22); // 10:45 pm the day before in New York
  });

  it("shows a payment link's expiry on the agency's clock, naming its zone", () => {
    const staff = createDateFormat({ language: "en", agencyLocale: "nl-BE", timeZone: "Europe/Brussels" });
    expect(staff.instant("2026-12-06T03:45:00Z")).toBe("6 December 2026, 04:45 (Central European Time)");
    expect(staff.date("2026-12-06T03:45:00Z")).toBe("6 December 2026");
    expect(staff.today(new Date("2026-11-30T23:30:00Z"))).toBe("2026-12-01");
  });

  it("keeps calendar dates on their day", () => {
    const staff = createDateFormat({ language: "nl", agencyLocale: "nl-BE", timeZone: "Europe/Brussels" });
    expect(staff.date("2027-01-01")).toBe("1 januari 2027");
    expect(staff.range("2027-01-01", "2027-01-31")).toBe("1–31 januari 2027");
  });

  it("says nothing about the zone to a reader on the agency's clock", () => {
    const local = createDateFormat({ language: "en", agencyLocale: "en-US", timeZone: TRAVELLER_ZONE });
    // Intl puts a narrow or plain no-break space before "PM" depending on the ICU version.
    expect(local.instant("2026-12-06T03:45:00Z").replace(/\s/gu, " ")).toBe("December 5, 2026, 10:45 PM");
  });
});

import { describe, expect, it } from "vitest";
import { i18n } from "@/lib/i18n/i18n";
import { endedLease, lease } from "@/testing/fixtures";
import { dueDayInWords, isHoldingOver, rentPerPeriod, upcomingRent, weekdayName } from "./wording";

const en = i18n.getFixedT("en");
const fr = i18n.getFixedT("fr");
const nl = i18n.getFixedT("nl");
// Intl puts narrow/normal no-break spaces in some locales; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("rentPerPeriod", () => {
  it("says the amount and how often, in each language", () => {
    expect(rentPerPeriod(lease(), en, "en")).toBe("€950.00 per month");
    expect(plain(rentPerPeriod(lease({ frequency: "weekly" }), fr, "fr-BE"))).toBe("950,00 € par semaine");
    expect(plain(rentPerPeriod(lease({ frequency: "fortnightly" }), nl, "nl-BE"))).toBe("€ 950,00 per twee weken");
    expect(rentPerPeriod(lease({ frequency: "fortnightly" }), en, "en")).toBe("€950.00 every two weeks");
  });
});

describe("rent reviews", () => {
  const change = { effective_from: "2027-03-01", rent: { amount: 104000, currency: "EUR" } };
  const reviewed = lease({ current_rent: { amount: 99000, currency: "EUR" }, next_rent_review: change });

  it("says the rent in effect, not the one agreed at the start", () => {
    expect(rentPerPeriod(reviewed, en, "en-GB")).toBe("€990.00 per month");
  });

  it("announces a change coming, in each language", () => {
    expect(upcomingRent(reviewed, en, "en-GB")).toBe("From 1 March 2027: €1,040.00 per month");
    expect(plain(upcomingRent(reviewed, fr, "fr-BE") ?? "")).toBe("À partir du 1 mars 2027 : 1 040,00 € par mois");
    expect(plain(upcomingRent(reviewed, nl, "nl-BE") ?? "")).toBe("Vanaf 1 maart 2027: € 1.040,00 per maand");
  });

  it("announces nothing when no change is coming or the lease has ended", () => {
    expect(upcomingRent(lease(), en, "en-GB")).toBeNull();
    expect(upcomingRent(endedLease({ next_rent_review: change }), en, "en-GB")).toBeNull();
  });
});

describe("dueDayInWords", () => {
  const monthly = (day: number) => lease({ frequency: "monthly", due_day: day });

  it.each([
    [1, "On the 1st of each month"],
    [2, "On the 2nd of each month"],
    [3, "On the 3rd of each month"],
    [4, "On the 4th of each month"],
    [11, "On the 11th of each month"],
    [12, "On the 12th of each month"],
    [21, "On the 21st of each month"],
    [22, "On the 22nd of each month"],
    [28, "On the 28th of each month"],
  ])("monthly on day %i: %s", (day, words) => {
    expect(dueDayInWords(monthly(day), en, "en")).toBe(words);
  });

  it("says where days 29 to 31 fall in shorter months", () => {
    expect(dueDayInWords(monthly(31), en, "en")).toBe("On the 31st of each month, or the last day of shorter months");
  });

  it("uses each language's own ordinals", () => {
    expect(dueDayInWords(monthly(1), fr, "fr")).toBe("Le 1er de chaque mois");
    expect(dueDayInWords(monthly(15), fr, "fr")).toBe("Le 15 de chaque mois");
    expect(dueDayInWords(monthly(1), nl, "nl")).toBe("Op de 1e van elke maand");
  });

  it("names the ISO weekday for weekly and fortnightly leases", () => {
    expect(dueDayInWords(lease({ frequency: "weekly", due_day: 1 }), en, "en")).toBe("Every Monday");
    expect(dueDayInWords(lease({ frequency: "weekly", due_day: 7 }), en, "en")).toBe("Every Sunday");
    expect(dueDayInWords(lease({ frequency: "fortnightly", due_day: 5 }), en, "en")).toBe("Every other Friday");
    expect(dueDayInWords(lease({ frequency: "weekly", due_day: 1 }), fr, "fr")).toBe("Chaque lundi");
    expect(dueDayInWords(lease({ frequency: "fortnightly", due_day: 3 }), nl, "nl")).toBe(
      "Om de twee weken op woensdag",
    );
  });
});

describe("weekdayName", () => {
  it("maps ISO weekdays 1-7 to Monday-Sunday", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayName(day, "en"))).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
  });
});

describe("isHoldingOver", () => {
  it("applies to a running lease with an end date only", () => {
    expect(isHoldingOver(lease({ holding_over: true, end_date: "2026-06-30" }))).toBe(true);
    expect(isHoldingOver(lease({ holding_over: true, end_date: null }))).toBe(false);
    expect(isHoldingOver(lease({ holding_over: false, end_date: "2026-06-30" }))).toBe(false);
    expect(isHoldingOver(endedLease({ holding_over: true }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { i18n } from "@/lib/i18n/i18n";
import { describeDueDay, maxDueDay, weekdayName } from "./due-day";

const en = i18n.getFixedT("en");
const fr = i18n.getFixedT("fr");
const nl = i18n.getFixedT("nl");

describe("weekdayName", () => {
  it("numbers weekdays the ISO way: 1 is Monday, 7 is Sunday", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayName(day, "en"))).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    expect(weekdayName(1, "fr")).toBe("lundi");
    expect(weekdayName(7, "nl")).toBe("zondag");
  });

  it.each([0, 8, 1.5])("refuses %s", (day) => {
    expect(() => weekdayName(day, "en")).toThrow(RangeError);
  });
});

describe("maxDueDay", () => {
  it("is a day of the month for monthly rent and a weekday otherwise", () => {
    expect(maxDueDay("monthly")).toBe(31);
    expect(maxDueDay("weekly")).toBe(7);
    expect(maxDueDay("fortnightly")).toBe(7);
  });
});

describe("describeDueDay", () => {
  it.each([
    [1, "On the 1st of each month"],
    [2, "On the 2nd of each month"],
    [3, "On the 3rd of each month"],
    [4, "On the 4th of each month"],
    [11, "On the 11th of each month"],
    [12, "On the 12th of each month"],
    [13, "On the 13th of each month"],
    [21, "On the 21st of each month"],
    [22, "On the 22nd of each month"],
    [23, "On the 23rd of each month"],
    [28, "On the 28th of each month"],
  ])("monthly, day %i in English: %s", (day, words) => {
    expect(describeDueDay("monthly", day, en, "en")).toBe(words);
  });

  it("says that days 29-31 fall on the last day of shorter months", () => {
    expect(describeDueDay("monthly", 29, en, "en")).toBe("On the 29th of each month (the last day in shorter months)");
    expect(describeDueDay("monthly", 31, en, "en")).toBe("On the 31st of each month (the last day in shorter months)");
    expect(describeDueDay("monthly", 30, fr, "fr")).toBe("Le 30 de chaque mois (le dernier jour des mois plus courts)");
  });

  it("uses French and Dutch ordinals", () => {
    expect(describeDueDay("monthly", 1, fr, "fr")).toBe("Le 1er de chaque mois");
    expect(describeDueDay("monthly", 2, fr, "fr")).toBe("Le 2 de chaque mois");
    expect(describeDueDay("monthly", 1, nl, "nl")).toBe("Op de 1e van elke maand");
    expect(describeDueDay("monthly", 15, nl, "nl")).toBe("Op de 15e van elke maand");
  });

  it("names the weekday for weekly and fortnightly rent", () => {
    expect(describeDueDay("weekly", 1, en, "en")).toBe("Every Monday");
    expect(describeDueDay("fortnightly", 5, en, "en")).toBe("Every other Friday");
    expect(describeDueDay("weekly", 3, fr, "fr")).toBe("Chaque mercredi");
    expect(describeDueDay("fortnightly", 7, fr, "fr")).toBe("Un dimanche sur deux");
    expect(describeDueDay("weekly", 2, nl, "nl")).toBe("Elke dinsdag");
    expect(describeDueDay("fortnightly", 6, nl, "nl")).toBe("Om de twee weken op zaterdag");
  });
});

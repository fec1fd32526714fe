import { describe, expect, it } from "vitest";
import { translationGaps } from "../../testing/translations";
import { detectLanguage } from "./detect";
import { en } from "./locales/en";
import { fr } from "./locales/fr";
import { nl } from "./locales/nl";

describe("detectLanguage", () => {
  it.each<[string | null, string[], string]>([
    ["fr", ["nl-BE"], "fr"],
    [null, ["nl-BE", "fr"], "nl"],
    [null, ["de-DE", "fr-CA"], "fr"],
    [null, ["EN-gb"], "en"],
    [null, ["de", "es"], "en"],
    ["xx", [], "en"],
  ])("stored %s, browser %j -> %s", (stored, browser, expected) => {
    expect(detectLanguage(stored, browser)).toBe(expected);
  });
});

describe("shared locales", () => {
  it.each([
    ["fr", fr],
    ["nl", nl],
  ])("%s has exactly the English keys, translated", (_, locale) => {
    expect(translationGaps(en, locale, ["app.name"])).toEqual({ missing: [], extra: [], untranslated: [] });
  });
});

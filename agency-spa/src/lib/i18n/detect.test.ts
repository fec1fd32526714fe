import { describe, expect, it } from "vitest";
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

describe("locales", () => {
  interface Tree {
    [key: string]: string | Tree;
  }
  function flatten(tree: Tree, prefix = ""): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (typeof value === "string") out.set(path, value);
      else for (const [k, v] of flatten(value, path)) out.set(k, v);
    }
    return out;
  }
  const english = flatten(en);

  // Words that are the same in both languages (checked by hand, not forgotten translations).
  const sameWord: Record<string, string[]> = {
    fr: ["app.name", "units.fields.notes"],
    nl: ["app.name", "leases.fields.status", "leases.rentPer.weekly"],
  };

  it.each([
    ["fr", fr],
    ["nl", nl],
  ])("%s has exactly the English keys, translated", (language, locale) => {
    const translated = flatten(locale);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    const untranslated = [...english].filter(
      ([key, text]) => translated.get(key) === text && !(sameWord[language] ?? []).includes(key),
    );
    expect(untranslated).toEqual([]);
  });
});

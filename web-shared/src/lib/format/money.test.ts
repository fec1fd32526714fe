import { describe, expect, it } from "vitest";
import { formatMoney, minorUnitExponent } from "./money";

// Intl puts narrow/normal no-break spaces in some locales; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("minorUnitExponent", () => {
  it.each([
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["BHD", 3],
    ["KWD", 3],
  ])("%s has %i decimals", (currency, exponent) => {
    expect(minorUnitExponent(currency)).toBe(exponent);
  });
});

describe("formatMoney", () => {
  it("formats euro cents", () => {
    expect(formatMoney(123456, "EUR", "en-IE")).toBe("€1,234.56");
    expect(plain(formatMoney(123456, "EUR", "fr-FR"))).toBe("1 234,56 €");
    expect(plain(formatMoney(123456, "EUR", "nl-NL"))).toBe("€ 1.234,56");
  });

  it("uses the currency's own exponent", () => {
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(plain(formatMoney(1234, "BHD", "en-US"))).toBe("BHD 1.234");
    expect(formatMoney(5, "GBP", "en-GB")).toBe("£0.05");
  });

  it("handles zero and negative amounts", () => {
    expect(formatMoney(0, "EUR", "en-IE")).toBe("€0.00");
    expect(formatMoney(-7, "EUR", "en-IE")).toBe("-€0.07");
    expect(formatMoney(-120000, "EUR", "en-IE")).toBe("-€1,200.00");
  });

  it("is exact for amounts beyond float precision", () => {
    expect(formatMoney(9007199254740993n, "EUR", "en-IE")).toBe("€90,071,992,547,409.93");
  });

  it("refuses non-integer minor units", () => {
    expect(() => formatMoney(12.5, "EUR", "en-IE")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { formatMoneyInput, MAX_AMOUNT_MINOR, moneyInputExample, numberSymbols, parseMoney } from "./parse-money";

const ok = (amount: number) => ({ ok: true, amount });
const fail = (error: string) => ({ ok: false, error });

describe("numberSymbols", () => {
  it("reads the marks from Intl, folding spaces", () => {
    expect(numberSymbols("en")).toEqual({ decimal: ".", group: "," });
    expect(numberSymbols("fr")).toEqual({ decimal: ",", group: " " });
    expect(numberSymbols("nl")).toEqual({ decimal: ",", group: "." });
  });

  it("takes the marks amounts of money are shown with, where plain numbers differ (en-BE: 1.234,5 but €1,234.50)", () => {
    expect(new Intl.NumberFormat("en-BE").format(1234.5)).toBe("1.234,5");
    expect(numberSymbols("en-BE")).toEqual({ decimal: ".", group: "," });
    expect(numberSymbols("en-BE", "JPY")).toEqual({ decimal: ".", group: "," });
    expect(parseMoney("1,200.50", "EUR", "en-BE")).toEqual(ok(120050));
    expect(formatMoneyInput(95000, "EUR", "en-BE")).toBe("950.00");
    expect(moneyInputExample("EUR", "en-BE")).toBe("1,200.50");
  });
});

describe("parseMoney", () => {
  it.each([
    ["1200", "en", 120000],
    ["1200", "fr", 120000],
    ["1200", "nl", 120000],
    ["1,200.50", "en", 120050],
    ["1,200", "en", 120000],
    ["1 200,50", "fr", 120050],
    ["1\u202f200,50", "fr", 120050],
    ["1\u00a0200,50", "fr", 120050],
    ["1.200,50", "nl", 120050],
    ["1 200,50", "nl", 120050],
    ["1 200.50", "en", 120050],
    ["1,234,567.89", "en", 123456789],
    ["950", "en", 95000],
    ["950.5", "en", 95050],
    ["950,5", "fr", 95050],
    ["0.29", "en", 29],
    ["0,07", "fr", 7],
    [".5", "en", 50],
    ["0", "en", 0],
    ["  42  ", "en", 4200],
    ["007", "en", 700],
  ])("reads %j in %s as %i minor units of EUR", (input, locale, expected) => {
    expect(parseMoney(input, "EUR", locale)).toEqual(ok(expected));
  });

  it("is exact where float multiplication is not", () => {
    // 1.15 * 100 === 114.99999999999999, 4.35 * 100 === 434.99999999999994, 0.29 * 100 === 28.999999999999996
    expect(parseMoney("1.15", "EUR", "en")).toEqual(ok(115));
    expect(parseMoney("4.35", "EUR", "en")).toEqual(ok(435));
    expect(parseMoney("0,29", "EUR", "fr")).toEqual(ok(29));
    expect(parseMoney("9,999,999,999.99", "EUR", "en")).toEqual(ok(999_999_999_999));
  });

  it("refuses more decimals than the currency has", () => {
    expect(parseMoney("12.3456", "EUR", "en")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("12,3456", "EUR", "fr")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("1,200.505", "EUR", "en")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("1.0011", "GBP", "en")).toEqual(fail("tooManyDecimals"));
    // The locale's own decimal mark is read as one, even before three digits.
    expect(parseMoney("12.345", "EUR", "en")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("12,345", "EUR", "fr")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("1,100", "EUR", "nl")).toEqual(fail("tooManyDecimals"));
    expect(parseMoney("1.001", "GBP", "en")).toEqual(fail("tooManyDecimals"));
  });

  it.each([
    // The other usual notation: both marks, the last one is the decimal mark.
    ["1.100,00", "en", 110000],
    ["1,100.00", "fr", 110000],
    ["1,100.00", "nl", 110000],
    ["1.100,00", "fr", 110000],
    ["1,234,567.89", "fr", 123456789],
    ["1.234.567,89", "en", 123456789],
    // One mark that cannot group (not followed by three digits) is a decimal mark.
    ["950,50", "en", 95050],
    ["1,20", "en", 120],
    ["12.34", "fr", 1234],
    ["12.34", "nl", 1234],
    ["950.5", "nl", 95050],
    // Repeated, a mark groups.
    ["1.200.300", "en", 120030000],
    ["1.200.300", "fr", 120030000],
    ["1,200,300", "nl", 120030000],
  ])("reads the usual notation %j in %s as %i minor units of EUR", (input, locale, expected) => {
    expect(parseMoney(input, "EUR", locale)).toEqual(ok(expected));
  });

  it.each([
    ["1.100", "fr"], // 1.1 to an English reader, 1100 to a Dutch one; French groups with a space
    ["12.345", "fr"],
  ])("refuses %j in %s as ambiguous rather than guessing", (input, locale) => {
    expect(parseMoney(input, "EUR", locale)).toEqual(fail("ambiguous"));
  });

  it("lets the locale settle one mark before three digits where it groups with it", () => {
    expect(parseMoney("1,100", "EUR", "en")).toEqual(ok(110000));
    expect(parseMoney("1.100", "EUR", "nl")).toEqual(ok(110000));
  });

  it("reads a currency's own exponent", () => {
    expect(parseMoney("12.345", "BHD", "en")).toEqual(ok(12345));
    expect(parseMoney("12.3", "BHD", "en")).toEqual(ok(12300));
  });

  it("has no decimals for JPY", () => {
    expect(parseMoney("1200", "JPY", "en")).toEqual(ok(1200));
    expect(parseMoney("1,200", "JPY", "en")).toEqual(ok(1200));
    expect(parseMoney("1 200", "JPY", "fr")).toEqual(ok(1200));
    expect(parseMoney("1200.50", "JPY", "en")).toEqual(fail("noDecimals"));
    expect(parseMoney("1200.0", "JPY", "en")).toEqual(fail("noDecimals"));
  });

  it.each(["-5", "-1,200.50", "\u22125", "(5)", "5-"])("refuses the negative amount %j", (input) => {
    expect(parseMoney(input, "EUR", "en")).toEqual(fail("negative"));
  });

  it.each(["", "   ", "\u00a0"])("says %j is empty", (input) => {
    expect(parseMoney(input, "EUR", "en")).toEqual(fail("empty"));
  });

  it.each([
    ["abc", "en"],
    ["12a", "en"],
    ["€12", "en"],
    ["12 EUR", "en"],
    ["1e3", "en"],
    ["+12", "en"],
    ["1.2.3", "en"],
    ["1,2,3", "fr"],
    ["1.20.300", "nl"], // a repeated mark groups, and then only in threes
    ["1,200.300,5", "en"], // two decimal marks
    ["12.", "en"],
    [".", "en"],
    ["1,200 300", "en"], // two different grouping marks
    ["1.20,50", "en"], // the grouping before the decimal mark must be in threes
    ["1,200,50", "fr"],
    ["1,200 300.5", "en"], // two different grouping marks
  ])("refuses %j in %s", (input, locale) => {
    expect(parseMoney(input, "EUR", locale)).toEqual(fail("invalid"));
  });

  it("reads the Dutch comma as the decimal mark", () => {
    expect(parseMoney("12,34", "EUR", "nl")).toEqual(ok(1234));
    expect(parseMoney("12.345", "EUR", "nl")).toEqual(ok(1234500));
  });

  it("refuses amounts above the API's ceiling without losing precision", () => {
    expect(parseMoney("10000000000", "EUR", "en")).toEqual(ok(MAX_AMOUNT_MINOR));
    expect(parseMoney("10000000000.01", "EUR", "en")).toEqual(fail("tooLarge"));
    expect(parseMoney("99999999999999999999999", "EUR", "en")).toEqual(fail("tooLarge"));
  });
});

describe("formatMoneyInput", () => {
  it("writes minor units back as the user would type them", () => {
    expect(formatMoneyInput(120050, "EUR", "en")).toBe("1200.50");
    expect(formatMoneyInput(120050, "EUR", "fr")).toBe("1200,50");
    expect(formatMoneyInput(5, "EUR", "nl")).toBe("0,05");
    expect(formatMoneyInput(1200, "JPY", "en")).toBe("1200");
  });

  it("round-trips through parseMoney", () => {
    for (const amount of [1, 29, 115, 95000, 120050, 999_999_999_999]) {
      for (const locale of ["en", "fr", "nl"]) {
        expect(parseMoney(formatMoneyInput(amount, "EUR", locale), "EUR", locale)).toEqual(ok(amount));
      }
    }
  });
});

describe("moneyInputExample", () => {
  it("shows the notation the parser expects", () => {
    expect(moneyInputExample("EUR", "en")).toBe("1,200.50");
    expect(moneyInputExample("EUR", "fr")).toBe("1 200,50");
    expect(moneyInputExample("EUR", "nl")).toBe("1.200,50");
    expect(moneyInputExample("JPY", "en")).toBe("1,200");
    for (const locale of ["en", "fr", "nl"]) {
      expect(parseMoney(moneyInputExample("EUR", locale), "EUR", locale)).toEqual(ok(120050));
    }
  });
});

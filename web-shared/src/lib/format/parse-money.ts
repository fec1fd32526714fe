import { minorUnitExponent } from "./money";

// Both apps read amounts typed by people with these rules.

/**
 * Why an amount typed by a user was refused.
 *
 * - empty:            nothing typed
 * - negative:         a minus sign (amounts typed into Doorstep are never negative)
 * - invalid:          not a number in any usual notation (letters, two decimal marks, digits
 *                     grouped wrongly such as "1,2000" or "1.20.3")
 * - ambiguous:        one mark followed by exactly three digits that this locale does not settle:
 *                     "1.100" in French is 1.1 to an English reader and 1100 to a Dutch one
 * - tooManyDecimals:  more decimals than the currency has ("12.3456" for EUR)
 * - noDecimals:       any decimal for a currency without minor units ("1200.50" for JPY)
 * - tooLarge:         more than {@link MAX_AMOUNT_MINOR} minor units
 */
export type ParseMoneyError = "empty" | "negative" | "invalid" | "ambiguous" | "tooManyDecimals" | "noDecimals" | "tooLarge";

export type ParseMoneyResult = { ok: true; amount: number } | { ok: false; error: ParseMoneyError };

/** The API's ceiling for an amount (10^12 minor units), far below Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

const SPACES = /[\s\u00a0\u202f\u2007\u2009]/gu;
const MINUS_SIGNS = /^[-\u2212\u2012\u2013(]|[-\u2212]$/u;

export interface NumberSymbols {
  decimal: string;
  /** The grouping mark, with every kind of space folded to a plain space. */
  group: string;
}

/**
 * The decimal and grouping marks `locale` uses for amounts of money ("en": "." and ","; "fr": ","
 * and a space), read from Intl's currency format, the one formatMoney shows amounts in: people
 * type an amount the way they see amounts. (For a few locales plain numbers differ: "en-BE"
 * writes 1.234,5 but €1,234.50.)
 */
export function numberSymbols(locale: string | readonly string[], currency = "EUR"): NumberSymbols {
  const parts = new Intl.NumberFormat(locale, { style: "currency", currency, useGrouping: true, minimumFractionDigits: 1, maximumFractionDigits: 1 }).formatToParts(1234567.5);
  const decimal = parts.find((part) => part.type === "decimal")?.value ?? ".";
  const group = (parts.find((part) => part.type === "group")?.value ?? ",").replace(SPACES, " ");
  return { decimal, group };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The marks people write amounts with, whatever the screen's language: a point and a comma. */
const WRITTEN_MARKS = [".", ","] as const;

function occurrences(text: string, mark: string): number {
  return text.split(mark).length - 1;
}

type Reading = { decimal: string | null; group: string | null } | { error: ParseMoneyError };

/**
 * Which of "." and "," is the decimal mark in `text`, and which groups thousands.
 * - both appear: the last one is the decimal mark ("1.100,00" and "1,100.00" are both 1100);
 * - one appears several times: it groups ("1.200.300");
 * - one appears once: the locale's decimal mark is a decimal mark; another mark followed by
 *   exactly three digits is the locale's grouping mark where the locale groups with it ("1,100"
 *   in English, "1.100" in Dutch) and otherwise ambiguous ("1.100" in French); followed by any
 *   other count of digits it can only be a decimal mark ("950,50" in English, "12.34" in Dutch).
 */
function readMarks(text: string, symbols: NumberSymbols): Reading {
  const present = WRITTEN_MARKS.filter((mark) => text.includes(mark));
  if (present.length === 0) return { decimal: null, group: null };
  if (present.length === 2) {
    const decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    if (occurrences(text, decimal) > 1) return { error: "invalid" };
    return { decimal, group: decimal === "." ? "," : "." };
  }
  const mark = present[0] ?? ".";
  if (occurrences(text, mark) > 1) return { decimal: null, group: mark };
  // The locale's own decimal mark is one ("12.345" in English has too many decimals for EUR).
  if (mark === symbols.decimal) return { decimal: mark, group: null };
  const threeDigitsFollow = /^\d{3}$/u.test(text.slice(text.indexOf(mark) + 1));
  if (!threeDigitsFollow) return { decimal: mark, group: null };
  if (mark === symbols.group) return { decimal: null, group: mark };
  return { error: "ambiguous" };
}

/**
 * Parses an amount typed in major units into integer minor units of `currency` (120050),
 * exactly: the digits are read as a string and joined, never multiplied as a float (0.29 * 100
 * is 28.999999999999996 in binary floating point).
 *
 * People type amounts the way they are used to, not always the way the screen's language writes
 * them, so every usual notation is read: "1,200.50", "1.200,50", "1 200,50" and "1200.50" are
 * the same amount in English, French and Dutch. Where a notation could mean two amounts the
 * locale decides ("1,200" is 1200 in English, "1.200" is 1200 in Dutch) and, where it does not,
 * the amount is refused as ambiguous rather than silently misread ("1.200" in French). Also:
 * - grouping marks (a point, a comma or any space, one kind per amount) must separate groups of
 *   exactly three digits;
 * - at most as many decimals as the currency has (EUR 2, JPY 0, BHD 3); fewer are padded;
 * - no sign, no currency symbol, no exponent.
 */
export function parseMoney(input: string, currency: string, locale: string | readonly string[]): ParseMoneyResult {
  const text = input.replace(SPACES, " ").trim();
  if (text === "") return { ok: false, error: "empty" };
  if (MINUS_SIGNS.test(text)) return { ok: false, error: "negative" };

  const symbols = numberSymbols(locale, currency);
  const exponent = minorUnitExponent(currency);
  const reading = readMarks(text, symbols);
  if ("error" in reading) return { ok: false, error: reading.error };

  const decimalAt = reading.decimal === null ? -1 : text.indexOf(reading.decimal);
  const whole = decimalAt === -1 ? text : text.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? "" : text.slice(decimalAt + 1);

  // Groups of three after the first, separated by one kind of mark (not mixed).
  const localGroup = WRITTEN_MARKS.some((mark) => mark === symbols.group) ? null : symbols.group;
  const groupMarks = [...new Set([reading.group ?? localGroup ?? " ", " "])].map(escapeRegExp).join("|");
  const grouped = new RegExp(`^\\d{1,3}(?:(${groupMarks})\\d{3})(?:\\1\\d{3})*$`, "u");
  const wholeOk = whole === "" ? fraction !== "" : /^\d+$/u.test(whole) || grouped.test(whole);
  if (!wholeOk) return { ok: false, error: "invalid" };
  if (decimalAt !== -1 && !/^\d+$/u.test(fraction)) return { ok: false, error: "invalid" };
  if (fraction.length > 0 && exponent === 0) return { ok: false, error: "noDecimals" };
  if (fraction.length > exponent) return { ok: false, error: "tooManyDecimals" };

  const digits = `${whole.replace(/\D/gu, "")}${fraction.padEnd(exponent, "0")}`.replace(/^0+(?=\d)/u, "");
  // Compare as strings first so that absurdly long input never reaches a Number.
  if (digits.length > String(MAX_AMOUNT_MINOR).length || BigInt(digits) > BigInt(MAX_AMOUNT_MINOR)) {
    return { ok: false, error: "tooLarge" };
  }
  return { ok: true, amount: Number(digits) };
}

/**
 * The inverse for pre-filling a form: minor units as the user would type them in `locale`,
 * without grouping ("1200,50" in French), so that parseMoney reads it back unchanged.
 */
export function formatMoneyInput(amountMinor: number, currency: string, locale: string | readonly string[]): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`formatMoneyInput: ${amountMinor} is not a non-negative integer amount`);
  }
  const exponent = minorUnitExponent(currency);
  const digits = String(amountMinor).padStart(exponent + 1, "0");
  if (exponent === 0) return digits;
  const { decimal } = numberSymbols(locale, currency);
  return `${digits.slice(0, -exponent)}${decimal}${digits.slice(-exponent)}`;
}

/** An example amount in the locale's notation for a hint ("1,200.50" / "1 200,50" / "1.200,50"). */
export function moneyInputExample(currency: string, locale: string | readonly string[]): string {
  const exponent = minorUnitExponent(currency);
  const { decimal, group } = numberSymbols(locale, currency);
  return exponent === 0 ? `1${group}200` : `1${group}200${decimal}${"5".padEnd(exponent, "0")}`;
}

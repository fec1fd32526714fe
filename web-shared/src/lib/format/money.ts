/**
 * Formats an amount held as integer minor units (cents, pence, fils…) in `currency`.
 *
 * The minor-unit exponent is the currency's own, as Intl knows it (EUR 2, JPY 0, BHD 3), and
 * the decimal value is built as a string, so no binary floating point ever touches the amount.
 */
export function formatMoney(amountMinor: number | bigint, currency: string, locale: string | readonly string[]): string {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`formatMoney: ${amountMinor} is not an integer amount of minor units`);
  }
  const exponent = minorUnitExponent(currency);
  return currencyFormat(locale, currency).format(toDecimalString(BigInt(amountMinor), exponent));
}

/** Digits after the decimal point in `currency` (ISO 4217 minor unit), e.g. EUR 2, JPY 0, BHD 3. */
export function minorUnitExponent(currency: string): number {
  return currencyFormat("en", currency).resolvedOptions().maximumFractionDigits ?? 2;
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An Intl formatter costs far more to build than to use, and never changes: one per locale and
 * currency is kept and reused (a screen shows dozens of amounts while it renders).
 */
function currencyFormat(locale: string | readonly string[], currency: string): Intl.NumberFormat {
  const key = `${JSON.stringify(locale)} ${currency}`;
  let format = currencyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    currencyFormats.set(key, format);
  }
  return format;
}

function toDecimalString(amount: bigint, exponent: number): Intl.StringNumericLiteral {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const unsigned = exponent === 0 ? whole : `${whole}.${fraction}`;
  return `${negative ? "-" : ""}${unsigned}` as Intl.StringNumericLiteral;
}

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
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
  const exponent = minorUnitExponent(currency);
  return formatter.format(toDecimalString(BigInt(amountMinor), exponent));
}

/** Digits after the decimal point in `currency` (ISO 4217 minor unit), e.g. EUR 2, JPY 0, BHD 3. */
export function minorUnitExponent(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function toDecimalString(amount: bigint, exponent: number): Intl.StringNumericLiteral {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const unsigned = exponent === 0 ? whole : `${whole}.${fraction}`;
  return `${negative ? "-" : ""}${unsigned}` as Intl.StringNumericLiteral;
}

/**
 * Countries offered for a property's address: the EEA, the UK, Switzerland and North America.
 * A property already in another country keeps it (see `countryOptions`'s `include`).
 */
const COUNTRY_CODES = [
  "AT", "BE", "BG", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
  "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "US",
] as const;

/** "Belgium" / "Belgique" / "België" for "BE"; the code itself if Intl does not know it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Country codes with their names in `locale`, sorted by name, plus any code in `include`. */
export function countryOptions(locale: string, include: readonly string[] = []): { code: string; name: string }[] {
  const codes = new Set<string>([...COUNTRY_CODES, ...include.filter((code) => /^[A-Z]{2}$/.test(code))]);
  const collator = new Intl.Collator(locale);
  return [...codes]
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

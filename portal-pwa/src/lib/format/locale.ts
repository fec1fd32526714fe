/**
 * The locale to format amounts and dates in: the UI language the tenant chose, with the region
 * of their agency when it has one ("fr" + agency "nl-BE" -> "fr-BE"), so a tenant in Belgium who
 * reads English sees "1 Dec 2026" rather than the US "Dec 1, 2026". Anything unparseable falls
 * back to the bare language.
 */
export function formattingLocale(language: string, agencyLocale?: string | null): string {
  let region: string | undefined;
  try {
    region = agencyLocale ? new Intl.Locale(agencyLocale).region : undefined;
  } catch {
    region = undefined; // not a BCP 47 tag
  }
  if (region === undefined) return language;
  const candidate = `${language}-${region}`;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? language;
  } catch {
    return language;
  }
}

/** Today's date on this device as "YYYY-MM-DD", comparable with the API's calendar dates. */
export function localToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from calendar date `from` to calendar date `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

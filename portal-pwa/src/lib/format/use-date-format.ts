import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { browserTimeZone, createDateFormat, type DateFormat } from "@doorstep/web-shared/lib/format/date";
import { useMe } from "@/lib/auth/me";

/**
 * Dates and instants as this tenant reads them: their language with the agency's region,
 * instants on the agency's clock (the agency app shows them the same way). Until the agency is
 * known, the browser's own zone.
 */
export function useDateFormat(): DateFormat {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const agencyLocale = me?.agency.locale;
  const agencyTimeZone = me?.agency.timezone;
  // The browser's zone is asked for only when the formatter is made: asking costs as much as
  // building an Intl formatter, and every component that shows a date renders with this hook.
  return useMemo(
    () => createDateFormat({ language, agencyLocale, timeZone: agencyTimeZone ?? browserTimeZone() }),
    [language, agencyLocale, agencyTimeZone],
  );
}

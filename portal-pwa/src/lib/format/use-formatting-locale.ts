import { useTranslation } from "react-i18next";
import { useMe } from "@/lib/auth/me";
import { formattingLocale } from "@doorstep/web-shared/lib/format/date";

/** The locale for Intl formatting on screen: UI language + the agency's region (see formattingLocale). */
export function useFormattingLocale(): string {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  return formattingLocale(i18n.resolvedLanguage ?? i18n.language, me?.agency.locale);
}

import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "@doorstep/web-shared/lib/i18n/detect";

/**
 * The locale for Intl (dates, amounts) and for reading typed amounts: the UI language itself, so
 * that what the user reads and what they are asked to type follow the same notation
 * ("1,200.50" in English, "1 200,50" in French, "1.200,50" in Dutch).
 */
export function useLocale(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

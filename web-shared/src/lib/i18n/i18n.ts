import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, detectLanguage, SUPPORTED_LANGUAGES, type Language } from "./detect";

const STORAGE_KEY = "doorstep.language";

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, policies)
  }
}

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = language;
}

/**
 * The app's i18next instance, hooked into react-i18next, with one translation per supported
 * language (the shared strings of ./locales with the app's own merged on top). The language is
 * the one chosen on this device, else the browser's, else English; <html lang> follows it.
 */
export function createI18n(translations: Record<Language, Record<string, unknown>>): I18n {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    resources: Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, { translation: translations[language] }])),
    lng: detectLanguage(readStoredLanguage(), navigator.languages),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: SUPPORTED_LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  syncDocumentLanguage(i18n.language);
  i18n.on("languageChanged", syncDocumentLanguage);
  return i18n;
}

/** Switches the UI language and remembers the choice on this device (not a secret). */
export async function changeLanguage(i18n: I18n, language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; still switch for this visit
  }
  await i18n.changeLanguage(language);
}

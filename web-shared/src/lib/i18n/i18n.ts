import i18next, { type BackendModule, type i18n as I18n, type InitOptions } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, detectLanguage, isLanguage, SUPPORTED_LANGUAGES, type Language } from "./detect";

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

type Translations = Record<Language, Record<string, unknown>>;

/** Each language's translation, loaded (as its own chunk) the first time the language is used. */
export type TranslationLoaders = Record<Language, () => Promise<Record<string, unknown>>>;

function baseOptions(): InitOptions {
  return {
    lng: detectLanguage(readStoredLanguage(), navigator.languages),
    supportedLngs: SUPPORTED_LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  };
}

function followDocumentLanguage(i18n: I18n) {
  syncDocumentLanguage(i18n.language);
  i18n.on("languageChanged", syncDocumentLanguage);
}

/**
 * An i18next instance, hooked into react-i18next, with one translation per supported language
 * (the shared strings of ./locales with the app's own merged on top), all bundled: ready at once.
 * The language is the one chosen on this device, else the browser's, else English; <html lang>
 * follows it.
 */
export function createI18n(translations: Translations): I18n {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    ...baseOptions(),
    resources: Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, { translation: translations[language] }])),
    fallbackLng: DEFAULT_LANGUAGE,
  });
  followDocumentLanguage(i18n);
  return i18n;
}

const DEFERRED_NAMESPACE = "deferred";

export interface LazyI18nOptions {
  /**
   * A second part of each language's translation, kept out of the first render: fetched by
   * `loadDeferred()`, and from then on with every language switched to. Its keys are looked up
   * as the first part's are (its namespace is the fallback), so `t("key")` finds either.
   */
  deferred?: TranslationLoaders;
}

export interface LazyI18n {
  i18n: I18n;
  /** Settles once the starting language's first part is loaded: render after it. */
  ready: Promise<void>;
  /** Loads the deferred part of the current language (once); settles at once without one. */
  loadDeferred: () => Promise<void>;
}

/**
 * Like {@link createI18n}, but each language's translation is fetched only when that language is
 * first used: the device's language at start, another when the user switches to it. `ready`
 * settles once the starting language is loaded; render after it. No fallback language is loaded
 * with it: every translation defines every key (each app's locales test checks that).
 */
export function createLazyI18n(loaders: TranslationLoaders, { deferred }: LazyI18nOptions = {}): LazyI18n {
  const backend: BackendModule = {
    type: "backend",
    init() {
      // nothing to set up: the loaders are given
    },
    read(language, namespace, callback) {
      const part = namespace === DEFERRED_NAMESPACE ? deferred : loaders;
      if (!isLanguage(language) || part === undefined) {
        callback(new Error(`No translation for ${language} (${namespace})`), false);
        return;
      }
      part[language]().then(
        (translation) => {
          callback(null, translation);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)), false);
        },
      );
    },
  };
  const i18n = i18next.createInstance();
  const ready = i18n
    .use(backend)
    .use(initReactI18next)
    .init({
      ...baseOptions(),
      fallbackLng: false,
      load: "currentOnly",
      ...(deferred === undefined ? {} : { fallbackNS: DEFERRED_NAMESPACE }),
    })
    .then(
      () => undefined,
      () => undefined, // a failed load leaves keys showing; the page still renders
    );
  followDocumentLanguage(i18n);
  const loadDeferred = async () => {
    if (deferred === undefined) return;
    await ready;
    await i18n.loadNamespaces(DEFERRED_NAMESPACE);
  };
  return { i18n, ready, loadDeferred };
}

/**
 * The language chosen on this device with a language switcher, if any: not the browser's
 * preference, which nobody chose here.
 */
export function chosenLanguage(): Language | null {
  const stored = readStoredLanguage();
  return isLanguage(stored) ? stored : null;
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

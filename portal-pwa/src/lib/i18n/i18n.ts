import { createLazyI18n } from "@doorstep/web-shared/lib/i18n/i18n";

/**
 * The app's i18next instance: the shared strings with this app's own (./locales) merged on top.
 * Each language is its own chunk, fetched when it is first chosen; render once `i18nReady` settles.
 */
export const { i18n, ready: i18nReady } = createLazyI18n({
  en: async () => (await import("./locales/en")).en,
  fr: async () => (await import("./locales/fr")).fr,
  nl: async () => (await import("./locales/nl")).nl,
});

import { createLazyI18n } from "@doorstep/web-shared/lib/i18n/i18n";

/**
 * The app's i18next instance: the shared strings with this app's own (./locales) merged on top.
 * Each language is fetched when it is first chosen, in two chunks: the login page's and the
 * shell's frame (render once `i18nReady` settles), then the screens' strings, which the signed-in
 * shell and every screen wait for with their own code (`loadScreenStrings`), so the login page
 * does not carry them.
 */
const { i18n, ready, loadDeferred } = createLazyI18n(
  {
    en: async () => (await import("./locales/en")).en,
    fr: async () => (await import("./locales/fr")).fr,
    nl: async () => (await import("./locales/nl")).nl,
  },
  {
    deferred: {
      en: async () => (await import("./locales/screens.en")).screensEn,
      fr: async () => (await import("./locales/screens.fr")).screensFr,
      nl: async () => (await import("./locales/screens.nl")).screensNl,
    },
  },
);

export { i18n, ready as i18nReady, loadDeferred as loadScreenStrings };

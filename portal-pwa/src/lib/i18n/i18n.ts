import { createLazyI18n } from "@doorstep/web-shared/lib/i18n/i18n";

/**
 * The app's i18next instance: the shared strings with this app's own (./locales) merged on top.
 * Each language is fetched when it is first chosen, in two chunks: the shell's and the login
 * page's strings (render once `i18nReady` settles), then the screens' strings, which a screen
 * waits for with its own code (`loadScreenStrings`), so the login page does not carry them.
 */
const { i18n, ready, loadDeferred } = createLazyI18n(
  {
    en: async () => (await import("./locales/shell.en")).shellEn,
    fr: async () => (await import("./locales/shell.fr")).shellFr,
    nl: async () => (await import("./locales/shell.nl")).shellNl,
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

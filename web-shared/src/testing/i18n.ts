// For web-shared's own tests only (package.json does not export it: each app has its instance):
// the shared strings, with stand-ins for the words each app supplies.
import { createI18n } from "../lib/i18n/i18n";
import { en } from "../lib/i18n/locales/en";
import { fr } from "../lib/i18n/locales/fr";
import { nl } from "../lib/i18n/locales/nl";
import type { AppWording, SharedTranslation } from "../lib/i18n/locales/en";

const wording: AppWording = {
  app: { section: "Test app" },
  login: { intro: "Sign in to the test app.", email: "Email address" },
};

const withWording = (shared: SharedTranslation) => ({
  ...shared,
  app: { ...shared.app, ...wording.app },
  login: { ...shared.login, ...wording.login },
});

export const i18n = createI18n({ en: withWording(en), fr: withWording(fr), nl: withWording(nl) });

import { createI18n } from "@doorstep/web-shared/lib/i18n/i18n";
import { en } from "./locales/en";
import { fr } from "./locales/fr";
import { nl } from "./locales/nl";

/** The app's i18next instance: the shared strings with this app's own (./locales) merged on top. */
export const i18n = createI18n({ en, fr, nl });

import "i18next";
import type { en } from "./locales/en";
import type { screensEn } from "./locales/screens.en";

// Typed translation keys: t("nav.properties") is checked against the English resources, the
// first render's and the screens' (one namespace falls back on the other at run time).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en & typeof screensEn };
  }
}

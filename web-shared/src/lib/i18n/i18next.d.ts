import "i18next";
import type { AppWording, en } from "./locales/en";

// Typed translation keys while web-shared is checked on its own: the shared strings plus the
// words every app supplies. Inside an app's build this file is not part of the program: the
// app's own declaration (its merged English) types the same calls, so a missing key fails there.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en & AppWording };
  }
}

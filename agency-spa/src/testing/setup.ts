import "@doorstep/web-shared/testing/setup";
import { SUPPORTED_LANGUAGES } from "@doorstep/web-shared/lib/i18n/detect";
import { i18n, i18nReady, loadScreenStrings } from "@/lib/i18n/i18n";

// The app loads a language when it is chosen, and the screens' strings with the first screen;
// tests render in English (the browser's language here) and read the others' strings directly,
// so all of them are loaded before any test.
await i18nReady;
await loadScreenStrings();
await i18n.loadLanguages([...SUPPORTED_LANGUAGES]);

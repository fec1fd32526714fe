import { screensEn } from "./screens.en";
import { shellEn } from "./shell.en";

/**
 * English: the source of truth for message keys; fr and nl must define every key. The shared
 * strings (login, session, errors…) come from web-shared; this app adds its own on top. The app
 * loads each language in two parts (../i18n.ts): the shell's and the login page's strings before
 * the first render, the screens' with the first screen. This whole is what the keys are typed
 * against and what the locales test compares.
 */
export const en = { ...shellEn, ...screensEn };

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every locale must have: the same keys as English, any strings. */
export type Translation = Messages<typeof en>;
export type ShellTranslation = Messages<typeof shellEn>;
export type ScreensTranslation = Messages<typeof screensEn>;

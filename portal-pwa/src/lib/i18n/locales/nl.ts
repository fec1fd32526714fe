import { screensNl } from "./screens.nl";
import { shellNl } from "./shell.nl";
import type { Translation } from "./en";

export const nl: Translation = { ...shellNl, ...screensNl };

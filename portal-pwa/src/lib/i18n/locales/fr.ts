import { screensFr } from "./screens.fr";
import { shellFr } from "./shell.fr";
import type { Translation } from "./en";

export const fr: Translation = { ...shellFr, ...screensFr };

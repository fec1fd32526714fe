import { afterEach, describe, expect, it, vi } from "vitest";
import { changeLanguage, createLazyI18n } from "./i18n";

function loaders() {
  return {
    en: vi.fn(() => Promise.resolve({ login: { title: "Sign in" } })),
    fr: vi.fn(() => Promise.resolve({ login: { title: "Se connecter" } })),
    nl: vi.fn(() => Promise.resolve({ login: { title: "Aanmelden" } })),
  };
}

describe("createLazyI18n", () => {
  afterEach(() => {
    localStorage.clear();
  });

  it("loads only the starting language, the browser's when none was chosen", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["nl-BE", "fr"]);
    const load = loaders();

    const { i18n, ready } = createLazyI18n(load);
    await ready;

    expect(i18n.language).toBe("nl");
    expect(i18n.t("login.title")).toBe("Aanmelden");
    expect(load.nl).toHaveBeenCalledTimes(1);
    expect(load.en).not.toHaveBeenCalled();
    expect(load.fr).not.toHaveBeenCalled();
    expect(document.documentElement.lang).toBe("nl");
  });

  it("loads another language when it is chosen, once", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB"]);
    const load = loaders();
    const { i18n, ready } = createLazyI18n(load);
    await ready;
    expect(load.fr).not.toHaveBeenCalled();

    await changeLanguage(i18n, "fr");
    await changeLanguage(i18n, "en");
    await changeLanguage(i18n, "fr");

    expect(i18n.t("login.title")).toBe("Se connecter");
    expect(load.fr).toHaveBeenCalledTimes(1);
    expect(load.en).toHaveBeenCalledTimes(1);
    expect(load.nl).not.toHaveBeenCalled();
    expect(document.documentElement.lang).toBe("fr");
  });

  it("starts in the language chosen earlier on this device", async () => {
    localStorage.setItem("doorstep.language", "fr");
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["nl-BE"]);
    const load = loaders();

    const { i18n, ready } = createLazyI18n(load);
    await ready;

    expect(i18n.t("login.title")).toBe("Se connecter");
    expect(load.nl).not.toHaveBeenCalled();
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { changeLanguage, chosenLanguage, createLazyI18n } from "./i18n";

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

  describe("with a deferred part", () => {
    function deferredLoaders() {
      return {
        en: vi.fn(() => Promise.resolve({ account: { security: { title: "Security" } } })),
        fr: vi.fn(() => Promise.resolve({ account: { security: { title: "Sécurité" } } })),
        nl: vi.fn(() => Promise.resolve({ account: { security: { title: "Beveiliging" } } })),
      };
    }

    it("starts without it, and finds its keys like the first part's once loaded", async () => {
      vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB"]);
      const deferred = deferredLoaders();
      const { i18n, ready, loadDeferred } = createLazyI18n(loaders(), { deferred });
      await ready;

      expect(deferred.en).not.toHaveBeenCalled();
      expect(i18n.t("login.title")).toBe("Sign in");
      expect(i18n.t("account.security.title")).toBe("account.security.title");

      await Promise.all([loadDeferred(), loadDeferred()]);

      expect(i18n.t("account.security.title")).toBe("Security");
      expect(i18n.t("login.title")).toBe("Sign in");
      expect(deferred.en).toHaveBeenCalledTimes(1);
    });

    it("comes with a language switched to once it has been loaded", async () => {
      vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB"]);
      const load = loaders();
      const deferred = deferredLoaders();
      const { i18n, ready, loadDeferred } = createLazyI18n(load, { deferred });
      await ready;
      await loadDeferred();

      await changeLanguage(i18n, "nl");

      expect(i18n.t("account.security.title")).toBe("Beveiliging");
      expect(i18n.t("login.title")).toBe("Aanmelden");
      expect(deferred.nl).toHaveBeenCalledTimes(1);
      expect(deferred.fr).not.toHaveBeenCalled();
    });

    it("is fetched by nothing but loadDeferred", async () => {
      vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr"]);
      const deferred = deferredLoaders();
      const { i18n, ready } = createLazyI18n(loaders(), { deferred });
      await ready;

      await changeLanguage(i18n, "nl");

      expect(i18n.t("login.title")).toBe("Aanmelden");
      expect(deferred.fr).not.toHaveBeenCalled();
      expect(deferred.nl).not.toHaveBeenCalled();
    });
  });

  it("has nothing deferred to load when it was given no deferred part", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB"]);
    const load = loaders();
    const { i18n, ready, loadDeferred } = createLazyI18n(load);
    await ready;

    await loadDeferred();

    expect(i18n.t("login.title")).toBe("Sign in");
    expect(load.en).toHaveBeenCalledTimes(1);
  });
});

describe("chosenLanguage", () => {
  afterEach(() => {
    localStorage.clear();
  });

  it("is the language picked on this device, never the browser's guess", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["nl-BE"]);
    const { i18n, ready } = createLazyI18n(loaders());
    await ready;
    expect(i18n.language).toBe("nl");
    expect(chosenLanguage()).toBeNull();

    await changeLanguage(i18n, "fr");
    expect(chosenLanguage()).toBe("fr");

    localStorage.setItem("doorstep.language", "de");
    expect(chosenLanguage()).toBeNull();
  });
});

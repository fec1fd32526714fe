import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { chosenLanguage } from "@doorstep/web-shared/lib/i18n/i18n";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { meQueryOptions, useMe } from "@/lib/auth/me";
import { i18n } from "@/lib/i18n/i18n";
import { tenantProfile } from "@/testing/fixtures";
import { LanguageSetting } from "./LanguageSetting";

afterEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage("en");
});

describe("LanguageSetting", () => {
  it("switches the portal and saves the language on the account, for the agency's e-mails", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "PATCH /api/v1/portal/me": async (request) => {
        bodies.push(await request.json());
        return jsonResponse({ ...tenantProfile(), language: "nl" });
      },
    });
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<LanguageSetting saved={null} agencyName="Demo Lettings" />);
    const select = screen.getByLabelText("Language");
    expect(select).toHaveValue("en");
    expect(select).toHaveAccessibleDescription(/Your e-mails and receipts from Demo Lettings are in the agency's language until you choose one here\./);

    await user.selectOptions(select, "Nederlands");

    expect(await screen.findByText("Opgeslagen: voortaan is Nederlands uw taal.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Taal" })).toBeInTheDocument();
    expect(bodies).toEqual([{ language: "nl" }]);
    expect(queryClient.getQueryData(meQueryOptions().queryKey)?.language).toBe("nl");
    expect(chosenLanguage()).toBe("nl"); // this device's too
  });

  it("says when the language could not be saved, and tries again", async () => {
    let attempts = 0;
    stubApi({
      "PATCH /api/v1/portal/me": () => {
        attempts += 1;
        return attempts === 1
          ? jsonResponse({ type: "urn:doorstep:problem:service-unavailable", title: "Unavailable", status: 503, detail: "Try later", errors: [] }, 503)
          : jsonResponse({ ...tenantProfile(), language: "fr" });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<LanguageSetting saved="en" agencyName="Demo Lettings" />);

    await user.selectOptions(screen.getByLabelText("Language"), "Français");

    expect(await screen.findByText(/Votre langue n'a pas pu être enregistrée\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByText("Enregistré : désormais, votre langue est Français.")).toBeInTheDocument();
    expect(attempts).toBe(2);
  });

  it("offers to keep the language the portal shows when the account has another one", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "PATCH /api/v1/portal/me": async (request) => {
        bodies.push(await request.json());
        return jsonResponse({ ...tenantProfile(), language: "en" });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<LanguageSetting saved={null} agencyName="Demo Lettings" />);

    await user.click(screen.getByRole("button", { name: "Use English for my e-mails and receipts" }));

    expect(await screen.findByText("Saved: from now on English is your language.")).toBeInTheDocument();
    expect(bodies).toEqual([{ language: "en" }]);
  });
});

function Greeting() {
  const me = useMe();
  return <p>{me.data === undefined ? "…" : `${me.data.first_name}: ${i18n.t("profile.title")}`}</p>;
}

describe("useMe", () => {
  it("opens the portal in the language saved on the account, on a device that never chose one", async () => {
    expect(chosenLanguage()).toBeNull();
    stubApi({ "GET /api/v1/portal/me": () => jsonResponse({ ...tenantProfile(), language: "fr" }) });

    const { unmount } = renderWithProviders(<Greeting />);

    await waitFor(() => {
      expect(i18n.language).toBe("fr");
    });
    expect(await screen.findByText("Tess: Profil")).toBeInTheDocument();
    expect(chosenLanguage()).toBe("fr");
    unmount();
  });

  it("does not switch back to the saved language while another one is being saved", async () => {
    let answer: (value: Response) => void = () => undefined;
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse({ ...tenantProfile(), language: "nl" }),
      "PATCH /api/v1/portal/me": () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    function Profile() {
      const me = useMe();
      return me.data === undefined ? null : <LanguageSetting saved={me.data.language} agencyName={me.data.agency.name} />;
    }
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(<Profile />);
    const select = await screen.findByLabelText("Taal");
    await waitFor(() => {
      expect(select).toHaveValue("nl");
    });

    await user.selectOptions(select, "Français");
    expect(i18n.language).toBe("fr");
    answer(jsonResponse({ ...tenantProfile(), language: "fr" }));

    expect(await screen.findByText("Enregistré : désormais, votre langue est Français.")).toBeInTheDocument();
    expect(i18n.language).toBe("fr");
    expect(screen.getByLabelText("Langue")).toHaveValue("fr");
    unmount();
  });

  it("leaves the device's language when the account has none", async () => {
    stubApi({ "GET /api/v1/portal/me": () => jsonResponse(tenantProfile()) });

    renderWithProviders(<Greeting />);

    expect(await screen.findByText("Tess: Profile")).toBeInTheDocument();
    expect(i18n.language).toBe("en");
    expect(chosenLanguage()).toBeNull();
  });
});

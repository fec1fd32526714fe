import { createAgency, createUser } from "../support/doorstep-cli";
import { expect, expectNoSeriousA11yViolations, signInToAgency, switchUser, test, uniqueName } from "../support/fixtures";

/**
 * The agency's settings: an owner fixes the trust account's bank details (the API's refusal of a
 * mistyped IBAN shown next to the field), adds a colleague, and that colleague, a viewer, finds
 * the same settings read-only. A fresh agency of its own, so the demo agency other specs build on
 * keeps its bank details and staff.
 */
test("an owner sets the trust account's IBAN and adds a colleague, who as a viewer only reads", async ({ page }, testInfo) => {
  const suffix = uniqueName("s").slice(2);
  const agencyId = await createAgency({ name: uniqueName("Settings Lettings"), country: "BE", currency: "EUR", locale: "en-GB", timezone: "Europe/Brussels" });
  const owner = { email: `owner-${suffix}@settings.doorstep.example`, password: "settings-owner-pass" };
  await createUser(agencyId, { ...owner, firstName: "Olga", lastName: "Owner", role: "owner" });
  const viewer = { email: `viewer-${suffix}@settings.doorstep.example`, password: "settings-viewer-pass" };
  const heading = page.getByRole("heading", { level: 1 });

  await signInToAgency(page, owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(heading).toHaveText("Agency settings");
  const sections = page.getByRole("navigation", { name: "Settings sections" });

  await test.step("a mistyped IBAN is refused next to the field, the right one is saved", async () => {
    await sections.getByRole("link", { name: "Trust account" }).click();
    const iban = page.getByRole("textbox", { name: "IBAN" });
    await iban.fill("BE68 5390 0754 7035");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(iban).toHaveAttribute("aria-invalid", "true");
    await expect(iban).toHaveAccessibleDescription(/This is not a valid IBAN/u);
    await expectNoSeriousA11yViolations(page, testInfo, "trust account, IBAN refused");

    await iban.fill("BE68 5390 0754 7034");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("textbox", { name: "IBAN" })).toHaveValue("BE68539007547034");
  });

  await test.step("a colleague is added as a viewer", async () => {
    await sections.getByRole("link", { name: "Team" }).click();
    const form = page.getByRole("form", { name: "Add a colleague" });
    await form.getByRole("textbox", { name: "First name" }).fill("Vic");
    await form.getByRole("textbox", { name: "Last name" }).fill("Viewer");
    await form.getByRole("textbox", { name: "E-mail" }).fill(viewer.email);
    await form.getByRole("combobox", { name: "Role" }).selectOption("viewer");
    await form.getByLabel("First password").fill(viewer.password);
    await form.getByRole("button", { name: "Add the colleague" }).click();
    await expect(form.getByText(/Vic Viewer was added/u)).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Vic Viewer" }) });
    await expect(row).toContainText(viewer.email);
    await expect(row.getByRole("combobox", { name: "Role of Vic Viewer" })).toHaveValue("viewer");
    await expectNoSeriousA11yViolations(page, testInfo, "team, colleague added");
  });

  await test.step("the viewer reads the settings and can change none of them", async () => {
    await switchUser(page, viewer);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("textbox", { name: "Agency name" })).toBeDisabled();
    await expect(page.getByText("Only the agency's owner can change these settings.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

    await sections.getByRole("link", { name: "Trust account" }).click();
    await expect(page.getByRole("textbox", { name: "IBAN" })).toHaveValue("BE68539007547034");
    await expect(page.getByRole("textbox", { name: "IBAN" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

    await sections.getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("rowheader", { name: "Olga Owner" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add a colleague" })).toHaveCount(0);
  });
});

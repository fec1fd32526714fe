import { expect, signInToAgency, signInToPortal, STAFF, TENANT, test, uniqueName } from "../support/fixtures";

/**
 * The main acceptance flow, in order: a manager sets up a property, a unit and a lease
 * for the demo tenant in the agency SPA and activates it; the tenant then finds it in the portal.
 * Names carry a random suffix, so the flow never collides with seed data or an earlier run.
 */
const unitName = "Flat E2E";
const rentTyped = "1,234.56"; // en-GB notation, as the form's hint asks
const rentPattern = /1[,.\s\u00a0\u202f]?234[.,]56/u; // €1,234.56 / 1.234,56 € / … whatever the locale

/** The first day of the current month in the agency's time zone, as a date input takes it. */
function firstOfThisMonth(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  return `${today.slice(0, 8)}01`;
}

test.describe.serial("a lease created by the agency reaches the tenant", () => {
  let propertyName = "";
  test.beforeAll(() => {
    propertyName = uniqueName("E2E House"); // fresh for every run of the pair (--repeat-each too)
  });

  test("a manager creates a property, a unit and a lease for Tess Tenant, and activates it", async ({ page }) => {
    await signInToAgency(page, STAFF.manager);
    const nav = page.getByRole("navigation", { name: "Main" });
    const heading = page.getByRole("heading", { level: 1 });

    await test.step("create a property", async () => {
      await nav.getByRole("link", { name: "Properties" }).click();
      await expect(heading).toHaveText("Properties");
      await page.getByRole("link", { name: "New property" }).click();
      await expect(heading).toHaveText("New property");
      await page.getByRole("textbox", { name: "Name", exact: true }).fill(propertyName);
      await page.getByRole("textbox", { name: "Address line 1" }).fill("Rue de la Loi 16");
      await page.getByRole("textbox", { name: "Postal code" }).fill("1000");
      await page.getByRole("textbox", { name: "City" }).fill("Brussels");
      // The agency's own country is the default.
      await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("BE");
      await page.getByRole("button", { name: "Create property" }).click();
      await expect(heading).toHaveText(propertyName);
      await expect(page.getByText("Property created. Add its units below.")).toBeVisible();
    });

    await test.step("add a unit to it", async () => {
      const addUnit = page.getByRole("region", { name: "Add a unit" });
      await addUnit.getByRole("textbox", { name: "Name", exact: true }).fill(unitName);
      await addUnit.getByRole("spinbutton", { name: "Bedrooms (optional)" }).fill("2");
      await addUnit.getByRole("button", { name: "Add unit" }).click();
      await expect(addUnit.getByRole("status")).toHaveText(`${unitName} added.`);
      await expect(page.getByRole("link", { name: unitName, exact: true })).toBeVisible();
    });

    await test.step("create a monthly lease for Tess Tenant on that unit", async () => {
      await nav.getByRole("link", { name: "Leases" }).click();
      await expect(heading).toHaveText("Leases");
      await page.getByRole("link", { name: "New lease" }).click();
      await expect(heading).toHaveText("New lease");

      await page.getByRole("combobox", { name: "Property", exact: true }).selectOption({ label: propertyName });
      const unit = page.getByRole("combobox", { name: "Unit", exact: true });
      await expect(unit).toBeEnabled();
      await unit.selectOption({ label: unitName });

      await page.getByRole("searchbox", { name: "Search tenants" }).fill("Tess");
      await page.getByRole("button", { name: `Add ${TENANT.fullName}` }).click();
      await expect(page.getByRole("list", { name: "Tenants on this lease" })).toContainText(TENANT.fullName);

      await page.getByLabel("Start date").fill(firstOfThisMonth());
      await page.getByRole("textbox", { name: "Rent (EUR)" }).fill(rentTyped);
      await page.getByRole("combobox", { name: "Frequency" }).selectOption({ label: "Monthly" });
      await page.getByRole("combobox", { name: "Due day" }).selectOption("1");
      await page.getByRole("button", { name: "Create lease" }).click();

      await expect(heading).toHaveText(`Lease for ${unitName}, ${propertyName}`);
      await expect(page.getByText("Lease created as a draft.", { exact: false })).toBeVisible();
      await expect(page.getByText(/^Status:\s*Draft$/u)).toBeVisible();
      await expect(page.getByText(rentPattern).first()).toBeVisible();
    });

    await test.step("activate it", async () => {
      await page.getByRole("group", { name: "Lease actions" }).getByRole("button", { name: "Activate lease" }).click();
      await expect(page.getByText("The lease is active.")).toBeVisible();
      await expect(page.getByText(/^Status:\s*Active$/u)).toBeVisible();
      await expect(page.getByRole("button", { name: "Activate lease" })).toHaveCount(0);
    });

    await test.step("the lease list shows it as active", async () => {
      await nav.getByRole("link", { name: "Leases" }).click();
      await page.getByRole("searchbox", { name: "Search leases" }).fill(propertyName);
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `${unitName} · ${propertyName}` }) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(TENANT.fullName);
      await expect(row).toContainText("Active");
      await expect(row).toContainText(rentPattern);
    });
  });

  test("the tenant sees the new lease on the portal's home screen", async ({ page }) => {
    await signInToPortal(page);
    const myLeases = page.getByRole("region", { name: "My leases" });
    const card = myLeases.getByRole("article", { name: `${propertyName}, ${unitName}` });
    await expect(card).toBeVisible();
    await expect(card).toContainText("Active");
    await expect(card).toContainText(rentPattern);
    await expect(card).toContainText("per month");

    // Opening it shows the lease itself.
    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(propertyName);
  });
});

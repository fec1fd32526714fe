import { expect, SEEDED_LEASE, signInToAgency, STAFF, TENANT, test } from "../support/fixtures";

/**
 * Role awareness: a viewer reads everything but is offered no way to change anything. Each absence
 * is checked only once the page has shown its data and the signed-in role is known, so an empty
 * page still loading cannot pass for a read-only one.
 */
test("a viewer sees the agency's lists but no create, edit or lease actions", async ({ page }) => {
  await signInToAgency(page, STAFF.viewer);
  const nav = page.getByRole("navigation", { name: "Main" });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(page.getByRole("definition").filter({ hasText: /^Viewer$/u })).toBeVisible();

  await test.step("properties: listed, no “New property”, no editing, no adding units", async () => {
    await nav.getByRole("link", { name: "Properties" }).click();
    await expect(heading).toHaveText("Properties");
    const property = page.getByRole("link", { name: SEEDED_LEASE.property, exact: true });
    await expect(property).toBeVisible();
    await expect(page.getByRole("link", { name: "New property" })).toHaveCount(0);

    await property.click();
    await expect(heading).toHaveText(SEEDED_LEASE.property);
    await expect(page.getByRole("link", { name: SEEDED_LEASE.unit, exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit property" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Add a unit" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add unit" })).toHaveCount(0);
  });

  await test.step("units: listed, no editing, no new lease", async () => {
    await nav.getByRole("link", { name: "Units" }).click();
    await expect(heading).toHaveText("Units");
    const unit = page.getByRole("link", { name: SEEDED_LEASE.unit, exact: true });
    await expect(unit).toBeVisible();
    await unit.click();
    await expect(heading).toContainText(SEEDED_LEASE.unit);
    await expect(page.getByRole("row").filter({ hasText: TENANT.fullName })).not.toHaveCount(0);
    await expect(page.getByRole("button", { name: "Edit unit" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New lease for this unit" })).toHaveCount(0);
  });

  await test.step("tenants: listed, no “New tenant”, no editing", async () => {
    await nav.getByRole("link", { name: "Tenants" }).click();
    await expect(heading).toHaveText("Tenants");
    const tenant = page.getByRole("link", { name: TENANT.fullName });
    await expect(tenant).toBeVisible();
    await expect(page.getByRole("link", { name: "New tenant" })).toHaveCount(0);
    await tenant.click();
    await expect(page.getByRole("link", { name: TENANT.email })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit tenant" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New lease for this tenant" })).toHaveCount(0);
  });

  await test.step("leases: listed, no “New lease”, no lease actions", async () => {
    await nav.getByRole("link", { name: "Leases" }).click();
    await expect(heading).toHaveText("Leases");
    const lease = page.getByRole("link", { name: `${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}` });
    await expect(lease).toBeVisible();
    await expect(page.getByRole("link", { name: "New lease" })).toHaveCount(0);
    await lease.click();
    await expect(heading).toHaveText(`Lease for ${SEEDED_LEASE.unit}, ${SEEDED_LEASE.property}`);
    await expect(page.getByText(/^Status:\s*Active$/u)).toBeVisible();
    await expect(page.getByRole("group", { name: "Lease actions" })).toHaveCount(0);
    for (const action of ["Activate lease", "Edit end date and holding over", "Cancel lease"]) {
      await expect(page.getByRole("button", { name: action })).toHaveCount(0);
    }
    await expect(page.getByRole("button", { name: /^Remove .* from this lease$/u })).toHaveCount(0);
  });

  await test.step("typing a create page's address shows a refusal, not a form", async () => {
    for (const [path, title] of [
      ["/agency/properties/new", "New property"],
      ["/agency/tenants/new", "New tenant"],
      ["/agency/leases/new", "New lease"],
    ] as const) {
      await page.goto(path);
      await expect(heading).toHaveText(title);
      await expect(page.getByRole("alert")).toHaveText("You do not have permission to do this.");
      await expect(page.getByRole("button", { name: /^Create / })).toHaveCount(0);
    }
  });
});

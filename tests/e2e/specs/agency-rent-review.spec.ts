import { addDays, agencyToday, monthBounds, StaffApi } from "../support/collections-api";
import { expect, signInToAgency, signInToPortal, STAFF, TENANT, test, uniqueName } from "../support/fixtures";

/**
 * Seed 003's rent review, from the agency's screen to the tenant's: a manager reviews the rent of
 * Tess Tenant's lease twice in the app (from its start, so in effect today, and from next month,
 * so announced), the lease page shows the rent in effect and the history, a second review for the
 * same date is refused on the date field, and the portal shows the new rent and the change coming.
 * The lease is the spec's own (a fresh property), so the seeded one keeps its rent.
 */
const unitName = "Flat R";
const amount = (whole: string, cents: string) => new RegExp(`${whole[0]}[,.\\s\\u00a0\\u202f]?${whole.slice(1)}[.,]${cents}`, "u");
const inEffect = amount("1050", "00"); // €1,050.00 / 1.050,00 € / …
const announced = amount("1100", "00");
const agreed = amount("1000", "00");

test.describe.serial("a rent review reaches the lease page and the tenant", () => {
  let propertyName = "";
  let leaseId = "";
  const today = agencyToday();
  const startDate = monthBounds(addDays(monthBounds(today).first, -1)).first; // last month's 1st
  const nextMonth = addDays(monthBounds(today).last, 1);

  test.beforeAll(async ({ playwright, baseURL }) => {
    propertyName = uniqueName("Review House");
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    const api = await StaffApi.signIn(request, STAFF.manager);
    const tenants = await api.get<{ items: { id: string; email: string }[] }>("/tenants", { q: TENANT.email });
    const tess = tenants.items.find((item) => item.email === TENANT.email);
    expect(tess, "the demo tenant").toBeDefined();
    const property = await api.post<{ id: string }>("/properties", {
      name: propertyName,
      address_line1: "Rue Haute 10",
      city: "Brussels",
      postal_code: "1000",
      country: "BE",
    });
    const unit = await api.post<{ id: string }>("/units", { property_id: property.id, name: unitName });
    const lease = await api.post<{ id: string }>("/leases", {
      unit_id: unit.id,
      tenant_ids: [tess?.id],
      start_date: startDate,
      rent: { amount: 100_000, currency: "EUR" },
      frequency: "monthly",
      due_day: 1,
    });
    await api.post(`/leases/${lease.id}/activate`);
    leaseId = lease.id;
    await request.dispose();
  });

  test("a manager reviews the rent on the lease page", async ({ page }) => {
    await signInToAgency(page, STAFF.manager);
    await page.goto(`/agency/leases/${leaseId}`);
    const rent = page.getByRole("region", { name: "Rent", exact: true });
    await expect(rent).toContainText("The rent has not been reviewed.");

    const review = async (typed: string, from: string) => {
      await rent.getByRole("button", { name: "Review the rent" }).click();
      await rent.getByRole("textbox", { name: "New rent (EUR)" }).fill(typed);
      await rent.getByLabel("Effective from").fill(from);
      await rent.getByRole("button", { name: "Record the review" }).click();
    };

    await test.step("a review from the lease's start is the rent in effect", async () => {
      await review("1,050.00", startDate);
      await expect(rent.getByRole("status")).toContainText("Rent review recorded");
      await expect(rent.getByRole("definition").first()).toContainText(inEffect);
      await expect(rent).toContainText(agreed); // the rent agreed at the start, kept apart
    });

    await test.step("a review from next month is announced", async () => {
      await review("1,100.00", nextMonth);
      await expect(rent.getByRole("status")).toContainText(announced);
      const history = rent.getByRole("table", { name: "Rent reviews" });
      await expect(history.getByRole("row")).toHaveCount(3);
      await expect(history.getByRole("row").nth(1)).toContainText(inEffect);
      await expect(history.getByRole("row").nth(2)).toContainText(announced);
      await expect(history.getByRole("row").nth(2)).toContainText("Marc Manager"); // who reviewed it
    });

    await test.step("a second review for the same date is refused on the date field", async () => {
      await review("1,200.00", nextMonth);
      const date = rent.getByLabel("Effective from");
      await expect(date).toHaveAttribute("aria-invalid", "true");
      await expect(rent).toContainText("The rent is already reviewed from that date.");
      await rent.getByRole("button", { name: "Discard changes" }).click();
    });

    await test.step("the terms and the leases list show the rent in effect", async () => {
      await expect(page.getByRole("region", { name: "Terms" })).toContainText(inEffect);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leases" }).click();
      await page.getByRole("searchbox", { name: "Search leases" }).fill(propertyName);
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `${unitName} · ${propertyName}` }) });
      await expect(row).toContainText(inEffect);
    });
  });

  test("the tenant sees the rent in effect and the change coming", async ({ page }) => {
    await signInToPortal(page);
    const card = page.getByRole("region", { name: "My leases" }).getByRole("article", { name: `${propertyName}, ${unitName}` });
    await expect(card).toContainText(inEffect);
    await expect(card).toContainText("Rent change");
    await expect(card).toContainText(announced);
    await card.getByRole("link").click();
    const details = page.getByRole("region", { name: "Lease details" });
    await expect(details).toContainText(inEffect);
    await expect(details).toContainText(announced);
  });
});

import { expect, SEEDED_LEASE, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Issue 11, forms: people type what they know the way they know it. A Belgian mobile number as
 * it is said (`0470 12 34 56`) is read with the agency's country, stored in E.164 and shown
 * back as Belgians write it; an amount in the other usual notation (`1.100,00` on an English
 * screen) is the same amount; a field refused by the API is explained in a sentence, never the
 * validator's text. Each tenant created has a unique e-mail; no money is recorded.
 */

const LEASE_LINK = `${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}`;

test("staff type a Belgian mobile number as it is said; a bad e-mail is explained in words", async ({ page }) => {
  const suffix = uniqueName("phone").split(" ")[1] ?? "x";
  await signInToAgency(page, STAFF.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
  await page.getByRole("link", { name: "New tenant" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New tenant" })).toBeVisible();

  await page.getByLabel("First name").fill("Lotte");
  await page.getByLabel("Last name").fill(`Peeters ${suffix}`);
  const email = page.getByLabel("Email address");
  // A browser takes it as an e-mail address; the API refuses it (the part after the @ has no dot).
  await email.fill(`lotte.${suffix}@example`);
  const phone = page.getByLabel("Phone (optional)");
  await phone.fill("0470 12 34 56");
  await page.getByRole("button", { name: "Create tenant" }).click();

  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Enter an email address such as name@example\.com\./u);
  await expect(page.getByText(/@-sign|value is not a valid/u)).toHaveCount(0);

  // Corrected, the error goes at once, before sending again.
  await email.fill(`lotte.${suffix}@example.com`);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Create tenant" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Lotte Peeters ${suffix}` })).toBeVisible();
  const contact = page.getByRole("region", { name: "Contact details" });
  await expect(contact.getByRole("link", { name: "0470 12 34 56" })).toHaveAttribute("href", "tel:+32470123456");

  await page.getByRole("button", { name: "Edit tenant" }).click();
  await expect(page.getByLabel("Phone (optional)")).toHaveValue("0470 12 34 56");
});

test("an amount in the other usual notation is the same amount; too many decimals are refused in a sentence", async ({ page }) => {
  await signInToAgency(page, STAFF.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Leases" }).click();
  await page.getByRole("link", { name: LEASE_LINK }).click();
  await page.getByRole("link", { name: "Record a payment" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a payment");

  // Nothing is recorded: without a bank reference the form refuses before sending, and says
  // only what is wrong.
  const amount = page.getByRole("textbox", { name: "Amount received (EUR)" });
  const record = page.getByRole("button", { name: "Record payment" });
  for (const typed of ["1.100,00", "1,100.00", "1 100,00"]) {
    await amount.fill(typed);
    await record.click();
    await expect(page.getByRole("textbox", { name: "Bank reference" })).toHaveAttribute("aria-invalid", "true");
    await expect(amount, typed).not.toHaveAttribute("aria-invalid", "true");
  }

  await amount.fill("12.3456");
  await record.click();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription(/EUR amounts have at most 2 decimals\./u);

  // Fixed, the refusal does not stay next to the amount.
  await amount.fill("12.34");
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/at most 2 decimals/u)).toHaveCount(0);
});

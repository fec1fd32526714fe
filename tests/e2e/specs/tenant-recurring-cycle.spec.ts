import type { APIRequestContext, Page } from "@playwright/test";
import { addDays, euros, eurosInMail, longDateInMail, StaffApi, type Invoice } from "../support/collections-api";
import { gatewayIntents, tick } from "../support/doorstep-cli";
import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, test } from "../support/fixtures";
import { morning, ownAgency, rentCalendar, setUpRecurringByCard, theMail, mailsTo, type OwnAgency } from "../support/recurring";

/**
 * Seed 003 end to end: a tenant sets recurring payment up in the portal; `doorstep tick --at`
 * (the command operations run, here against the suite's server) walks the days: the rent is
 * invoiced after the set-up day, the reminder e-mail announces the exact amount, and on the due
 * date the card is charged at the local gateway — or, when the amount changed after the
 * reminder, nothing is charged and the tenant pays the new amount through the one-tap link of
 * the "payment unsuccessful" e-mail; when staff cancel the tenancy after the reminder, its last
 * period is prorated to the day they give, nothing is charged, the tenant is told and recurring
 * payment stops.
 *
 * Isolation: a tick at a future instant bills, reminds and charges every lease it is run for.
 * Each describe block below has an agency of its own (support/recurring.ts) and ticks it alone
 * (`--agency`), so the demo agency the other specs share — its seeded lease even has a recurring
 * payment from tenant-recurring.spec.ts — stays where the real clock has it, whatever order the
 * files run in. The worker's own minute ticks (the real "now") find nothing of these leases to do:
 * their rent falls due beyond the invoicing lead time.
 */

const CALENDAR = rentCalendar();
const RENT = 80_000; // €800.00

async function invoiceDueOn(api: StaffApi, agency: OwnAgency, due: string): Promise<Invoice> {
  const { items } = await api.get<{ items: (Invoice & { kind: string })[] }>("/invoices", { lease_id: agency.leaseId });
  const rent = items.filter((invoice) => invoice.kind === "rent" && invoice.due_date === due);
  expect(rent, `one rent invoice due on ${due}`).toHaveLength(1);
  return rent[0] as Invoice;
}

/** The staff API of the spec's own agency, as its owner. */
async function ownerApi(request: APIRequestContext, agency: OwnAgency): Promise<StaffApi> {
  return StaffApi.signIn(request, agency.owner);
}

async function openRecurringPayment(page: Page, agency: OwnAgency): Promise<void> {
  await page.locator('a[href*="/leases/"]').filter({ hasText: agency.property }).first().click();
  await page.getByRole("link", { name: "Recurring payment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recurring payment" })).toBeVisible();
}

async function expectPaidInPortal(page: Page, invoice: Invoice): Promise<void> {
  await page.goto(`/portal/payments/invoices/${invoice.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
  await expect(page.locator(".invoice-detail__subtitle").getByText("Paid", { exact: true })).toBeVisible();
  await expect(page.locator(".invoice-amounts__value")).toHaveText(euros(0));
}

async function expectPaidInAgencyApp(page: Page, invoice: Invoice, paid: number): Promise<void> {
  await page.goto(`/agency/invoices/${invoice.id}`);
  await expect(page.getByText(/^Status:/u)).toContainText("Paid");
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText(`Paid${euros(paid)}`);
  await expect(summary).toContainText(`Outstanding${euros(0)}`);
}

/** The recurring-payments overview's row of the spec's lease. */
async function overviewRow(page: Page, agency: OwnAgency) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recurring payments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recurring payments" })).toBeVisible();
  return page.getByRole("row").filter({ hasText: `${agency.property}, ${agency.unit}` });
}

test.describe.serial("recurring payment: reminded, then charged on the due date", () => {
  // Each `doorstep tick` starts a Python process (a test runs up to three, the set-up three
  // more): room for them on a loaded machine. A cap, not a wait: a test takes 20-80 s.
  test.describe.configure({ timeout: 240_000 });
  let agency: OwnAgency;
  let invoice: Invoice;

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    agency = await ownAgency(request, { label: "Charged", rent: RENT, dueDay: CALENDAR.dueDay });
    await request.dispose();
  });

  test("the tenant sets it up by card", async ({ page }) => {
    await signInToPortal(page, agency.tenant);
    await setUpRecurringByCard(page, agency.property);
    await expect(page.getByRole("region", { name: "Upcoming charges" })).toContainText("No charge is scheduled yet");
  });

  // Each test opens the portal in a new browser context: the portal keeps what it read for
  // offline use and trusts it for 30 s, a tenant's days are longer than that.
  test("the rent invoiced after the set-up day is scheduled to be charged", async ({ page, request }) => {
    // Rent is invoiced 14 days ahead, after the set-up day: recurring payment will pay it.
    const report = await tick(morning(CALENDAR.invoiceDay), agency.id);
    expect(report.concerns["billing.generate_rent_invoices"]).toBe(1);
    invoice = await invoiceDueOn(await ownerApi(request, agency), agency, CALENDAR.due);
    expect(invoice.state).toBe("open");
    expect(invoice.outstanding).toBe(RENT);

    await signInToPortal(page, agency.tenant);
    await openRecurringPayment(page, agency);
    const upcoming = page.getByRole("region", { name: "Upcoming charges" });
    await expect(upcoming).toContainText(`${euros(RENT)} expected`);
    await expect(upcoming).toContainText("(scheduled)");
    expect(await mailsTo(request, agency.tenant.email, /We will take/u)).toHaveLength(0);
  });

  test("three days before the due date, the reminder e-mail announces the exact amount", async ({ page, request }) => {
    await tick(morning(CALENDAR.reminderDay), agency.id);
    const reminder = await theMail(request, agency.tenant.email, /^We will take /u);
    expect(reminder.subject).toBe(`We will take ${eurosInMail(RENT)} on ${longDateInMail(CALENDAR.due)} (${agency.name})`);
    expect(reminder.text).toContain(`we will take ${eurosInMail(RENT)} from your card`);
    expect(reminder.text).toContain(`for invoice no. ${invoice.number} (${agency.property}, ${agency.unit})`);
    expect(reminder.text).not.toContain("Please note: this is not the"); // the amount agreed at set-up
    // Nothing is charged before the due date.
    expect(await gatewayIntents(invoice.id)).toEqual([]);

    await signInToPortal(page, agency.tenant);
    await openRecurringPayment(page, agency);
    await expect(page.getByRole("region", { name: "Upcoming charges" })).toContainText("(reminder sent)");
    await expect(page.getByRole("region", { name: "Reminders" })).toContainText(`Charge announced — ${euros(RENT)}`);

    // The invoice says it will be taken, and paying it by hand is warned about (seed 003: the
    // charge would then skip it; a transfer not recorded in time is paid twice).
    await page.goto(`/portal/payments/invoices/${invoice.id}`);
    await expect(page.getByTestId("scheduled-charge")).toContainText("Will be taken from your card ending 4242 on");
    await expect(page.getByRole("region", { name: "Pay now" })).toContainText("This invoice is scheduled to be paid automatically on");
  });

  test("on the due date the card is charged: the portal and the agency app show the invoice paid", async ({ page }, testInfo) => {
    const report = await tick(morning(CALENDAR.due), agency.id);
    expect(report.concerns["recurring.charge"]).toBe(1);
    const intents = await gatewayIntents(invoice.id);
    expect(intents.map(({ amount, status }) => ({ amount, status }))).toEqual([{ amount: RENT, status: "succeeded" }]);

    await test.step("the portal: the invoice is paid, and the charge is in the past ones", async () => {
      await signInToPortal(page, agency.tenant);
      await expectPaidInPortal(page, invoice);
      await page.goto("/portal/");
      await openRecurringPayment(page, agency);
      await expect(page.getByRole("region", { name: "Past charges" })).toContainText(`${euros(RENT)} — paid`);
      await expect(page.getByRole("region", { name: "Recurring payment is on" })).toBeVisible();
    });

    await test.step("the agency app: the invoice is paid, the overview's last result succeeded", async () => {
      await signInToAgency(page, agency.owner);
      await expectPaidInAgencyApp(page, invoice, RENT);
      const row = await overviewRow(page, agency);
      await expect(row).toContainText("Active");
      await expect(row.getByRole("cell").nth(4)).toContainText(euros(RENT));
      await expect(row.getByRole("cell").nth(4)).toContainText("Paid");
      await expectNoSeriousA11yViolations(page, testInfo, "recurring payments overview after a charge");
    });

    // A second tick of the same instant charges nothing more.
    expect((await tick(morning(CALENDAR.due), agency.id)).concerns["recurring.charge"] ?? 0).toBe(0);
    expect(await gatewayIntents(invoice.id)).toHaveLength(1);
  });
});

test.describe.serial("recurring payment: the amount changed after the reminder", () => {
  test.describe.configure({ timeout: 240_000 });
  const CREDIT = 10_000; // €100.00
  const NOW_DUE = RENT - CREDIT;
  let agency: OwnAgency;
  let invoice: Invoice;

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    agency = await ownAgency(request, { label: "Credited", rent: RENT, dueDay: CALENDAR.dueDay });
    await request.dispose();
  });

  test("set up, invoiced after the set-up day and reminded of the full rent", async ({ page, request }) => {
    await signInToPortal(page, agency.tenant);
    await setUpRecurringByCard(page, agency.property);
    await tick(morning(CALENDAR.invoiceDay), agency.id);
    await tick(morning(CALENDAR.reminderDay), agency.id);
    invoice = await invoiceDueOn(await ownerApi(request, agency), agency, CALENDAR.due);
    const reminder = await theMail(request, agency.tenant.email, /^We will take /u);
    expect(reminder.subject).toContain(eurosInMail(RENT));
  });

  test("staff credit the invoice after the reminder: the due date charges nothing and the tenant is told", async ({ page, request }) => {
    await test.step("an owner issues a credit note of €100.00 in the agency app", async () => {
      await signInToAgency(page, agency.owner);
      await page.goto(`/agency/invoices/${invoice.id}`);
      await page.getByRole("button", { name: "Credit note or write-off" }).click();
      const panel = page.getByRole("region", { name: /^Credit note or write-off on Invoice \d+$/u });
      await panel.getByRole("textbox", { name: "Amount (EUR)" }).fill("100");
      await panel.getByRole("textbox", { name: "Reason" }).fill("Heating out for three days");
      await panel.getByRole("button", { name: "Issue credit note" }).click();
      await expect(page.getByText(/^Credit note \d+ of €100\.00 applied/u)).toBeVisible();
      await expect(page.getByRole("region", { name: "Summary" })).toContainText(`Outstanding${euros(NOW_DUE)}`);
    });

    const report = await tick(morning(CALENDAR.due), agency.id);
    expect(report.concerns["recurring.charge"]).toBe(1); // decided: no charge
    expect(await gatewayIntents(invoice.id)).toEqual([]);

    const failed = await theMail(request, agency.tenant.email, /did not go through/u);
    expect(failed.subject).toBe(`Your payment of invoice no. ${invoice.number} did not go through (${agency.name})`);
    expect(failed.text).toContain(`invoice no. ${invoice.number} now asks for ${eurosInMail(NOW_DUE)}, not the ${eurosInMail(RENT)} we told you we would take.`);
    expect(failed.text).toContain(`Please pay ${eurosInMail(NOW_DUE)} by hand, in one tap with the button below.`);
    expect(failed.text).toMatch(new RegExp(`Pay ${eurosInMail(NOW_DUE)} now:\\s+http://[^\\s]+/portal/pay/[0-9a-f]+`, "u"));
    expect(failed.text).toContain("Your recurring payment stays in place for your next invoices.");

    await test.step("the agency app: the charge failed because the amount changed; the set-up stays active", async () => {
      const row = await overviewRow(page, agency);
      await expect(row).toContainText("Active");
      await expect(row.getByRole("cell").nth(4)).toContainText("Failed");
      await expect(row.getByRole("cell").nth(4)).toContainText("Amount changed after the reminder");
    });
  });

  test("the tenant opens the one-tap link from the e-mail and pays the new amount; the set-up stays", async ({ page, context, request }, testInfo) => {
    await test.step("the link, opened from the development mailbox, asks for the new amount", async () => {
      await page.goto("/dev/mailbox");
      await page.getByRole("link", { name: `Your payment of invoice no. ${invoice.number} did not go through (${agency.name})` }).click();
      const opening = context.waitForEvent("page");
      await page.getByRole("link", { name: /\/portal\/pay\//u }).click();
      const payPage = await opening;
      await expect(payPage.getByRole("heading", { level: 1, name: "Pay your invoice" })).toBeVisible();
      const card = payPage.getByRole("region", { name: /^Requested by / });
      await expect(card).toContainText(`Invoice ${invoice.number}`);
      await expect(card).toContainText(euros(NOW_DUE));
      await expectNoSeriousA11yViolations(payPage, testInfo, "one-tap payment link of a recurring charge");

      const pay = payPage.getByRole("region", { name: "Pay now" });
      const element = pay.locator("[data-card-element]");
      await expect(element.getByPlaceholder("number", { exact: true })).toBeVisible();
      await element.getByPlaceholder("number", { exact: true }).fill("4242424242424242");
      await element.getByPlaceholder("exp_month", { exact: true }).fill("12");
      await element.getByPlaceholder("exp_year", { exact: true }).fill("34");
      await element.getByPlaceholder("cvc", { exact: true }).fill("123");
      await element.getByPlaceholder("postal_code", { exact: true }).fill("1000");
      await payPage.getByRole("button", { name: `Pay ${euros(NOW_DUE)}` }).click();
      const result = payPage.getByRole("status").filter({ hasText: "Payment received" });
      await expect(result).toBeVisible({ timeout: 30_000 });
      await expect(result).toContainText(`${euros(NOW_DUE)} has been paid`);
      await payPage.close();
    });

    const intents = await gatewayIntents(invoice.id);
    expect(intents.map(({ amount, status }) => ({ amount, status }))).toEqual([{ amount: NOW_DUE, status: "succeeded" }]);

    await test.step("the portal: the invoice is paid; recurring payment is still on", async () => {
      await signInToPortal(page, agency.tenant);
      await expectPaidInPortal(page, invoice);
      await page.goto("/portal/");
      await openRecurringPayment(page, agency);
      await expect(page.getByRole("region", { name: "Recurring payment is on" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Past charges" })).toContainText("failed (the amount changed after the reminder)");
      await expect(page.getByRole("region", { name: "Reminders" })).toContainText(`Payment unsuccessful — ${euros(NOW_DUE)}`);
    });

    await test.step("the agency app: the invoice is paid; the set-up stays active", async () => {
      await signInToAgency(page, agency.owner);
      await expectPaidInAgencyApp(page, invoice, NOW_DUE);
      const row = await overviewRow(page, agency);
      await expect(row).toContainText("Active");
    });
    const api = await ownerApi(request, agency);
    const setups = await api.get<{ items: { lease_id: string; status: string }[] }>("/recurring-payments");
    expect(setups.items.filter((setup) => setup.lease_id === agency.leaseId).map((setup) => setup.status)).toEqual(["active"]);
  });
});

test.describe.serial("recurring payment: the tenancy cancelled after the reminder", () => {
  test.describe.configure({ timeout: 240_000 });
  let agency: OwnAgency;
  let invoice: Invoice;
  // Ten days of the period the reminded invoice is for.
  const lastDay = addDays(CALENDAR.due, 9);

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    agency = await ownAgency(request, { label: "Cancelled", rent: RENT, dueDay: CALENDAR.dueDay });
    await request.dispose();
  });

  test("set up, invoiced after the set-up day and reminded of the full rent", async ({ page, request }) => {
    await signInToPortal(page, agency.tenant);
    await setUpRecurringByCard(page, agency.property);
    await tick(morning(CALENDAR.invoiceDay), agency.id);
    await tick(morning(CALENDAR.reminderDay), agency.id);
    invoice = await invoiceDueOn(await ownerApi(request, agency), agency, CALENDAR.due);
    const reminder = await theMail(request, agency.tenant.email, /^We will take /u);
    expect(reminder.subject).toContain(eurosInMail(RENT));
  });

  test("staff cancel the tenancy from its tenth day: the invoice is prorated, nothing is charged, the tenant is told and recurring payment stops", async ({ page, request }, testInfo) => {
    await test.step("an owner cancels the lease in the agency app, giving the tenancy's last day", async () => {
      await signInToAgency(page, agency.owner);
      await page.goto(`/agency/leases/${agency.leaseId}`);
      await page.getByRole("group", { name: "Lease actions" }).getByRole("button", { name: "Cancel lease" }).click();
      const dialog = page.getByRole("dialog", { name: "Cancel this active lease?" });
      await expect(dialog).toContainText("Rent invoices already issued or awaiting approval follow this day");
      await dialog.getByLabel("Last day of the tenancy").fill(lastDay);
      await expectNoSeriousA11yViolations(page, testInfo, "cancel an active lease");
      await dialog.getByRole("button", { name: "Yes, cancel lease" }).click();
      await expect(page.getByText("The lease is cancelled.")).toBeVisible();
      await expect(page.getByText(/^Status:\s*Cancelled$/u)).toBeVisible();
    });

    const api = await ownerApi(request, agency);
    const prorated = (await api.get<Invoice>(`/invoices/${invoice.id}`)).outstanding;
    expect(prorated).toBeGreaterThan(0);
    expect(prorated).toBeLessThan(RENT);

    const report = await tick(morning(CALENDAR.due), agency.id);
    expect(report.failures).toEqual({});
    expect(await gatewayIntents(invoice.id)).toEqual([]);
    const failed = await theMail(request, agency.tenant.email, /did not go through/u);
    expect(failed.text).toContain(`invoice no. ${invoice.number} now asks for ${eurosInMail(prorated)}, not the ${eurosInMail(RENT)} we told you we would take.`);

    await test.step("the agency app: the invoice asks for the prorated rent", async () => {
      await page.goto(`/agency/invoices/${invoice.id}`);
      await expect(page.getByRole("region", { name: "Summary" })).toContainText(`Outstanding${euros(prorated)}`);
    });
    const setups = await api.get<{ items: { lease_id: string; status: string }[] }>("/recurring-payments");
    expect(setups.items.filter((setup) => setup.lease_id === agency.leaseId).map((setup) => setup.status)).not.toContain("active");
  });
});

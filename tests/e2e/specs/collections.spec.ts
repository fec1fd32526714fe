import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import {
  addDays,
  agencyToday,
  bucketOf,
  BUCKETS,
  daysBetween,
  euros,
  eurosInMail,
  longDateInMail,
  monthBounds,
  StaffApi,
  type Invoice,
} from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, signInToAgency, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * The collections center and bank reconciliation, as the agency's owner uses them.
 *
 * The suite shares one seeded database with other specs, which may add invoices or payments to
 * the demo leases: figures are checked against the invoices API (another part of Doorstep)
 * rather than hard-coded, the seed's own invoices are checked to be among them, and the
 * follow-up and the bank statement use this spec's own lease and invoices.
 */

function sums(invoices: Invoice[]) {
  const expected = invoices.reduce((sum, invoice) => sum + invoice.total - invoice.credited, 0);
  const collected = invoices.reduce((sum, invoice) => sum + invoice.paid, 0);
  return { expected, collected, outstanding: expected - collected, count: invoices.length };
}

async function openCollections(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Collections" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Collections");
}

test.describe.serial("collections center and reconciliation", () => {
  const suffix = randomBytes(3).toString("hex");
  const propertyName = uniqueName("E2E Collections");
  const tenant = { first_name: "Cleo", last_name: `Collect${suffix}`, email: `cleo.${suffix}@doorstep.example` };
  const tenantName = `${tenant.first_name} ${tenant.last_name}`;
  const today = agencyToday();
  const overdueDue = addDays(today, -40); // 31–60 days past due
  const overdueAmount = 61_234; // €612.34
  let own: Awaited<ReturnType<StaffApi["ownLease"]>>;
  let toMatch: Invoice;

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ ...(baseURL === undefined ? {} : { baseURL }) });
    const api = await StaffApi.signIn(request, STAFF.owner);
    own = await api.ownLease(propertyName, tenant);
    await api.openInvoice(own.leaseId, overdueDue, overdueAmount, `Repairs ${suffix}`);
    toMatch = await api.openInvoice(own.leaseId, today, 43_210, `Service charges ${suffix}`);
    await request.dispose();
  });

  test("this month's expected, collected and outstanding agree with the seed and the invoices", async ({ page, request }, testInfo) => {
    const api = await StaffApi.signIn(request, STAFF.owner);
    const { first, last } = monthBounds(today);
    await signInToAgency(page, STAFF.owner);
    await openCollections(page);
    // The period as one range, in English with the demo agency's region (en-BE): "1–31 December 2026".
    await expect(page.getByText(/^Invoices due /u)).toHaveText(
      `Invoices due ${new Intl.DateTimeFormat("en-BE", { dateStyle: "long", timeZone: "UTC" }).formatRange(new Date(`${first}T00:00:00Z`), new Date(`${last}T00:00:00Z`))}.`,
    );

    const month = await api.countedInvoices({ due_from: first, due_to: last });
    // The seed: this month's rent for Tess Tenant (Flat 1A, €950.00) and Noah Neighbour (Flat 1B, €875.00).
    const seeded = (unit: string, tenantName: string, total: number) =>
      month.find((invoice) => invoice.property_name === "Residence Louise" && invoice.unit_name === unit && invoice.tenant_names.includes(tenantName) && invoice.total === total && invoice.due_date === first);
    expect(seeded("Flat 1A", "Tess Tenant", 95_000), "the seeded rent of Flat 1A").toBeDefined();
    expect(seeded("Flat 1B", "Noah Neighbour", 87_500), "the seeded rent of Flat 1B").toBeDefined();

    const totals = page.getByRole("region", { name: "Totals for the period" }).locator("dl");
    const all = sums(month);
    await expect(totals).toContainText(`Expected${euros(all.expected)}`);
    await expect(totals).toContainText(`Collected${euros(all.collected)}`);
    await expect(totals).toContainText(`Outstanding${euros(all.outstanding)}`);
    await expect(totals).toContainText(`Invoices${all.count}`);
    await expect(page.getByRole("img", { name: /per week of due date/u })).toBeVisible();

    // Per lease: the seeded leases' rows agree with their invoices.
    for (const unit of ["Flat 1A", "Flat 1B"]) {
      const row = page.getByRole("row", { name: new RegExp(`^${unit} · Residence Louise`, "u") });
      const ofLease = sums(month.filter((invoice) => invoice.property_name === "Residence Louise" && invoice.unit_name === unit));
      await expect(row).toContainText(euros(ofLease.expected));
      await expect(row.getByRole("cell").last()).toHaveText(euros(ofLease.outstanding));
    }
    await expectNoSeriousA11yViolations(page, testInfo, "collections overview");

    // Filtered to one property, the totals are that property's.
    await page.getByRole("combobox", { name: "Property" }).selectOption({ label: "Residence Louise" });
    const louise = sums(month.filter((invoice) => invoice.property_name === "Residence Louise"));
    await expect(totals).toContainText(`Expected${euros(louise.expected)}`);
    await expect(totals).toContainText(`Outstanding${euros(louise.outstanding)}`);
    await expect(page).toHaveURL(/property_id=/u);

    // Last month: the neighbour's rent still owed.
    await page.getByRole("combobox", { name: "Period" }).selectOption({ label: "Last month" });
    const previous = monthBounds(addDays(first, -1));
    const lastMonth = sums(
      (await api.countedInvoices({ due_from: previous.first, due_to: previous.last })).filter((invoice) => invoice.property_name === "Residence Louise"),
    );
    await expect(totals).toContainText(`Expected${euros(lastMonth.expected)}`);
    await expect(page.getByRole("row", { name: /^Flat 1B · Residence Louise/u })).toBeVisible();
  });

  test("the overdue balances put the demo tenant's rent in the bucket of its age", async ({ page, request }, testInfo) => {
    const api = await StaffApi.signIn(request, STAFF.owner);
    await signInToAgency(page, STAFF.owner);
    await openCollections(page);
    await page.getByRole("navigation", { name: "Collections sections" }).getByRole("link", { name: "Overdue balances" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overdue balances");

    // The demo tenant's seeded lease (Flat 1A) and what its invoices still ask for, by age.
    const invoices = (await api.countedInvoices({})).filter(
      (invoice) => invoice.property_name === "Residence Louise" && invoice.unit_name === "Flat 1A" && invoice.outstanding > 0 && invoice.due_date < today,
    );
    const row = page.getByRole("row", { name: /^Flat 1A · Residence Louise/u });
    if (invoices.length === 0) {
      // Rent due on the 1st is not overdue on the 1st itself.
      await expect(row).toHaveCount(0);
    } else {
      await expect(row.getByRole("link", { name: "Tess Tenant" })).toBeVisible();
      const byBucket = new Map<string, number>();
      for (const invoice of invoices) {
        const bucket = bucketOf(daysBetween(invoice.due_date, today));
        if (bucket !== undefined) byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + invoice.outstanding);
      }
      const cells = row.getByRole("cell");
      // Columns: tenants, then the four buckets.
      for (const [index, bucket] of BUCKETS.entries()) {
        const amount = byBucket.get(bucket);
        await expect(cells.nth(index + 1)).toHaveText(amount === undefined ? "—" : euros(amount));
      }
      const seededRent = invoices.find((invoice) => invoice.total === 95_000 && invoice.due_date === monthBounds(today).first);
      if (seededRent !== undefined) {
        const bucket = bucketOf(daysBetween(seededRent.due_date, today));
        expect(bucket).toBe("1–30 days"); // this month's rent is at most 30 days late
      }
    }

    // This spec's own lease: €612.34 due 40 days ago, in 31–60 days.
    await page.getByRole("searchbox", { name: "Tenant" }).fill(tenant.last_name);
    await page.getByRole("button", { name: `Only ${tenantName}` }).click();
    const ownRow = page.getByRole("row", { name: new RegExp(`^${own.unitName} · ${propertyName}`, "u") });
    await expect(ownRow.getByRole("cell").nth(2)).toHaveText(euros(overdueAmount));
    await expect(ownRow.getByRole("cell").nth(1)).toHaveText("—");
    await expect(ownRow).toContainText("40 days overdue");
    await expectNoSeriousA11yViolations(page, testInfo, "overdue balances");
  });

  test("a follow-up is previewed, sent, recorded, documented and escalated; the tenant gets the e-mail", async ({ page, request }, testInfo) => {
    // Delivery is a job seconds after the commit, or else the worker's tick (every minute).
    test.setTimeout(180_000);
    await signInToAgency(page, STAFF.owner);
    await page.goto(`/agency/collections/overdue?tenant_id=${own.tenantId}`);
    const ownRow = page.getByRole("row", { name: new RegExp(`^${own.unitName} · ${propertyName}`, "u") });
    await ownRow.getByRole("link", { name: `Follow up — ${own.unitName} · ${propertyName}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Follow up on ${own.unitName}, ${propertyName}`);

    await page.getByLabel("Personal paragraph (optional)").fill(`Reference ${suffix}: call us to agree a plan.`);
    await page.getByLabel("Note for the team (optional)").fill("First reminder by e-mail");
    await page.getByRole("button", { name: "Preview the message" }).click();
    const preview = page.getByRole("region", { name: "What the tenant will receive" });
    const message = preview.getByRole("article", { name: `E-mail to ${tenantName}` });
    await expect(message).toContainText(`${eurosInMail(overdueAmount)} still due, due on ${longDateInMail(overdueDue)} (40 days overdue)`);
    await expect(message).toContainText("How to pay");
    await expect(message).toContainText("Need help?");
    await expect(message).toContainText(tenant.email);
    await expectNoSeriousA11yViolations(page, testInfo, "follow-up preview");

    await preview.getByRole("button", { name: "Send to the tenant" }).click();
    await expect(page.getByText("Follow-up sent to the tenant and recorded.")).toBeVisible();
    const sent = page.getByRole("region", { name: "What was sent" });
    await expect(sent).toContainText("Sent byOlivia Owner");
    await expect(sent).toContainText(`Overdue when sent${euros(overdueAmount)}`);
    await expect(sent).toContainText("First reminder by e-mail");
    const followUpUrl = page.url();

    const outcome = page.getByRole("form", { name: "Document the outcome" });
    await outcome.getByLabel("Outcome").selectOption({ label: "Promised to pay" });
    await outcome.getByLabel("What happened").fill("Will pay on Friday");
    await outcome.getByRole("checkbox", { name: "Ask an accountant or owner to review it" }).check();
    await outcome.getByRole("button", { name: "Save and escalate" }).click();
    await expect(page.getByText("Saved and escalated: an accountant or owner will review it.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Promised to pay");
    await expect(page.getByRole("region", { name: "Escalation" })).toContainText("Escalated by Olivia Owner");
    // The owner escalated it: another accountant or owner reviews it.
    await expect(page.getByRole("form", { name: "Review the escalation" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, testInfo, "follow-up record");

    await page.getByRole("navigation", { name: "Collections sections" }).getByRole("link", { name: "Follow-ups" }).click();
    await page.getByRole("combobox", { name: "Show" }).selectOption({ label: "Awaiting review" });
    const listed = page.getByRole("row", { name: new RegExp(propertyName, "u") });
    await expect(listed).toContainText("Awaiting review");
    await expect(listed).toContainText("Promised to pay");
    await expectNoSeriousA11yViolations(page, testInfo, "follow-ups list");

    // The accountant reviews it.
    await page.getByRole("button", { name: "Log out" }).click();
    await signInToAgency(page, { email: "accountant@doorstep.example", password: "demo-accountant-pass" });
    await page.goto(followUpUrl);
    const review = page.getByRole("form", { name: "Review the escalation" });
    await review.getByLabel("Review").fill("Fine; check on Monday.");
    await review.getByRole("button", { name: "Record the review" }).click();
    await expect(page.getByText("Review recorded.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Escalation" })).toContainText("Fine; check on Monday.");

    // The e-mail arrives in the development mailbox with the amount and the due date.
    let messagePath = "";
    await expect(async () => {
      const listing = await (await request.get("/dev/mailbox")).text();
      const match = new RegExp(`href="(/dev/mailbox/[^"]+)">[^<]*overdue for ${propertyName}`, "u").exec(listing);
      expect(match, "the follow-up e-mail in the dev mailbox").not.toBeNull();
      messagePath = match?.[1] ?? "";
    }).toPass({ timeout: 100_000 });
    await page.goto(messagePath);
    await expect(page.getByText(tenant.email).first()).toBeVisible();
    const text = page.locator("pre");
    await expect(text).toContainText(`Dear ${tenantName},`);
    await expect(text).toContainText(`${eurosInMail(overdueAmount)} still due, due on ${longDateInMail(overdueDue)}`);
    await expect(text).toContainText(`Reference ${suffix}: call us to agree a plan.`);
    await expect(text).not.toContainText("First reminder by e-mail"); // the team's note stays with the team
  });

  test("a bank statement is imported: one line pays an open invoice, the other waits and is set aside", async ({ page, request }, testInfo) => {
    const api = await StaffApi.signIn(request, STAFF.owner);
    await signInToAgency(page, STAFF.manager);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reconciliation");

    const unknown = `E2E unknown ${suffix}`;
    const csv = [
      "Date;Amount;Reference;Counterparty",
      `${today};432,10;Invoice ${toMatch.number ?? ""} service charges;${tenantName}`,
      `${today};77,77;${unknown};Somebody Else`,
    ].join("\n");
    await page.getByLabel("Statement file (CSV)").setInputFiles({ name: `statement-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import statement" }).click();

    await expect(page.getByRole("heading", { name: `statement-${suffix}.csv imported` })).toBeVisible();
    const result = page.locator("dl[aria-label='What the import did']");
    await expect(result).toContainText("Matched1");
    await expect(result).toContainText("Needs review1");
    await expect(result).toContainText("Not a tenant payment0");
    await expectNoSeriousA11yViolations(page, testInfo, "reconciliation import result");
    // The matched line recorded the transfer: the invoice is paid.
    expect((await api.get<Invoice>(`/invoices/${toMatch.id}`)).outstanding).toBe(0);

    // The same file again is refused as a duplicate.
    await page.getByLabel("Statement file (CSV)").setInputFiles({ name: `again-${suffix}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import statement" }).click();
    await expect(page.getByText(/This file was imported before: nothing was imported again/u)).toBeVisible();
    await page.getByLabel("Statement file (CSV)").setInputFiles({
      name: `broken-${suffix}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(`Date;Amount;Reference;Counterparty\n${today};abc;x ${suffix};y\n`),
    });
    await page.getByRole("button", { name: "Import statement" }).click();
    await expect(page.getByRole("alert")).toContainText("Line 2, amount: 'abc' is not an amount.");

    // The review queue of this statement holds the other line.
    await page.getByRole("navigation", { name: "Reconciliation sections" }).getByRole("link", { name: "Statements" }).click();
    await page.getByRole("link", { name: `1 — review the lines of statement-${suffix}.csv` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review queue");
    const queued = page.getByRole("row", { name: new RegExp(unknown, "u") });
    await expect(queued).toContainText("€77.77");
    await expect(queued).toContainText("Needs review");
    await expectNoSeriousA11yViolations(page, testInfo, "review queue");
    await queued.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^€77\.77 on /u);
    await expectNoSeriousA11yViolations(page, testInfo, "statement line review");

    await page.getByRole("radio", { name: "not a tenant's payment (leave it out of the books)" }).check();
    await page.getByLabel("Why it is not a tenant's payment").fill("Transfer between the agency's accounts");
    await page.getByRole("button", { name: "Mark as not a tenant payment" }).click();
    await expect(page.getByText("Marked as not a tenant payment.")).toBeVisible();
    await expect(page.getByText(/^State:/u)).toHaveText(/Not a tenant payment/u);
    await expect(page.getByRole("region", { name: "What the bank says" })).toContainText("Transfer between the agency's accounts");

    // Nothing of this statement waits any more.
    await page.goto("/agency/reconciliation");
    const statementRow = page.getByRole("row", { name: new RegExp(`statement-${suffix}\\.csv`, "u") });
    // Cells: dates, imported, received, matched, needs review, not a tenant payment.
    await expect(statementRow.getByRole("cell").nth(3)).toHaveText("1");
    await expect(statementRow.getByRole("cell").nth(4)).toHaveText("0");
    await expect(statementRow.getByRole("cell").nth(5)).toHaveText("1");

    await page.getByRole("navigation", { name: "Reconciliation sections" }).getByRole("link", { name: "Card money on its way" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Card payments not yet in the bank");
    await expect(page.getByText(/Every card payment has been paid out\.|Still to come from the card processor/u).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "card money not yet in the bank");
  });

  test("a viewer reads the collections center and reconciliation but cannot act", async ({ page }) => {
    await signInToAgency(page, STAFF.viewer);
    await page.goto(`/agency/collections/overdue?tenant_id=${own.tenantId}`);
    const ownRow = page.getByRole("row", { name: new RegExp(`^${own.unitName} · ${propertyName}`, "u") });
    await expect(ownRow.getByRole("link", { name: /^Follow-ups — / })).toBeVisible();
    await expect(ownRow.getByRole("link", { name: /^Follow up — / })).toHaveCount(0);
    await page.goto("/agency/reconciliation");
    await expect(page.getByRole("heading", { name: "Imported statements" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import statement" })).toHaveCount(0);
  });
});

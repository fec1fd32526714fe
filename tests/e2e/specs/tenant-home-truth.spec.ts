import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { agencyToday, euros, StaffApi } from "../support/collections-api";
import { createUser } from "../support/doorstep-cli";
import { expect, expectNoSeriousA11yViolations, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Issue 11, on a phone: the tenant home tells the truth. A tenant who paid the next rent early
 * sees the following one as next, and its button says what it opens; a transfer they reported
 * shows as pending, not as owed; the agency's bank details and the lease's reference are on the
 * home and on every open invoice, and each copy button puts the value on the clipboard.
 *
 * The tenant is the spec's own, on one lease of their own in the demo agency (the demo tenant
 * gains leases from other specs, and the home shows the soonest rent of all of them); the portal
 * login comes from `doorstep create-user`. Staff act through the REST API: an older fee left
 * open, and a rent invoice for the next due date paid by a transfer recorded against it.
 */

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

interface LeaseOut {
  id: string;
  next_due_date: string | null;
  tenants: { id: string }[];
}

interface InvoiceOut {
  id: string;
  number: number | null;
  status: string;
}

/** "1 February 2027": how the portal's dates contain the day (en, whatever the weekday style). */
function dayMonthYear(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

function nextMonthFirst(day: string): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe("the tenant home tells the truth", () => {
  test("paid early, a reported transfer pending, bank details to copy", async ({ page, context, request, baseURL }, testInfo) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL ?? "http://127.0.0.1").origin });
    const api = await StaffApi.signIn(request, STAFF.owner);
    const suffix = uniqueName("").trim();
    const tenant = {
      first_name: "Hana",
      last_name: `Truth ${suffix}`,
      email: `hana.truth.${suffix.replace(/[^A-Za-z0-9]/gu, "").toLowerCase()}@doorstep.example`,
    };
    const password = `Tenant-${randomBytes(9).toString("hex")}`;
    const { leaseId } = await api.ownLease(`Truth House ${suffix}`, tenant);
    const me = await api.get<{ agency: { id: string } }>("/me");
    await createUser(me.agency.id, { email: tenant.email, password, firstName: tenant.first_name, lastName: tenant.last_name, role: "tenant" });
    const lease = await api.get<LeaseOut>(`/leases/${leaseId}`);
    const nextDue = lease.next_due_date ?? "";
    expect(nextDue, "the seeded lease has a next rent").not.toBe("");
    const following = nextMonthFirst(nextDue);

    // Older money still open on the lease: a fee due today.
    const fee = await api.openInvoice(leaseId, agencyToday(), 45_000, uniqueName("Key replacement"));
    const feeLink = new RegExp(`^Invoice ${fee.number ?? ""}\\b`, "u");

    await test.step("staff issue the next rent and record the tenant's early transfer for it", async () => {
      const created = await api.post<InvoiceOut>("/invoices", {
        lease_id: leaseId,
        kind: "rent",
        due_date: nextDue,
        lines: [{ description: uniqueName("Rent paid early"), amount: 95_000 }],
      });
      const rent = created.status === "draft" ? await api.post<InvoiceOut>(`/invoices/${created.id}/approve`) : created;
      await api.post(
        "/payments",
        {
          lease_id: leaseId,
          tenant_id: lease.tenants[0]?.id,
          amount: 95_000,
          currency: "EUR",
          method: "bank_transfer",
          received_on: agencyToday(),
          reference: `Invoice ${rent.number}`,
          allocations: [{ invoice_id: rent.id, amount: 95_000 }],
        },
        { "Idempotency-Key": crypto.randomUUID() },
      );
    });

    await signInToPortal(page, { email: tenant.email, password });

    await test.step("the next rent due is the following one, and its button says what it opens", async () => {
      const card = page.getByRole("region", { name: "Next rent due" });
      await expect(card).toContainText(dayMonthYear(following));
      await expect(card).not.toContainText(dayMonthYear(nextDue));
      // Older rent is still open on the lease: the button names the invoice it opens.
      const action = card.getByRole("link", { name: /^Pay (this rent|invoice \d+ first) \(€[\d,.]+\)$/u });
      await expect(action).toBeVisible();
    });

    const before = await api.get<{ balance: number }>(`/leases/${leaseId}/balance`);
    const reported = 12_000;

    await test.step("a transfer the tenant reports is pending, not owed", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
      await page.getByRole("link", { name: feeLink }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: /^Invoice \d+$/u })).toBeVisible();
      await page.getByRole("region", { name: "Paid by bank transfer?" }).getByRole("link", { name: "I paid by bank transfer" }).click();
      await page.getByRole("textbox", { name: "Amount you sent (EUR)" }).fill("120.00");
      await page.getByRole("textbox", { name: "Reference or message" }).fill("Part of the rent");
      const body = `%PDF-1.4\n% Transfer confirmation ${uniqueName("home truth")}\n%%EOF\n`;
      await page.getByLabel("Proof of the transfer").setInputFiles({ name: "bank.pdf", mimeType: "application/pdf", buffer: Buffer.from(body, "latin1") });
      await page.getByRole("button", { name: "Send the proof" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "My transfer proofs" })).toBeVisible();

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
      const balance = page.getByRole("region", { name: "Your balance" });
      await expect(balance).toContainText(`${euros(reported)} pending`);
      const owed = before.balance - reported;
      await expect(balance).toContainText(owed > 0 ? `You owe ${euros(owed)}` : "Nothing more to pay");
      await expect(balance).not.toContainText(`You owe ${euros(before.balance)}`);
    });

    await test.step("the bank details and the reference are on the home, and copy", async () => {
      const bank = page.getByRole("region", { name: "Pay by bank transfer" });
      await expect(bank).toContainText("BE68 5390 0754 7034");
      await expect(bank).toContainText("GKCCBEBB");
      const reference = bank.getByText(/^RF\d{2}( \d{4}){3}$/u);
      await expect(reference).toBeVisible();
      const shown = (await reference.textContent()) ?? "";
      await bank.getByRole("button", { name: "Copy Reference" }).click();
      await expect(bank.getByText("Reference copied")).toBeVisible();
      expect(await readClipboard(page)).toBe(shown.replace(/ /gu, ""));
      await bank.getByRole("button", { name: "Copy IBAN" }).click();
      await expect(bank.getByText("IBAN copied")).toBeVisible();
      expect(await readClipboard(page)).toBe("BE68539007547034");
      await expectNoSeriousA11yViolations(page, testInfo, "portal home with bank details, phone");

      await test.step("and on an open invoice, with the same reference", async () => {
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
        await page.getByRole("link", { name: feeLink }).first().click();
        const onInvoice = page.getByRole("region", { name: "Pay by bank transfer" });
        await expect(onInvoice).toContainText(shown);
        await expect(onInvoice).toContainText("BE68 5390 0754 7034");
      });
    });
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { agencyToday, addDays, euros, StaffApi, type Invoice } from "../support/collections-api";
import { expect, expectNoSeriousA11yViolations, SEEDED_LEASE, signInToAgency, STAFF, switchUser, TENANT, test, uniqueName } from "../support/fixtures";

/**
 * Staff review tenants' proofs of a bank transfer, against the real API: the owner invoices the
 * demo tenant's lease twice (through the API), the tenant sends a proof for each through the
 * portal API (a small PDF); staff find them in the queue and on the invoice's and the lease's
 * pages, open a proof, download its file, confirm the first — the invoice is then paid and the
 * payment has its receipt — and reject the second with a reason, which shows as rejected. A
 * viewer reads a proof but gets no action. Axe runs on each new screen. Everything carries a
 * random suffix; other specs may have used the demo lease before.
 */

interface Proof {
  id: string;
  status: string;
  amount: number;
  reference: string;
  file_name: string;
}

/** The demo tenant signs in to the portal API and sends a proof of a transfer with a small PDF. */
async function submitProof(request: APIRequestContext, proof: { leaseId: string; invoiceId: string; amount: number; reference: string; fileName: string }): Promise<Proof> {
  const login = await request.post("/api/v1/auth/tenant/login", { data: { email: TENANT.email, password: TENANT.password } });
  expect(login.status(), await login.text()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  // Each file is unique: the same file twice is refused while the first one is live.
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n% transfer proof "), Buffer.from(randomBytes(8).toString("hex")), Buffer.from("\n%%EOF\n")]);
  const response = await request.post("/api/v1/portal/transfer-proofs", {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": randomUUID() },
    multipart: {
      lease_id: proof.leaseId,
      invoice_id: proof.invoiceId,
      amount: String(proof.amount),
      paid_on: agencyToday(),
      reference: proof.reference,
      file: { name: proof.fileName, mimeType: "application/pdf", buffer: pdf },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Proof;
}

test.describe.configure({ mode: "serial" });

test("staff confirm a tenant's transfer proof (the invoice is paid, with a receipt) and reject another with a reason", async ({ page, request }, testInfo) => {
  const owner = await StaffApi.signIn(request, STAFF.owner);
  const leaseId = await owner.seededLeaseId();
  const due = addDays(agencyToday(), 10);
  // Amounts of their own, so the rows and figures this spec checks are its own.
  const confirmedAmount = 40_000 + Math.floor(Math.random() * 900) * 10;
  const rejectedAmount = confirmedAmount + 1_230;
  const paidInvoice: Invoice = await owner.openInvoice(leaseId, due, confirmedAmount, uniqueName("Garden upkeep"));
  const chasedInvoice: Invoice = await owner.openInvoice(leaseId, due, rejectedAmount, uniqueName("Window repair"));
  const confirmedReference = uniqueName("E2E PROOF").toUpperCase();
  const rejectedReference = uniqueName("E2E PROOF").toUpperCase();
  const first = await submitProof(request, {
    leaseId: leaseId,
    invoiceId: paidInvoice.id,
    amount: confirmedAmount,
    reference: confirmedReference,
    fileName: "bank-confirmation.pdf",
  });
  const second = await submitProof(request, {
    leaseId: leaseId,
    invoiceId: chasedInvoice.id,
    amount: rejectedAmount,
    reference: rejectedReference,
    fileName: "my-transfer.pdf",
  });
  expect([first.status, second.status]).toEqual(["submitted", "submitted"]);

  await signInToAgency(page, STAFF.accountant);
  const nav = page.getByRole("navigation", { name: "Main" });

  await test.step("the queue lists both proofs waiting for review; the navigation counts them", async () => {
    const link = nav.getByRole("link", { name: /^Transfer proofs/u });
    await expect(link).toContainText(/\d/u);
    await link.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transfer proofs");
    await expect(page.getByLabel("Status")).toHaveValue("submitted");
    const row = page.getByRole("row").filter({ hasText: confirmedReference });
    await expect(row).toContainText("Tess Tenant");
    await expect(row).toContainText(`${SEEDED_LEASE.unit} · ${SEEDED_LEASE.property}`);
    await expect(row).toContainText(`Invoice ${paidInvoice.number}`);
    await expect(row).toContainText(euros(confirmedAmount));
    await expect(row).toContainText("Waiting for review");
    await expect(page.getByRole("row").filter({ hasText: rejectedReference })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "transfer proofs queue");
  });

  await test.step("the invoice and the lease say the tenant sent a proof, before anyone chases the money", async () => {
    await page.goto(`/agency/invoices/${chasedInvoice.id}`);
    await expect(page.getByText(/Tess Tenant says they paid this invoice by bank transfer: a proof is waiting for review/u)).toBeVisible();
    await expect(page.getByRole("link", { name: `Review the proof of ${euros(rejectedAmount)} from Tess Tenant` })).toHaveAttribute(
      "href",
      `/agency/transfer-proofs/${second.id}`,
    );
    await page.goto(`/agency/leases/${leaseId}`);
    const pending = page.getByRole("region", { name: "Transfer proofs waiting for review" });
    await expect(pending).toContainText(confirmedReference);
    await expect(pending).toContainText(rejectedReference);
  });

  await test.step("opens the first proof: what the tenant said, the invoice it names, the file", async () => {
    await page.goto("/agency/transfer-proofs");
    await page.getByRole("row").filter({ hasText: confirmedReference }).getByRole("link", { name: new RegExp(`^${escape(euros(confirmedAmount))} from Tess Tenant`, "u") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${euros(confirmedAmount)} from Tess Tenant`);
    await expect(page.getByText(/^Status:/u)).toContainText("Waiting for review");
    const said = page.getByRole("region", { name: "What the tenant said" });
    await expect(said).toContainText(confirmedReference);
    await expect(said).toContainText(`Invoice ${paidInvoice.number}`);
    const invoice = page.getByRole("region", { name: "The invoice it names" });
    await expect(invoice).toContainText(`Still asks for${euros(confirmedAmount)}`);
    await expect(page.getByRole("region", { name: "The lease's balance" })).toContainText("Outstanding");
    await expectNoSeriousA11yViolations(page, testInfo, "transfer proof page (confirm form)");

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download bank-confirmation.pdf" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("bank-confirmation.pdf");
    const file = await readFile(await download.path());
    expect(file.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
  });

  const paymentUrl = await test.step("confirms it: the money arrived as the tenant said", async () => {
    await expect(page.getByRole("textbox", { name: "Amount received (EUR)" })).toHaveValue((confirmedAmount / 100).toFixed(2));
    await expect(page.getByRole("textbox", { name: "Bank reference" })).toHaveValue(confirmedReference);
    await expect(page.getByRole("textbox", { name: `Invoice ${paidInvoice.number}: amount to allocate (EUR)` })).toHaveValue((confirmedAmount / 100).toFixed(2));
    await page.getByRole("button", { name: "Confirm: the money arrived" }).click();
    await expect(page.getByText("Confirmed: the payment is recorded and its receipt is on its way to the tenant.")).toBeVisible();
    await expect(page.getByText(/^Status:/u)).toContainText("Confirmed");
    const decision = page.getByRole("region", { name: "Decision" });
    await expect(decision).toContainText("Confirmed by Anna Accountant");
    await expectNoSeriousA11yViolations(page, testInfo, "confirmed transfer proof");
    await decision.getByRole("link", { name: "Open the payment and its receipt" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${euros(confirmedAmount)} from Tess Tenant`);
    return page.url();
  });

  await test.step("the payment has its receipt, and the invoice is paid", async () => {
    expect(paymentUrl).toMatch(/\/agency\/payments\/[0-9a-f-]{36}$/u);
    const summary = page.getByRole("region", { name: "Summary" });
    await expect(summary).toContainText(confirmedReference);
    await expect(summary).toContainText("Bank transfer");
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: /^Download receipt \d+ \(PDF\)$/u }).click();
    const receipt = await readFile(await (await downloading).path());
    expect(receipt.subarray(0, 4).toString("latin1")).toBe("%PDF");
    await page.goto(`/agency/invoices/${paidInvoice.id}`);
    await expect(page.getByText(/^Status:/u)).toContainText("Paid");
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("Outstanding€0.00");
  });

  await test.step("rejects the second proof with a reason: the tenant is e-mailed it", async () => {
    await page.goto(`/agency/transfer-proofs/${second.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${euros(rejectedAmount)} from Tess Tenant`);
    await page.getByRole("radio", { name: "the money did not arrive, or not as described: reject it" }).check();
    await page.getByRole("button", { name: "Reject the proof" }).click();
    const reason = page.getByRole("textbox", { name: "Why you reject it" });
    await expect(reason).toHaveAccessibleDescription(/This field is required\./u);
    await expect(reason).toHaveAccessibleDescription(/The tenant is e-mailed this reason/u);
    await expectNoSeriousA11yViolations(page, testInfo, "transfer proof page (reject form)");
    await reason.fill("Nothing arrived on the trust account with this reference.");
    await page.getByRole("button", { name: "Reject the proof" }).click();
    await expect(page.getByText("Rejected: the tenant is e-mailed the reason.")).toBeVisible();
    await expect(page.getByText(/^Status:/u)).toContainText("Rejected");
    const decision = page.getByRole("region", { name: "Decision" });
    await expect(decision).toContainText("Rejected by Anna Accountant");
    await expect(decision).toContainText("Nothing arrived on the trust account with this reference.");
  });

  await test.step("the queue shows it among the rejected ones, and the invoice still asks for its money", async () => {
    await page.goto("/agency/transfer-proofs?status=rejected");
    await expect(page.getByRole("row").filter({ hasText: rejectedReference })).toContainText("Rejected");
    await page.goto("/agency/transfer-proofs");
    await expect(page.getByRole("row").filter({ hasText: rejectedReference })).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: confirmedReference })).toHaveCount(0);
    await page.goto(`/agency/invoices/${chasedInvoice.id}`);
    await expect(page.getByRole("region", { name: "Summary" })).toContainText(`Outstanding${euros(rejectedAmount)}`);
    await expect(page.getByText(/says they paid this invoice by bank transfer/u)).toHaveCount(0);
  });

  await test.step("a viewer reads a proof but gets no action", async () => {
    await switchUser(page, STAFF.viewer);
    await page.goto(`/agency/transfer-proofs/${second.id}`);
    await expect(page.getByRole("region", { name: "Decision" })).toContainText("Rejected by Anna Accountant");
    await expect(page.getByRole("button", { name: /Confirm|Reject/u })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Download my-transfer.pdf" })).toBeVisible();
  });
});

/** A string as a literal part of a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

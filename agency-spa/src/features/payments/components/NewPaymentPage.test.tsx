import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { aLease, anInvoice, aTenant, aPayment, aTrustAccount, page, staffMe } from "@/testing/fixtures";
import { NewPaymentPage } from "./NewPaymentPage";

type Lease = components["schemas"]["LeaseOut"];

const lease = aLease({ status: "active" });
const tess = lease.tenants[0]!;
const older = anInvoice({ id: "inv-older", number: 40, due_date: "2026-11-01", total: 50000, outstanding: 50000, kind: "fee", period_start: null, period_end: null });
const current = anInvoice(); // no. 42, 950.00 due 1 December
const today = todayIn("Europe/Brussels");

interface Options {
  role?: Role;
  oldestFirst?: boolean;
  tenantLeases?: Lease[];
  record?: (request: Request) => Response | Promise<Response>;
}

/** A fake API for the record-payment page; returns what was POSTed (body and Idempotency-Key). */
function stub({ role = "accountant", oldestFirst = false, tenantLeases = [lease], record }: Options = {}) {
  const posts: { key: string | null; body: Record<string, unknown> }[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/trust-account": () => jsonResponse(aTrustAccount({ receipt_oldest_invoice_first: oldestFirst })),
    [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
    [`GET /api/v1/tenants/${tess.id}`]: () => jsonResponse(aTenant()),
    "GET /api/v1/leases": () => jsonResponse(page(tenantLeases)),
    "GET /api/v1/invoices": () => jsonResponse(page([current, older])),
    "POST /api/v1/payments": async (request) => {
      posts.push({ key: request.headers.get("Idempotency-Key"), body: (await request.clone().json()) as Record<string, unknown> });
      return record === undefined ? jsonResponse(aPayment(), 201) : record(request);
    },
  });
  return posts;
}

function renderForm(query = `?lease_id=${lease.id}&invoice_id=${current.id}`) {
  return renderWithProviders(
    <Routes>
      <Route path="/payments/new" element={<NewPaymentPage />} />
      <Route path="/payments/:id" element={<p>payment page</p>} />
    </Routes>,
    { route: `/payments/new${query}` },
  );
}

async function fillPayment(amount: string, reference = "RF18 LEASE 1A NOV") {
  const user = userEvent.setup();
  const amountField = await screen.findByLabelText("Amount received (EUR)");
  await user.clear(amountField);
  await user.type(amountField, amount);
  const referenceField = screen.getByLabelText("Bank reference");
  await user.clear(referenceField);
  await user.type(referenceField, reference);
  return user;
}

const allocationField = (number: number) => screen.getByLabelText(`Invoice ${number}: amount to allocate (EUR)`);

describe("NewPaymentPage", () => {
  it("settles the invoice it was opened for first, says what is left as credit, and sends the split", async () => {
    const posts = stub();
    renderForm();
    // The lease's only tenant paid; the lease is the one of the invoice.
    expect(await screen.findByText("Tess Tenant")).toBeInTheDocument();
    expect(await screen.findByRole("radio", { name: /Flat 1A · Residence Louise/u })).toBeChecked();
    expect(screen.getByText("Recorded and confirmed by you (Ann Peeters).")).toBeInTheDocument();
    const user = await fillPayment("1,000");

    expect(await screen.findByLabelText("Invoice 42: amount to allocate (EUR)")).toHaveValue("950.00");
    expect(allocationField(40)).toHaveValue("50.00");
    expect(screen.getByText("Allocated €1,000.00 of €1,000.00; €0.00 left as credit on this lease.")).toBeInTheDocument();

    await user.clear(allocationField(40));
    expect(screen.getByText("Allocated €950.00 of €1,000.00; €50.00 left as credit on this lease.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Record payment" }));

    expect(await screen.findByText("payment page")).toBeInTheDocument();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      lease_id: lease.id,
      tenant_id: tess.id,
      amount: 100000,
      currency: "EUR",
      method: "bank_transfer",
      received_on: today,
      reference: "RF18 LEASE 1A NOV",
      allocations: [{ invoice_id: current.id, amount: 95000 }],
    });
    expect(posts[0]?.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
  });

  it("refuses allocations above an invoice's outstanding amount or above the payment, before sending", async () => {
    const posts = stub();
    renderForm();
    const user = await fillPayment("100");
    await screen.findByLabelText("Invoice 42: amount to allocate (EUR)");
    expect(allocationField(42)).toHaveValue("100.00");

    await user.clear(allocationField(40));
    await user.type(allocationField(40), "500.01");
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    expect(allocationField(40)).toHaveAccessibleDescription(/More than this invoice still asks for\./u);
    expect(screen.getByText("Check the amounts allocated to each invoice.")).toBeInTheDocument();

    await user.clear(allocationField(40));
    // The row's refusal was about the amount just cleared.
    expect(allocationField(40)).not.toHaveAccessibleDescription(/More than this invoice still asks for\./u);
    await user.type(allocationField(40), "20");
    expect(screen.getByText("Allocated €120.00, €20.00 more than the €100.00 there is.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    expect(await screen.findByText("The amounts allocated add up to more than the €100.00 received.")).toBeInTheDocument();
    expect(posts).toEqual([]);

    // Balanced by hand: the over-allocation refusal does not stay next to a split that fits.
    await user.clear(allocationField(42));
    await user.type(allocationField(42), "80");
    expect(screen.queryByText(/more than the €100\.00/u)).not.toBeInTheDocument();
    expect(screen.queryByText("The amounts allocated add up to more than the €100.00 received.")).not.toBeInTheDocument();
    expect(screen.queryByText("Please correct the highlighted fields.")).not.toBeInTheDocument();

    // Back to the suggested split: it fits.
    await user.click(screen.getByRole("button", { name: "Split again from the amount" }));
    expect(allocationField(40)).toHaveValue("");
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    await screen.findByText("payment page");
    expect(posts[0]?.body.allocations).toEqual([{ invoice_id: current.id, amount: 10000 }]);
  });

  it("says allocation is automatic and sends none when the trust account receipts the oldest invoice first", async () => {
    const posts = stub({ oldestFirst: true });
    renderForm();
    const user = await fillPayment("1,200.50");
    expect(await screen.findByText(/Allocation is automatic: the trust account receipts the oldest invoice first/u)).toBeInTheDocument();
    expect(screen.queryByLabelText(/amount to allocate/u)).not.toBeInTheDocument();
    const open = await screen.findByRole("list", { name: "Open invoices of this lease" });
    expect(within(open).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Invoice 40: due 1 November 2026, €500.00 outstanding",
      "Invoice 42: due 1 December 2026, €950.00 outstanding",
    ]);
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    await screen.findByText("payment page");
    expect(posts[0]?.body).not.toHaveProperty("allocations");
    expect(posts[0]?.body.amount).toBe(120050);
  });

  it("retries a lost answer with the same Idempotency-Key, and uses a new one for a changed payment", async () => {
    let answer: "lost" | "ok" = "lost";
    const posts = stub({
      record: () => {
        if (answer === "lost") throw new TypeError("Failed to fetch");
        return jsonResponse(aPayment(), 201);
      },
    });
    renderForm();
    const user = await fillPayment("950");
    await screen.findByLabelText("Invoice 42: amount to allocate (EUR)");
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    expect(await screen.findByText(/the payment may or may not have been recorded/u)).toBeInTheDocument();

    // Pressing again, unchanged: the same attempt.
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    await waitFor(() => {
      expect(posts).toHaveLength(2);
    });
    expect(posts[1]?.key).toBe(posts[0]?.key);

    // A different payment is a new attempt with its own key.
    const amountField = screen.getByLabelText("Amount received (EUR)");
    await user.clear(amountField);
    await user.type(amountField, "900");
    answer = "ok";
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    await screen.findByText("payment page");
    expect(posts).toHaveLength(3);
    expect(posts[2]?.key).not.toBe(posts[0]?.key);
    expect(posts[2]?.body.amount).toBe(90000);
  });

  it("shows the API's problem next to the field it names", async () => {
    stub({
      record: () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:invalid-input",
            title: "Invalid input",
            status: 422,
            detail: "Money cannot be received in the future.",
            errors: [{ field: "received_on", message: "Money cannot be received in the future." }],
          },
          422,
        ),
    });
    renderForm();
    const user = await fillPayment("950");
    await screen.findByLabelText("Invoice 42: amount to allocate (EUR)");
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    const date = screen.getByLabelText("Received on");
    await waitFor(() => {
      expect(date).toHaveAccessibleDescription(/Money cannot be received in the future\./u);
    });
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("refuses a date in the future before sending", async () => {
    const posts = stub();
    renderForm();
    const user = await fillPayment("950");
    fireEvent.change(screen.getByLabelText("Received on"), { target: { value: "2099-01-01" } });
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    expect(screen.getByLabelText("Received on")).toHaveAccessibleDescription(/Money cannot be received in the future: enter the day it arrived\./u);
    expect(posts).toEqual([]);
  });

  it("makes staff confirm the lease when the tenant is on several (seed 000)", async () => {
    const other = aLease({
      id: "lease-2b",
      status: "active",
      unit: { id: "unit-2b", name: "Flat 2B", property_id: "prop-2", property_name: "Rue Haute 4", address: "Rue Haute 4, 1000 Brussels" },
    });
    const posts = stub({ tenantLeases: [lease, other] });
    renderForm(`?tenant_id=${tess.id}`);
    expect(await screen.findByText(/Tess Tenant is on 2 leases\. Check which one this payment is for/u)).toBeInTheDocument();
    const user = await fillPayment("950");
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    expect(screen.getByText("Choose the lease the payment is for.")).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: /Flat 2B · Rue Haute 4/u }));
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    const confirm = screen.getByRole("checkbox", { name: "I have checked that this payment is for Flat 2B · Rue Haute 4" });
    expect(confirm).toHaveAccessibleDescription("Confirm the lease: this tenant is on several.");
    expect(posts).toEqual([]);

    await user.click(confirm);
    await user.click(screen.getByRole("button", { name: "Record payment" }));
    await screen.findByText("payment page");
    expect(posts[0]?.body).toMatchObject({ lease_id: "lease-2b", tenant_id: tess.id });
  });

  it("offers no form to a viewer", async () => {
    stub({ role: "viewer" });
    renderForm();
    expect(await screen.findByRole("alert")).toHaveTextContent("You do not have permission to do this.");
    expect(screen.queryByRole("button", { name: "Record payment" })).not.toBeInTheDocument();
  });
});

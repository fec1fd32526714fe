import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { anInvoice, aPayment, page, staffMe } from "@/testing/fixtures";
import { receiptFileName } from "../api/download-receipt";
import { PaymentDetailPage } from "./PaymentDetailPage";

const credit = aPayment({ amount: 150000, allocated: 95000, unallocated: 55000 });
const base = `/api/v1/payments/${credit.id}`;

function stub(role: Role, refundAnswer?: Record<string, unknown>) {
  const posts: { path: string; key: string | null; body: unknown }[] = [];
  const record = async (request: Request) => {
    posts.push({ path: new URL(request.url).pathname, key: request.headers.get("Idempotency-Key"), body: await request.clone().json() });
  };
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(credit),
    "GET /api/v1/invoices": () =>
      jsonResponse(page([anInvoice({ id: "inv-jan", number: 43, due_date: "2027-01-01", outstanding: 95000, total: 95000 })])),
    [`GET ${base}/receipt.pdf`]: () =>
      new Response(new TextEncoder().encode("%PDF-1.4 receipt"), {
        status: 200,
        headers: { "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="receipt-7.pdf"' },
      }),
    [`POST ${base}/refunds`]: async (request) => {
      await record(request);
      return jsonResponse({ id: "refund-1", status: "pending_approval", amount: 55000, reason: "Overpaid", approval_id: "approval-1", created_at: "2026-12-01T10:00:00Z", ...refundAnswer }, 201);
    },
    [`POST ${base}/allocations`]: async (request) => {
      await record(request);
      return jsonResponse({ ...credit, allocated: 150000, unallocated: 0 });
    },
  });
  return { posts, fetch };
}

describe("PaymentDetailPage", () => {
  it("shows who paid what, for which lease, the receipt and the credit left", async () => {
    stub("viewer");
    renderWithProviders(<PaymentDetailPage paymentId={credit.id} />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("€1,500.00 from Tess Tenant");
    const summary = screen.getByRole("region", { name: "Summary" });
    expect(within(summary).getByRole("link", { name: "Flat 1A · Residence Louise" })).toHaveAttribute("href", `/leases/${credit.lease_id}`);
    expect(summary).toHaveTextContent("Bank transfer");
    expect(summary).toHaveTextContent("RF18 LEASE 1A");
    expect(summary).toHaveTextContent("Recorded byAnn Peeters");
    expect(summary).toHaveTextContent("Unallocated credit€550.00");
    expect(screen.getByRole("link", { name: "Invoice 42" })).toHaveAttribute("href", `/invoices/${credit.allocations[0]!.invoice_id}`);
  });

  it("lets a viewer download the receipt but offers no refund or allocation", async () => {
    const { fetch } = stub("viewer");
    // jsdom has no object URLs: a URL class that has them, for this test only (stubbed globals are undone after each test).
    const createObjectURL = vi.fn((blob: Blob) => (blob.size > 0 ? "blob:receipt" : ""));
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = vi.fn();
      },
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderWithProviders(<PaymentDetailPage paymentId={credit.id} />);
    await user.click(await screen.findByRole("button", { name: "Download receipt 7 (PDF)" }));
    await waitFor(() => {
      expect(click).toHaveBeenCalledOnce();
    });
    const blob = createObjectURL.mock.calls[0]![0];
    expect(await blob.text()).toBe("%PDF-1.4 receipt");
    const receiptRequest = fetch.mock.calls.map(([request]) => request).find((request) => request.url.endsWith("/receipt.pdf"));
    expect(receiptRequest?.method).toBe("GET");
    expect(screen.queryByRole("button", { name: "Refund" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Allocate credit" })).not.toBeInTheDocument();
  });

  it("says from the API's answer that a refund above the threshold waits for approval", async () => {
    const { posts } = stub("manager");
    const user = userEvent.setup();
    renderWithProviders(<PaymentDetailPage paymentId={credit.id} />);
    await user.click(await screen.findByRole("button", { name: "Refund" }));
    expect(screen.getByText("Above €500.00, the refund waits for an accountant or owner other than you to approve it.")).toBeInTheDocument();
    const amount = screen.getByLabelText("Amount to refund (EUR)");
    expect(amount).toHaveAccessibleDescription("At most what is left of the payment: €1,500.00.");

    await user.type(amount, "1500.01");
    await user.click(screen.getByRole("button", { name: "Refund" }));
    expect(amount).toHaveAccessibleDescription(/More than what is left of the payment\./u);
    expect(screen.getByLabelText("Reason")).toHaveAccessibleDescription("Say why: the reason is kept with the record.");
    expect(posts).toEqual([]);

    await user.clear(amount);
    await user.type(amount, "550");
    await user.type(screen.getByLabelText("Reason"), "Overpaid");
    await user.click(screen.getByRole("button", { name: "Refund" }));
    expect(await screen.findByText(/The refund of €550\.00 waits for approval by an accountant or owner/u)).toBeInTheDocument();
    expect(posts).toEqual([{ path: `${base}/refunds`, key: expect.any(String) as string, body: { amount: 55000, reason: "Overpaid" } }]);
  });

  it("allocates remaining credit to the lease's open invoices, oldest first, with an Idempotency-Key", async () => {
    const { posts } = stub("accountant");
    const user = userEvent.setup();
    renderWithProviders(<PaymentDetailPage paymentId={credit.id} />);
    await user.click(await screen.findByRole("button", { name: "Allocate credit" }));
    const field = await screen.findByLabelText("Invoice 43: amount to allocate (EUR)");
    expect(field).toHaveValue("550.00");
    expect(screen.getByText("Allocated €550.00 of €550.00; €0.00 left as credit on this lease.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Allocate" }));
    expect(await screen.findByText("Credit allocated.")).toBeInTheDocument();
    expect(posts).toEqual([
      { path: `${base}/allocations`, key: expect.stringMatching(/^[0-9a-f-]{36}$/u) as string, body: { allocations: [{ invoice_id: "inv-jan", amount: 55000 }] } },
    ]);
  });
});

describe("receiptFileName", () => {
  it("takes the API's file name, else names it by number", () => {
    expect(receiptFileName('attachment; filename="receipt-42.pdf"', 42)).toBe("receipt-42.pdf");
    expect(receiptFileName(null, 7)).toBe("receipt-7.pdf");
    expect(receiptFileName(null, null)).toBe("receipt.pdf");
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { aLease, anInvoice, aPayment, page, staffMe } from "@/testing/fixtures";
import { InvoiceDetailPage } from "./InvoiceDetailPage";

type Invoice = components["schemas"]["InvoiceOut"];
type CreditNote = components["schemas"]["CreditNoteOut"];

const pendingNote: CreditNote = {
  id: "note-1",
  invoice_id: anInvoice().id,
  number: null,
  kind: "write_off",
  status: "pending_approval",
  amount: 60000,
  reason: "No heating for a week",
  approval_id: "approval-1",
  created_at: "2026-11-30T09:00:00Z",
  applied_at: null,
};

interface Options {
  role?: Role;
  notes?: CreditNote[];
  creditAnswer?: () => Response;
  paymentLinks?: boolean;
  /** Whether the readiness review (seed 000) finds the invoice's lease blocking. */
  readinessBlocking?: boolean;
  /** The API refuses an e-mail without an override (another tenant of the lease is blocked). */
  readinessRefusesEmail?: boolean;
}

const TENANT_ID = "0b6f1d4e-0000-4000-8000-0000000000d1";

function readiness(leaseId: string, blocking: boolean) {
  return {
    purpose: "payment_link",
    tenant_id: TENANT_ID,
    lease_id: leaseId,
    leases: [],
    blocking,
    items: [
      blocking
        ? {
            key: "invoices",
            status: "blocking",
            code: "invoices.too_high",
            message: "Invoice 42 asks for too much.",
            params: { number: 42, amount: 120000, expected: 95000, currency: "EUR" },
            fix: null,
          }
        : { key: "invoices", status: "ok", code: "invoices.none", message: "No open invoices.", params: {}, fix: null },
    ],
  };
}

function stub(
  initial: Invoice,
  { role = "manager", notes = [], creditAnswer, paymentLinks = true, readinessBlocking = false, readinessRefusesEmail = false }: Options = {},
) {
  let invoice = initial;
  const posts: { path: string; key: string | null; body: unknown }[] = [];
  const base = `/api/v1/invoices/${invoice.id}`;
  const linkEmails = `/api/v1/collections/invoices/${invoice.id}/payment-link-emails`;
  const sentLinks: unknown[] = [];
  const me = staffMe(role);
  me.features.payment_links = paymentLinks;
  const remember = async (request: Request) => {
    const text = await request.clone().text();
    posts.push({ path: new URL(request.url).pathname, key: request.headers.get("Idempotency-Key"), body: text === "" ? null : JSON.parse(text) });
  };
  stubApi({
    "GET /api/v1/me": () => jsonResponse(me),
    [`GET ${base}`]: () => jsonResponse(invoice),
    [`GET ${base}/credit-notes`]: () => jsonResponse(notes),
    [`GET /api/v1/leases/${invoice.lease_id}`]: () => jsonResponse(aLease({ status: "active" })),
    [`GET /api/v1/tenants/${TENANT_ID}/readiness`]: () => jsonResponse(readiness(invoice.lease_id, readinessBlocking)),
    "GET /api/v1/payments": () => jsonResponse(page(invoice.paid > 0 ? [aPayment({ amount: 100000, allocations: [{ invoice_id: invoice.id, invoice_number: 42, amount: 95000, created_at: "2026-11-30T10:00:00Z" }] })] : [])),
    [`POST ${base}/approve`]: async (request) => {
      await remember(request);
      invoice = { ...invoice, status: "open", state: "open", number: 43 };
      return jsonResponse(invoice);
    },
    [`POST ${base}/void`]: async (request) => {
      await remember(request);
      invoice = { ...invoice, status: "void", state: "void", void_reason: "Issued twice", outstanding: 0 };
      return jsonResponse(invoice);
    },
    [`POST ${base}/credit-notes`]: async (request) => {
      await remember(request);
      return creditAnswer?.() ?? jsonResponse({ ...pendingNote, kind: "credit", amount: 60000, reason: "Boiler" }, 201);
    },
    [`GET ${linkEmails}`]: () => jsonResponse(sentLinks),
    [`POST ${linkEmails}`]: async (request) => {
      await remember(request);
      const asked = posts[posts.length - 1]?.body as { readiness_override: unknown } | null;
      if (readinessRefusesEmail && asked?.readiness_override === null) {
        return jsonResponse(
          {
            type: "urn:doorstep:problem:readiness-blocked",
            title: "The record is not ready",
            status: 409,
            detail: "Not sent: Ben's e-mail bounced. Fix these, or send anyway with a reason.",
            errors: [{ field: "readiness.email", message: "Ben's e-mail bounced." }],
          },
          409,
        );
      }
      const sent = {
        id: `sent-${sentLinks.length + 1}`,
        invoice_id: invoice.id,
        sent_at: "2026-11-30T09:15:00Z",
        sent_by_name: "Mia Manager",
        expires_at: "2026-12-14T09:15:00Z",
        recipients: [{ tenant_id: "tenant-1", name: "Tara Tenant", email: "tenant@doorstep.example", message_id: "message-1" }],
      };
      sentLinks.unshift(sent);
      return jsonResponse(sent, 201);
    },
    [`POST ${base}/payment-links`]: async (request) => {
      await remember(request);
      return jsonResponse({ id: "link-1", invoice_id: invoice.id, url: "http://doorstep.test/portal/pay/abc123", expires_at: "2026-12-14T10:00:00Z" }, 201);
    },
  });
  return posts;
}

const renderInvoice = (invoice: Invoice) => renderWithProviders(<InvoiceDetailPage invoiceId={invoice.id} />);

describe("InvoiceDetailPage", () => {
  it("shows the lines, the amounts the API derived, the credits with their status and the payments that settled it", async () => {
    const invoice = anInvoice({ state: "partially_paid", total: 95000, credited: 0, paid: 95000 - 35000, outstanding: 35000 });
    stub(invoice, { role: "viewer", notes: [pendingNote, { ...pendingNote, id: "note-2", status: "applied", number: 3, kind: "credit", amount: 1000, applied_at: "2026-11-30T10:00:00Z" }] });
    renderInvoice(invoice);
    const heading = await screen.findByRole("heading", { level: 1 });
    // The period as one range, in the agency's region once the agency is known.
    await waitFor(() => {
      expect(heading).toHaveTextContent("Invoice 42 Rent, 1–31 December 2026");
    });
    expect(screen.getByText("Status:")).toHaveTextContent("Partly paid");
    const summary = screen.getByRole("region", { name: "Summary" });
    expect(summary).toHaveTextContent("Total€950.00");
    expect(summary).toHaveTextContent("Outstanding€350.00");
    expect(within(screen.getByRole("region", { name: "Lines" })).getByRole("row", { name: /Rent December 2026/u })).toHaveTextContent("€950.00");
    const credits = await screen.findByRole("region", { name: "Credit notes and write-offs" });
    const rows = await within(credits).findAllByRole("row");
    expect(rows[1]).toHaveTextContent("Write-off€600.00No heating for a weekPending approval");
    expect(within(rows[1]!).getByRole("link", { name: "In the approvals inbox" })).toHaveAttribute("href", "/approvals");
    expect(rows[2]).toHaveTextContent("Credit noteNo. 3€10.00");
    expect(rows[2]).toHaveTextContent("Applied");
    const payments = screen.getByRole("region", { name: "Payments" });
    expect(await within(payments).findByRole("row", { name: /Tess Tenant/u })).toHaveTextContent("€950.00");
  });

  it("says when the tenant's recurring payment takes the invoice", async () => {
    const invoice = anInvoice({
      overdue: true,
      scheduled_charge: { charge_on: "2026-12-04", amount: 95000, currency: "EUR", status: "reminded", method: "card", last4: "4242" },
    });
    stub(invoice, { role: "viewer" });
    renderInvoice(invoice);
    await screen.findByRole("region", { name: "Summary" });
    await waitFor(() => {
      expect(screen.getByText("Status:")).toHaveTextContent("OverdueRecurring charge on 4 December 2026");
    });
  });

  it("offers a viewer no action at all", async () => {
    const invoice = anInvoice();
    stub(invoice, { role: "viewer" });
    renderInvoice(invoice);
    await screen.findByRole("region", { name: "Summary" });
    await screen.findByRole("region", { name: "Credit notes and write-offs" });
    expect(screen.queryByRole("group", { name: "Invoice actions" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Record a payment" })).not.toBeInTheDocument();
  });

  it("offers an accountant the money actions: record a payment, credit, void, payment link", async () => {
    const invoice = anInvoice();
    stub(invoice, { role: "accountant" });
    renderInvoice(invoice);
    const actions = await screen.findByRole("group", { name: "Invoice actions" });
    expect(within(actions).getByRole("link", { name: "Record a payment" })).toHaveAttribute(
      "href",
      `/payments/new?lease_id=${invoice.lease_id}&invoice_id=${invoice.id}`,
    );
    expect(within(actions).getAllByRole("button").map((button) => button.textContent)).toEqual(["Credit note or write-off", "Void invoice"]);
    expect(screen.getByRole("button", { name: "Create payment link" })).toBeInTheDocument();
  });

  it("says from the API's answer that a credit above the threshold waits for approval", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice);
    const user = userEvent.setup();
    renderInvoice(invoice);
    await user.click(await screen.findByRole("button", { name: "Credit note or write-off" }));
    const panel = screen.getByRole("region", { name: "Credit note or write-off on Invoice 42" });
    expect(panel).toHaveTextContent("Above €500.00, it waits for an accountant or owner other than you to approve it");
    const amount = within(panel).getByLabelText("Amount (EUR)");
    expect(amount).toHaveAccessibleDescription("At most what the invoice still asks for: €950.00.");

    await user.type(amount, "950.01");
    await user.click(within(panel).getByRole("button", { name: "Issue credit note" }));
    expect(amount).toHaveAccessibleDescription(/The invoice still asks for €950\.00: the credit cannot be more\./u);
    expect(within(panel).getByLabelText("Reason")).toHaveAccessibleDescription(/Say why: the reason is kept with the record\./u);
    expect(posts).toEqual([]);

    await user.clear(amount);
    await user.type(amount, "600");
    await user.type(within(panel).getByLabelText("Reason"), "Boiler");
    await user.click(within(panel).getByRole("button", { name: "Issue credit note" }));
    expect(await screen.findByText(/Credit note of €600\.00 waits for approval by an accountant or owner/u)).toBeInTheDocument();
    expect(posts).toEqual([{ path: `/api/v1/invoices/${invoice.id}/credit-notes`, key: posts[0]?.key, body: { kind: "credit", amount: 60000, reason: "Boiler" } }]);
    expect(posts[0]?.key).toMatch(/^[0-9a-f-]{36}$/u);
    expect(screen.getByRole("region", { name: "Summary" })).toHaveTextContent("Outstanding€950.00");
  });

  it("shows the API's refusal of a credit next to its amount", async () => {
    const invoice = anInvoice();
    stub(invoice, {
      creditAnswer: () =>
        jsonResponse(
          { type: "urn:doorstep:problem:credit-exceeds-outstanding", title: "The credit is more than the invoice still asks for", status: 409, detail: "The invoice still asks for 10000; the credit cannot exceed it.", errors: [] },
          409,
        ),
    });
    const user = userEvent.setup();
    renderInvoice(invoice);
    await user.click(await screen.findByRole("button", { name: "Credit note or write-off" }));
    await user.click(screen.getByRole("radio", { name: /Write-off/u }));
    await user.type(screen.getByLabelText("Amount (EUR)"), "900");
    await user.type(screen.getByLabelText("Reason"), "Tenant left");
    await user.click(screen.getByRole("button", { name: "Write off" }));
    await waitFor(() => {
      expect(screen.getByLabelText("Amount (EUR)")).toHaveAccessibleDescription(/The invoice now asks for less than this/u);
    });
  });

  it("voids an invoice only with a reason, after asking", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice, { role: "owner" });
    const user = userEvent.setup();
    renderInvoice(invoice);
    await user.click(await screen.findByRole("button", { name: "Void invoice" }));
    const dialog = screen.getByRole("dialog", { name: "Void Invoice 42?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, void invoice" }));
    expect(within(dialog).getByLabelText("Reason")).toHaveAccessibleDescription("Say why: the reason is kept with the record.");
    expect(posts).toEqual([]);
    await user.type(within(dialog).getByLabelText("Reason"), "Issued twice");
    await user.click(within(dialog).getByRole("button", { name: "Yes, void invoice" }));
    expect(await screen.findByText("The invoice is void.")).toBeInTheDocument();
    expect(posts).toEqual([{ path: `/api/v1/invoices/${invoice.id}/void`, key: null, body: { reason: "Issued twice" } }]);
    expect(screen.getByText("Status:")).toHaveTextContent("Void");
    expect(screen.queryByRole("group", { name: "Invoice actions" })).not.toBeInTheDocument();
  });

  it("does not offer to void an invoice money was allocated to", async () => {
    const invoice = anInvoice({ state: "paid", paid: 95000, outstanding: 0 });
    stub(invoice, { role: "owner" });
    renderInvoice(invoice);
    expect(await screen.findByText(/Money has been allocated to this invoice, so it cannot be voided/u)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Void invoice" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Credit note or write-off" })).not.toBeInTheDocument();
  });

  it("approves a draft, which then gets its number", async () => {
    const invoice = anInvoice({ status: "draft", state: "draft", number: null, approved_at: null });
    const posts = stub(invoice, { role: "accountant" });
    const user = userEvent.setup();
    renderInvoice(invoice);
    expect(await screen.findByText(/This draft waits for approval/u)).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Draft invoice");
    await user.click(await screen.findByRole("button", { name: "Approve invoice" }));
    expect(await screen.findByText(/Invoice approved: it is now invoice 43/u)).toBeInTheDocument();
    expect(posts.map((post) => post.path)).toEqual([`/api/v1/invoices/${invoice.id}/approve`]);
  });

  it("creates a payment link once per attempt and shows the URL to copy or e-mail", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice);
    const user = userEvent.setup();
    renderInvoice(invoice);
    const panel = await screen.findByRole("region", { name: "Payment link" });
    // Seed 000: the readiness review of the lease's tenant comes first.
    expect(await within(panel).findByText("Nothing blocks sending.")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Create payment link" }));
    const url = await screen.findByRole("textbox", { name: "Payment link" });
    expect(url).toHaveValue("http://doorstep.test/portal/pay/abc123");
    expect(posts).toEqual([
      {
        path: `/api/v1/invoices/${invoice.id}/payment-links`,
        key: expect.any(String) as string,
        body: { tenant_id: TENANT_ID, readiness_override: null },
      },
    ]);
    expect(screen.getByText(/Doorstep does not send this link/u)).toBeInTheDocument();
    const write = screen.getByRole("link", { name: "Write to the tenant" });
    expect(write.getAttribute("href")).toMatch(/^mailto:tenant%40doorstep\.example\?subject=Invoice%2042%20from%20Demo%20Lettings/u);
    expect(decodeURIComponent(write.getAttribute("href") ?? "")).toContain("Invoice 42 of €950.00 is due on 1 December 2026");
  });

  it("creates a link despite a blocking review only with a reason, sent as the override", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice, { readinessBlocking: true });
    const user = userEvent.setup();
    renderInvoice(invoice);
    const panel = await screen.findByRole("region", { name: "Payment link" });
    expect(await within(panel).findByText(/Invoice 42 asks for €1,200.00/u)).toBeInTheDocument();
    const create = within(panel).getByRole("button", { name: "Create payment link" });
    expect(create).toBeDisabled();
    await user.click(within(panel).getByRole("checkbox", { name: /Send anyway/u }));
    await user.type(within(panel).getByRole("textbox", { name: /Why it is sent anyway/u }), "Tenant asked for it");
    expect(create).toBeEnabled();
    await user.click(create);
    await screen.findByRole("textbox", { name: "Payment link" });
    expect(posts.map((post) => post.body)).toEqual([{ tenant_id: TENANT_ID, readiness_override: { reason: "Tenant asked for it" } }]);
  });

  it("e-mails the payment link from a separate button and shows who sent it and when", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice);
    const user = userEvent.setup();
    renderInvoice(invoice);
    const region = await screen.findByRole("region", { name: "Send the payment link by e-mail" });
    // Seed 000: the same readiness review as for the link comes first.
    expect(await within(region).findByText("Nothing blocks sending.")).toBeInTheDocument();
    await user.click(within(region).getByRole("button", { name: "Send by e-mail" }));
    expect(await within(region).findByText("Sent to Tara Tenant.")).toBeInTheDocument();
    expect(posts).toEqual([
      {
        path: `/api/v1/collections/invoices/${invoice.id}/payment-link-emails`,
        key: expect.any(String) as string,
        body: { readiness_override: null },
      },
    ]);
    // Below the review's items, the sends so far.
    const entry = await within(region).findByText(/by Mia Manager to Tara Tenant/u);
    expect(entry.tagName).toBe("LI");
    expect(entry).toHaveTextContent("14 December 2026");
  });

  it("e-mails the link despite a blocking review only with a reason, sent as the override", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice, { readinessBlocking: true });
    const user = userEvent.setup();
    renderInvoice(invoice);
    const region = await screen.findByRole("region", { name: "Send the payment link by e-mail" });
    expect(await within(region).findByText(/Invoice 42 asks for €1,200.00/u)).toBeInTheDocument();
    const send = within(region).getByRole("button", { name: "Send by e-mail" });
    expect(send).toBeDisabled();
    await user.click(within(region).getByRole("checkbox", { name: /Send anyway/u }));
    expect(send).toBeDisabled();
    await user.type(within(region).getByRole("textbox", { name: /Why it is sent anyway/u }), "   ");
    expect(send).toBeDisabled();
    await user.type(within(region).getByRole("textbox", { name: /Why it is sent anyway/u }), "Tenant asked for it");
    expect(send).toBeEnabled();
    await user.click(send);
    expect(await within(region).findByText("Sent to Tara Tenant.")).toBeInTheDocument();
    expect(posts.map((post) => post.body)).toEqual([{ readiness_override: { reason: "Tenant asked for it" } }]);
  });

  it("offers to send anyway when the API refuses the e-mail as not ready", async () => {
    const invoice = anInvoice();
    const posts = stub(invoice, { readinessRefusesEmail: true });
    const user = userEvent.setup();
    renderInvoice(invoice);
    const region = await screen.findByRole("region", { name: "Send the payment link by e-mail" });
    expect(await within(region).findByText("Nothing blocks sending.")).toBeInTheDocument();
    await user.click(within(region).getByRole("button", { name: "Send by e-mail" }));
    expect(await within(region).findByText(/Ben's e-mail bounced/u)).toBeInTheDocument();
    await user.click(within(region).getByRole("checkbox", { name: /Send anyway/u }));
    await user.type(within(region).getByRole("textbox", { name: /Why it is sent anyway/u }), "New address given by phone");
    await user.click(within(region).getByRole("button", { name: "Send by e-mail" }));
    expect(await within(region).findByText("Sent to Tara Tenant.")).toBeInTheDocument();
    expect(posts.map((post) => post.body)).toEqual([
      { readiness_override: null },
      { readiness_override: { reason: "New address given by phone" } },
    ]);
  });

  it("shows payment links as in progress when the agency has not switched them on", async () => {
    const invoice = anInvoice();
    stub(invoice, { paymentLinks: false });
    renderInvoice(invoice);
    const region = await screen.findByRole("region", { name: "Payment link" });
    expect(region).toHaveTextContent("In progress");
    expect(within(region).queryByRole("button")).not.toBeInTheDocument();
  });
});

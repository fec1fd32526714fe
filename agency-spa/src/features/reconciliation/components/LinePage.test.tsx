import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import type { Role } from "@/lib/auth/permissions";
import { aLease, aPayment, aStatementLine, anInvoice, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { LinePage } from "./LinePage";

type Line = components["schemas"]["StatementLineOut"];

function stub(role: Role, initial: Line, { failMatchOnce = false } = {}) {
  let line = initial;
  const calls: string[] = [];
  const base = `/api/v1/reconciliation/lines/${line.id}`;
  let matchAttempts = 0;
  const answer = (next: Partial<Line>) => {
    line = { ...line, ...next, resolved_by_name: "Ann Peeters", resolved_at: "2026-12-02T11:00:00Z" };
    return jsonResponse(line);
  };
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(line),
    "GET /api/v1/invoices": (request) => {
      calls.push(`invoices ${new URL(request.url).searchParams.getAll("state").join(",")}`);
      return jsonResponse(
        page([
          anInvoice({ id: "inv-8", number: 8, outstanding: 87500, unit_name: "Flat 1B", tenant_names: ["Noah Neighbour"] }),
          anInvoice({ id: "inv-7", number: 7, outstanding: 95000 }),
        ]),
      );
    },
    [`POST ${base}/match-invoice`]: async (request) => {
      calls.push(`match-invoice ${JSON.stringify(await request.json())} key=${request.headers.get("Idempotency-Key") ?? ""}`);
      return answer({ status: "matched", match_kind: "invoice", invoice_id: "inv-7", invoice_number: 7, payment_id: "pay-1", lease_id: "lease-1" });
    },
    "GET /api/v1/leases": () => jsonResponse(page([aLease({ id: "lease-1", status: "active" })])),
    "GET /api/v1/payments": () => jsonResponse(page([aPayment({ id: "pay-3", reference: "december" })])),
    "POST /api/v1/payments": async (request) => {
      calls.push(`record ${JSON.stringify(await request.json())} key=${request.headers.get("Idempotency-Key") ?? ""}`);
      return jsonResponse({ id: "pay-9" }, 201);
    },
    [`POST ${base}/match-payment`]: async (request) => {
      matchAttempts += 1;
      calls.push(`match-payment ${JSON.stringify(await request.json())}`);
      if (failMatchOnce && matchAttempts === 1) return Promise.reject(new TypeError("Failed to fetch"));
      return answer({ status: "matched", match_kind: "payment", payment_id: "pay-9", lease_id: "lease-1" });
    },
    [`POST ${base}/ignore`]: async (request) => {
      calls.push(`ignore ${JSON.stringify(await request.json())}`);
      return answer({ status: "ignored", ignore_reason: "Own transfer" });
    },
    [`POST ${base}/reopen`]: () => {
      calls.push("reopen");
      line = { ...line, status: "unmatched", ignore_reason: null, resolved_at: null, resolved_by_name: null };
      return jsonResponse(line);
    },
  });
  return calls;
}

const renderLine = (line: Line) => renderWithProviders(<LinePage lineId={line.id} />);

describe("LinePage (review queue)", () => {
  it("suggests the invoice of the same amount named in the reference, and matches it", async () => {
    const line = aStatementLine();
    const calls = stub("accountant", line);
    const user = userEvent.setup();
    renderLine(line);

    expect(await screen.findByRole("heading", { level: 1, name: "€950.00 on December 2, 2026" })).toBeInTheDocument();
    const suggested = await screen.findByRole("group", { name: "Suggested invoices" });
    const options = within(suggested).getAllByRole("radio");
    expect(options.map((option) => option.closest("label")?.textContent.trim())).toEqual([
      "Invoice 7 · Flat 1A · Residence Louise · Tess Tenant · due 1 December 2026 · still due €950.00 same amountnumber in the referencepayer named",
    ]);
    await user.click(within(suggested).getByRole("radio"));
    await user.click(screen.getByRole("button", { name: "Match to invoice 7" }));

    expect(await screen.findByText("Matched to invoice 7: the bank transfer is recorded.")).toBeInTheDocument();
    expect(screen.getByText("State:")).toHaveTextContent("State: Matched");
    expect(screen.getByRole("link", { name: "Invoice 7" })).toHaveAttribute("href", "/invoices/inv-7");
    expect(screen.getByRole("link", { name: "Bank transfer recorded" })).toHaveAttribute("href", "/payments/pay-1");
    expect(calls[0]).toBe("invoices open,partially_paid");
    expect(calls[1]).toMatch(/^match-invoice \{"invoice_id":"inv-7"\} key=[0-9a-f-]{36}$/);
    expect(screen.queryByRole("region", { name: "What is this line?" })).not.toBeInTheDocument();
  });

  it("finds another invoice by search and warns when the amounts differ", async () => {
    const line = aStatementLine();
    stub("manager", line);
    const user = userEvent.setup();
    renderLine(line);
    await user.type(await screen.findByRole("searchbox", { name: "Find an open invoice" }), "flat 1b");
    const matching = await screen.findByRole("group", { name: "Matching open invoices" });
    await user.click(within(matching).getByRole("radio"));
    expect(screen.getByText(/The line is €75.00 more than the invoice asks for/)).toBeInTheDocument();
  });

  it("records the line as a bank transfer on a lease, and retries only the match when that failed", async () => {
    const line = aStatementLine({ reference: "december", counterparty: "Tess Tenant" });
    const calls = stub("owner", line, { failMatchOnce: true });
    const user = userEvent.setup();
    renderLine(line);

    await user.click(await screen.findByRole("radio", { name: "money for a lease, to record as a payment" }));
    await user.click(await screen.findByRole("radio", { name: /Flat 1A · Residence Louise — Tess Tenant/ }));
    expect(screen.getByRole("combobox", { name: "Paid by" })).toHaveValue("0b6f1d4e-0000-4000-8000-0000000000d1");
    await user.click(screen.getByRole("button", { name: "Record a bank transfer of €950.00" }));

    expect(await screen.findByText(/The payment is recorded, but matching it to the line failed/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Match the recorded payment" }));
    expect(await screen.findByText("€950.00 recorded as a bank transfer and matched to this line.")).toBeInTheDocument();

    expect(calls.filter((call) => call.startsWith("record"))).toHaveLength(1);
    expect(calls.find((call) => call.startsWith("record"))).toMatch(
      /^record \{"lease_id":"lease-1","tenant_id":"0b6f1d4e-0000-4000-8000-0000000000d1","amount":95000,"currency":"EUR","method":"bank_transfer","received_on":"2026-12-02","reference":"december"\} key=[0-9a-f-]{36}$/,
    );
    expect(calls.filter((call) => call.startsWith("match-payment"))).toEqual([
      'match-payment {"payment_id":"pay-9"}',
      'match-payment {"payment_id":"pay-9"}',
    ]);
  });

  it("asks which recorded payment the line is before matching it, next to the list", async () => {
    const line = aStatementLine();
    const calls = stub("accountant", line);
    const user = userEvent.setup();
    renderLine(line);

    await user.click(await screen.findByRole("radio", { name: "a payment already recorded in Doorstep" }));
    const payments = await screen.findByRole("group", { name: "Payments of the same amount" });
    await user.click(screen.getByRole("button", { name: "Match to the payment" }));

    expect(payments).toHaveAccessibleDescription("Choose the payment this line is.");
    expect(calls.filter((call) => call.startsWith("match-payment"))).toEqual([]);
    await user.click(within(payments).getByRole("radio", { name: /^Tess Tenant · .* · reference december · €950\.00/ }));
    expect(screen.queryByText("Choose the payment this line is.")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Match to the payment" }));

    expect(await screen.findByText("Matched to the recorded payment.")).toBeInTheDocument();
    expect(calls.filter((call) => call.startsWith("match-payment"))).toEqual(['match-payment {"payment_id":"pay-3"}']);
  });

  it("sets a line aside with a reason, and puts it back in the queue", async () => {
    const line = aStatementLine();
    const calls = stub("accountant", line);
    const user = userEvent.setup();
    renderLine(line);

    await user.click(await screen.findByRole("radio", { name: "not a tenant's payment (leave it out of the books)" }));
    await user.click(screen.getByRole("button", { name: "Mark as not a tenant payment" }));
    expect(screen.getByText("This field is required.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Why it is not a tenant's payment"), "Own transfer");
    await user.click(screen.getByRole("button", { name: "Mark as not a tenant payment" }));

    expect(await screen.findByText("Marked as not a tenant payment.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "What the bank says" })).toHaveTextContent("Own transfer");
    await user.click(screen.getByRole("button", { name: "Put back in the review queue" }));
    expect(await screen.findByText("The line is back in the review queue.")).toBeInTheDocument();
    expect(screen.getByText("State:")).toHaveTextContent("State: Needs review");
    expect(calls.filter((call) => !call.startsWith("invoices"))).toEqual(['ignore {"reason":"Own transfer"}', "reopen"]);
  });

  it("shows a viewer the line and no action", async () => {
    const line = aStatementLine();
    stub("viewer", line);
    renderLine(line);
    expect(await screen.findByRole("region", { name: "What the bank says" })).toHaveTextContent("rent dec inv 7");
    await waitFor(() => {
      expect(screen.queryByRole("region", { name: "What is this line?" })).not.toBeInTheDocument();
    });
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { aPayment, anInvoice, page, staffMe } from "@/testing/fixtures";
import { DashboardRoute } from "./routes/dashboard";
import { InvoicesRoute } from "./routes/invoices";
import { PaymentsRoute } from "./routes/payments";

const overdue = [
  anInvoice({ id: "0b6f1d4e-0000-4000-8000-0000000000f1", number: 41, overdue: true, due_date: "2026-10-01" }),
  anInvoice({ id: "0b6f1d4e-0000-4000-8000-0000000000f2", number: 40, overdue: true, due_date: "2026-09-01", tenant_names: ["Ann Archer"] }),
];
const failed = aPayment({ id: "0b6f1d4e-0000-4000-8000-000000000109", status: "failed", method: "card", receipt_number: null, allocations: [], allocated: 0, failure_reason: "Card declined" });

/** The API as the start page and the lists it opens see it; every request is kept to check its filters. */
function stub() {
  const requests: URL[] = [];
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("accountant")),
    "GET /api/v1/properties": () => jsonResponse(page([])),
    "GET /api/v1/dashboard": () =>
      jsonResponse({
        today: "2026-11-23",
        timezone: "Europe/Brussels",
        currency: "EUR",
        actions: {
          overdue_invoices: 2,
          overdue_amount: 190000,
          approvals_waiting: 0,
          transfer_proofs_to_review: 0,
          unmatched_bank_lines: 0,
          failed_payments: 1,
          recurring_needing_attention: 0,
          incidents_to_qualify: 0,
          follow_ups_awaiting_review: 0,
        },
        month: { period_start: "2026-11-01", period_end: "2026-11-30", invoices: 0, expected: 0, collected: 0, outstanding: 0 },
      }),
    "GET /api/v1/invoices": (request) => {
      const url = new URL(request.url);
      requests.push(url);
      return jsonResponse(page(url.searchParams.get("overdue") === "true" ? overdue : [...overdue, anInvoice({ id: "0b6f1d4e-0000-4000-8000-0000000000f3", number: 43 })]));
    },
    "GET /api/v1/invoice-totals": (request) => {
      requests.push(new URL(request.url));
      return jsonResponse({ currency: "EUR", invoices: 2, total: 190000, credited: 0, paid: 0, outstanding: 190000 });
    },
    "GET /api/v1/invoices.csv": (request) => {
      requests.push(new URL(request.url));
      return new Response("\ufeffnumber\r\n41\r\n", {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=\"invoices-2026-11-23.csv\"; filename*=UTF-8''invoices-2026-11-23.csv" },
      });
    },
    "GET /api/v1/payments": (request) => {
      const url = new URL(request.url);
      requests.push(url);
      return jsonResponse(page(url.searchParams.get("status") === "failed" ? [failed] : [failed, aPayment()]));
    },
    "GET /api/v1/payment-totals": (request) => {
      requests.push(new URL(request.url));
      return jsonResponse({ currency: "EUR", payments: 1, received: 0, refunded: 0, allocated: 0, unallocated: 0 });
    },
  });
  return { requests, fetch };
}

function app(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/dashboard" element={<DashboardRoute />} />
      <Route path="/invoices" element={<InvoicesRoute />} />
      <Route path="/payments" element={<PaymentsRoute />} />
    </Routes>,
    { route },
  );
}

const bodyRows = () => screen.getAllByRole("row").slice(1);

describe("the start page's counts", () => {
  it("open the overdue invoices: the list asks the API for exactly them and shows as many rows as the count", async () => {
    const { requests } = stub();
    const user = userEvent.setup();
    app("/dashboard");

    await user.click(await screen.findByRole("link", { name: "2 overdue invoices" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Invoices" })).toBeInTheDocument();
    await waitFor(() => {
      expect(bodyRows()).toHaveLength(2);
    });
    expect(screen.getByRole("checkbox", { name: "Overdue only" })).toBeChecked();
    const list = requests.find((url) => url.pathname === "/api/v1/invoices");
    expect(list?.searchParams.get("overdue")).toBe("true");
    const totals = requests.find((url) => url.pathname === "/api/v1/invoice-totals");
    expect(totals?.searchParams.get("overdue")).toBe("true");
    expect(await screen.findByLabelText("Totals of the list")).toHaveTextContent("Still due€1,900.00");
  });

  it("open the failed payments", async () => {
    const { requests } = stub();
    const user = userEvent.setup();
    app("/dashboard");

    await user.click(await screen.findByRole("link", { name: "1 failed payment" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Payments" })).toBeInTheDocument();
    await waitFor(() => {
      expect(bodyRows()).toHaveLength(1);
    });
    expect(requests.find((url) => url.pathname === "/api/v1/payments")?.searchParams.get("status")).toBe("failed");
  });
});

describe("the invoice and payment lists", () => {
  it("search a tenant from the address, and download the same filtered set as CSV", async () => {
    const { requests } = stub();
    const createObjectURL = vi.fn(() => "blob:invoices");
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = vi.fn();
      },
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const user = userEvent.setup();
    app("/invoices?q=archer&due_from=2026-09-01&due_to=2026-10-31");

    expect(await screen.findByRole("searchbox", { name: /Tenant/u })).toHaveValue("archer");
    await user.click(await screen.findByRole("button", { name: "Download as CSV (spreadsheet)" }));

    await waitFor(() => {
      expect(click).toHaveBeenCalledOnce();
    });
    const csv = requests.find((url) => url.pathname === "/api/v1/invoices.csv");
    expect(Object.fromEntries(csv?.searchParams ?? [])).toEqual({ q: "archer", due_from: "2026-09-01", due_to: "2026-10-31" });
    const list = requests.find((url) => url.pathname === "/api/v1/invoices");
    expect(list?.searchParams.get("q")).toBe("archer");
    expect(requests.find((url) => url.pathname === "/api/v1/invoice-totals")?.searchParams.get("due_to")).toBe("2026-10-31");
  });

  it("filter payments by the days received, kept in the address", async () => {
    const { requests } = stub();
    const user = userEvent.setup();
    app("/payments?received_from=2026-11-01");

    const from = await screen.findByLabelText("Received from");
    expect(from).toHaveValue("2026-11-01");
    await user.type(screen.getByLabelText("Received until"), "2026-11-30");

    await waitFor(() => {
      const last = requests.filter((url) => url.pathname === "/api/v1/payments").at(-1);
      expect(last?.searchParams.get("received_to")).toBe("2026-11-30");
    });
    const last = requests.filter((url) => url.pathname === "/api/v1/payment-totals").at(-1);
    expect(last?.searchParams.get("received_from")).toBe("2026-11-01");
    expect(within(await screen.findByLabelText("Totals of the list")).getByText("1")).toBeInTheDocument();
  });
});

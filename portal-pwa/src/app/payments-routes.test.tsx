import { onlineManager } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi, unauthorized } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { balanceQueryKey } from "@/features/payments/api/get-my-balance";
import { invoiceQueryKey } from "@/features/payments/api/get-my-invoice";
import { invoicesQueryKey } from "@/features/payments/api/get-my-invoices";
import { myLeasesQueryOptions } from "@/features/leases/api/get-my-leases";
import { session } from "@/lib/api/client";
import { meQueryOptions } from "@/lib/auth/me";
import type * as persistence from "@/lib/query-persistence";
import { endedLease, lease, tenantProfile } from "@/testing/fixtures";
import { balance, invoice, paymentInstructions, paymentLink } from "@/testing/payment-fixtures";
import { preloadRoutes } from "@doorstep/web-shared/lib/lazy-route";
import { AppRoutes } from "./AppRoutes";

// Screens are loaded on first visit in the app; here they are all loaded up front, so each
// appears on its first render.
beforeAll(preloadRoutes, 120_000);

const saved = vi.hoisted(() => ({ hasData: true }));
vi.mock("@/lib/query-persistence", async (importOriginal) => ({
  ...(await importOriginal<typeof persistence>()),
  hasSavedData: () => Promise.resolve(saved.hasData),
}));

const tess = tenantProfile();
const flagey = endedLease({ status: "active", next_due_date: "2026-12-05" });

describe("the payments area, signed in", () => {
  beforeEach(() => {
    session.signIn({ access_token: "t1", expires_in: 900 });
  });

  it("is in the bottom navigation: balances name each lease, invoices open with their figures", async () => {
    const flageyInvoice = invoice({
      id: "9c1e2d3f-0000-4000-8000-000000000399",
      number: 43,
      lease_id: flagey.id,
      property_name: "Maison Flagey",
      unit_name: "Studio 3",
      total: 72000,
      credited: 2000,
      paid: 20000,
      outstanding: 50000,
      state: "partially_paid",
      overdue: true,
      lines: [{ description: "Rent December 2026", amount: 72000 }],
    });
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tess),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [lease(), flagey], next_cursor: null }),
      "GET /api/v1/portal/balance": () =>
        jsonResponse([balance(), balance({ lease_id: flagey.id, outstanding: 50000, credit: 1500, balance: 48500 })]),
      "GET /api/v1/portal/invoices": () => jsonResponse({ items: [invoice(), flageyInvoice], next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
      "GET /api/v1/portal/payment-methods": () =>
        jsonResponse({ type: "urn:doorstep:problem:feature-not-enabled", title: "Not enabled", status: 409, detail: "", errors: [] }, 409),
      [`GET /api/v1/portal/invoices/${flageyInvoice.id}`]: () => jsonResponse(flageyInvoice),
      [`GET /api/v1/portal/leases/${lease().id}/payment-instructions`]: () => jsonResponse(paymentInstructions()),
      [`GET /api/v1/portal/leases/${flagey.id}/payment-instructions`]: () =>
        jsonResponse(paymentInstructions({ lease_id: flagey.id, reference: "RF18539007547099" })),
    });
    const user = userEvent.setup();
    renderWithProviders(<AppRoutes />, { route: "/" });

    // Home: the balance per lease, and the next rent's card links to paying it.
    const home = await screen.findByRole("region", { name: "Your balance" });
    expect(await within(home).findByText("Maison Flagey, Studio 3")).toBeInTheDocument();
    const nextDue = screen.getByRole("region", { name: "Next rent due" });
    expect(await within(nextDue).findByRole("link", { name: "Pay this rent (€950.00)" })).toHaveAttribute("href", `/payments/invoices/${invoice().id}`);

    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Payments" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Payments" })).toBeInTheDocument();
    const balances = screen.getByRole("region", { name: "Your balance" });
    const items = within(balances).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Residence Louise, Flat 1A");
    expect(items[0]).toHaveTextContent("You owe €950.00");
    expect(items[1]).toHaveTextContent("Maison Flagey, Studio 3");
    expect(items[1]).toHaveTextContent("You owe €485.00");
    expect(items[1]).toHaveTextContent("Credit held€15.00");
    expect(within(items[1]!).getByRole("link", { name: /^Pay invoice 43 \(€500\.00\)\s*\(Maison Flagey, Studio 3\)$/u })).toHaveAttribute(
      "href",
      `/payments/invoices/${flageyInvoice.id}`,
    );

    await user.click(screen.getByRole("link", { name: /^Invoice 43/u }));
    const detail = await screen.findByRole("article", { name: "Invoice 43" });
    expect(within(detail).getAllByText("Partly paid · Overdue").length).toBeGreaterThan(0);
    expect(detail).toHaveTextContent("This invoice is overdue: it was due on 1 December 2026.");
    const table = within(detail).getByRole("table");
    expect(within(table).getByRole("row", { name: "Total €720.00" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Credit notes −€20.00" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Paid so far €200.00" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Left to pay €500.00" })).toBeInTheDocument();
    expect(within(detail).getByText("Maison Flagey, Studio 3")).toBeInTheDocument();
    // An open invoice says how to pay it by transfer: the lease's own reference.
    const bank = await within(detail).findByRole("region", { name: "Pay by bank transfer" });
    expect(within(bank).getByText("BE71 0961 2345 6769")).toBeInTheDocument();
    expect(within(bank).getByText("RF18 5390 0754 7099")).toBeInTheDocument();
    // The agency has no card payments: said plainly, no form.
    expect(await within(detail).findByText("Card payments: in progress")).toBeInTheDocument();
    expect(within(detail).queryByRole("button", { name: /^Pay / })).not.toBeInTheDocument();
  });
});

describe("the home's bank details, signed in", () => {
  beforeEach(() => {
    session.signIn({ access_token: "t1", expires_in: 900 });
  });

  it("come for every active lease in one answer: no lease's card asks on its own", async () => {
    const flageyInstructions = paymentInstructions({ lease_id: flagey.id, reference: "RF18539007547099" });
    const fetch = stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tess),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [lease(), flagey], next_cursor: null }),
      "GET /api/v1/portal/balance": () => jsonResponse([balance(), balance({ lease_id: flagey.id })]),
      "GET /api/v1/portal/invoices": () => jsonResponse({ items: [invoice()], next_cursor: null }),
      "GET /api/v1/portal/payment-instructions": () => jsonResponse([paymentInstructions(), flageyInstructions]),
    });
    renderWithProviders(<AppRoutes />, { route: "/" });

    const cards = await screen.findAllByRole("region", { name: /^Pay by bank transfer/u });
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByText("RF18 5390 0754 7034")).toBeInTheDocument();
    expect(within(cards[1]!).getByText("RF18 5390 0754 7099")).toBeInTheDocument();
    const asked = fetch.mock.calls.map(([request]) => new URL(request.url).pathname);
    expect(asked.filter((path) => path.endsWith("/payment-instructions"))).toEqual(["/api/v1/portal/payment-instructions"]);
  });
});

describe("the payments area, offline", () => {
  beforeEach(async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    onlineManager.setOnline(false);
    await session.logout();
    saved.hasData = true;
    await session.restore();
  });
  afterEach(() => {
    onlineManager.setOnline(true);
  });

  it("shows the saved balance and invoices, and says paying needs a connection", async () => {
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<AppRoutes />, { route: "/payments" });
    queryClient.setQueryData(meQueryOptions().queryKey, tess);
    queryClient.setQueryData(myLeasesQueryOptions().queryKey, [lease()]);
    queryClient.setQueryData(balanceQueryKey, [balance()]);
    queryClient.setQueryData(invoicesQueryKey("to-pay"), { pages: [{ items: [invoice()], next_cursor: null }], pageParams: [null] });
    queryClient.setQueryData(invoiceQueryKey(invoice().id), invoice());

    expect(await screen.findByText("You owe €950.00")).toBeInTheDocument();
    await user.click(await screen.findByRole("link", { name: /^Invoice 42/u }));
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice 42" })).toBeInTheDocument();
    const pay = screen.getByRole("region", { name: "Pay now" });
    expect(pay).toHaveTextContent("You are offline. Paying needs an internet connection");
    expect(within(pay).queryByRole("button")).not.toBeInTheDocument();
  });
});

describe("a payment link", () => {
  it("opens without signing in (no redirect to the login page)", async () => {
    stubApi({
      "POST /api/v1/auth/tenant/refresh": unauthorized,
      "POST /api/v1/auth/tenant/logout": () => new Response(null, { status: 204 }),
      "GET /api/v1/pay/tok_0123456789abcdefghij": () => jsonResponse(paymentLink()),
    });
    await session.logout();
    saved.hasData = false;
    await session.restore();

    renderWithProviders(<AppRoutes />, { route: "/pay/tok_0123456789abcdefghij" });

    expect(screen.getByRole("heading", { level: 1, name: "Pay your invoice" })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Requested by Demo Lettings" })).toHaveTextContent("€950.00");
    expect(screen.queryByRole("heading", { name: "Sign in" })).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
  });
});

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { page, staffMe } from "@/testing/fixtures";
import type { RecurringSetupDetail, ScheduledCharge } from "../api/recurring";
import { RecurringDetailPage } from "./RecurringDetailPage";
import { RecurringListPage } from "./RecurringListPage";

const SETUP_ID = "7d1e0000-0000-4000-8000-000000000901";

function charge(overrides: Partial<ScheduledCharge> = {}): ScheduledCharge {
  return {
    id: "7d1e0000-0000-4000-8000-000000000a01",
    invoice_id: "7d1e0000-0000-4000-8000-000000000b01",
    invoice_number: 43,
    status: "reminded",
    due_date: "2027-01-01",
    charge_on: "2027-01-01",
    amount: { amount: 95000, currency: "EUR" },
    reminded_at: "2026-12-29T08:00:00Z",
    failure_kind: null,
    failure_reason: null,
    settled_at: null,
    ...overrides,
  };
}

function setup(overrides: Partial<RecurringSetupDetail> = {}): RecurringSetupDetail {
  const declined = charge({ id: "c0", invoice_number: 42, due_date: "2026-12-01", charge_on: "2026-12-01", status: "failed", failure_kind: "declined", failure_reason: "Your card was declined." });
  return {
    id: SETUP_ID,
    lease_id: "0b6f1d4e-0000-4000-8000-0000000000d1",
    tenant_id: "0b6f1d4e-0000-4000-8000-0000000000c1",
    tenant_name: "Tess Tenant",
    place: "Residence Louise, Flat 1A",
    method: "card",
    status: "active",
    payment_method_label: "Visa •••• 4242",
    agreed_amount: { amount: 95000, currency: "EUR" },
    authorisation_version: "2026-01",
    authorised_at: "2026-11-06T09:00:00Z",
    started_on: "2026-11-06",
    covers_invoices_from: "2026-11-07",
    ended_at: null,
    end_reason: null,
    next_charge: charge(),
    last_result: declined,
    needs_attention: true,
    charges: [declined, charge()],
    ...overrides,
  };
}

describe("RecurringListPage", () => {
  it("lists set-ups with next charge and last result, and filters those needing attention", async () => {
    const asked: string[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/recurring-payments": (request) => {
        asked.push(new URL(request.url).search);
        return jsonResponse(page([setup()]));
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<RecurringListPage />, { route: "/recurring-payments" });
    const row = (await screen.findByRole("link", { name: "Tess Tenant" })).closest("tr");
    expect(row).not.toBeNull();
    const cells = within(row as HTMLElement).getAllByRole("cell");
    expect(cells[1]).toHaveTextContent("Visa •••• 4242");
    expect(cells[2]).toHaveTextContent("Active Needs attention");
    expect(cells[3]).toHaveTextContent("€950.00");
    expect(cells[3]).toHaveTextContent("Reminded");
    expect(cells[4]).toHaveTextContent("Failed Card declined");

    await user.click(screen.getByRole("checkbox", { name: "Only those needing attention" }));
    await screen.findByRole("link", { name: "Tess Tenant" });
    expect(asked.at(-1)).toBe("?needs_attention=true");
  });
});

describe("RecurringDetailPage", () => {
  it("shows the charge history and cancels after confirmation", async () => {
    let cancelled = false;
    const afterCancel = setup({ status: "cancelled", ended_at: "2026-12-06T10:00:00Z", end_reason: "cancelled by staff" });
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("accountant")),
      [`GET /api/v1/recurring-payments/${SETUP_ID}`]: () => jsonResponse(cancelled ? afterCancel : setup()),
      [`POST /api/v1/recurring-payments/${SETUP_ID}/cancel`]: () => {
        cancelled = true;
        return jsonResponse(afterCancel);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<RecurringDetailPage setupId={SETUP_ID} />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Recurring payment of Tess Tenant");
    const history = screen.getByRole("table");
    const rows = within(history).getAllByRole("row");
    // Newest first: January's reminded charge, then December's declined one.
    expect(rows[1]).toHaveTextContent("Invoice 43");
    expect(rows[2]).toHaveTextContent("Invoice 42");
    expect(rows[2]).toHaveTextContent("Card declined");

    await user.click(await screen.findByRole("button", { name: "Cancel recurring payment" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this recurring payment?" });
    expect(cancelled).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Cancel recurring payment" }));
    expect(await screen.findByText(/cancelled by staff/u)).toBeInTheDocument();
    expect(cancelled).toBe(true);
    expect(screen.queryByRole("button", { name: "Cancel recurring payment" })).not.toBeInTheDocument();
  });

  it("offers no cancel to a viewer", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      [`GET /api/v1/recurring-payments/${SETUP_ID}`]: () => jsonResponse(setup()),
    });
    renderWithProviders(<RecurringDetailPage setupId={SETUP_ID} />);
    await screen.findByRole("heading", { level: 1 });
    await screen.findByText("Visa •••• 4242");
    expect(screen.queryByRole("button", { name: "Cancel recurring payment" })).not.toBeInTheDocument();
  });
});

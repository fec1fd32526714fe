import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Customer } from "../api/list-customers";
import { CustomersListPage } from "./CustomersListPage";

const zoe: Customer = {
  id: "t1",
  first_name: "Zoe",
  last_name: "Client",
  email: "zoe@doorstep.example",
  phone: "+32470123456",
  phone_display: "0470 12 34 56",
  language: null,
  has_portal_account: true,
  created_at: "2026-12-01T09:00:00Z",
};

function stub(role: Role, deleteStatus = 204) {
  let deleted = false;
  return stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/tenants": () => jsonResponse(page(deleted ? [] : [zoe])),
    "DELETE /api/v1/customers/t1": () => {
      if (deleteStatus !== 204) {
        return jsonResponse(
          {
            type: "urn:doorstep:problem:customer-on-live-lease",
            title: "This customer is on a lease that is still running",
            status: 409,
            detail: "This customer is on an active or draft lease. End or cancel the lease first, then delete the customer.",
          },
          deleteStatus,
        );
      }
      deleted = true;
      return new Response(null, { status: 204 });
    },
  });
}

describe("CustomersListPage", () => {
  it("deletes a customer only after confirming, saying what stays", async () => {
    const fetch = stub("manager");
    const user = userEvent.setup();
    renderWithProviders(<CustomersListPage />, { route: "/customers" });
    await user.click(await screen.findByRole("button", { name: "Delete Zoe Client" }));
    const dialog = screen.getByRole("dialog", { name: "Delete Zoe Client?" });
    expect(dialog).toHaveTextContent("zoe@doorstep.example");
    expect(dialog).toHaveTextContent("financial records stay");
    expect(dialog).toHaveTextContent("no active or draft lease");
    expect(dialog).toHaveTextContent("no credit held for them");
    await user.click(within(dialog).getByRole("button", { name: "Keep the customer" }));
    expect(fetch.mock.calls.filter(([request]) => request.method === "DELETE")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Delete Zoe Client" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete the customer" }));
    expect(await screen.findByText("Zoe Client was deleted.")).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([request]) => request.method === "DELETE").map(([request]) => new URL(request.url).pathname)).toEqual([
      "/api/v1/customers/t1",
    ]);
    await waitFor(() => {
      expect(screen.queryByRole("row", { name: /Zoe Client/ })).not.toBeInTheDocument();
    });
  });

  it("shows why a delete is refused", async () => {
    stub("owner", 409);
    const user = userEvent.setup();
    renderWithProviders(<CustomersListPage />, { route: "/customers" });
    await user.click(await screen.findByRole("button", { name: "Delete Zoe Client" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete the customer" }));
    expect(await within(screen.getByRole("dialog")).findByText(/End or cancel the lease first/)).toBeInTheDocument();
    expect(within(screen.getByRole("dialog")).getByRole("alert")).toHaveTextContent("Zoe Client cannot be deleted yet.");
  });

  it("says what to settle first when money is still owed either way", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/tenants": () => jsonResponse(page([zoe])),
      "DELETE /api/v1/customers/t1": () =>
        jsonResponse(
          { type: "urn:doorstep:problem:customer-balance-open", title: "Money is still owed by or to this customer", status: 409, detail: "The agency holds money for this customer that no invoice used." },
          409,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<CustomersListPage />, { route: "/customers" });
    await user.click(await screen.findByRole("button", { name: "Delete Zoe Client" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete the customer" }));
    expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent(
      "Zoe Client cannot be deleted yet. Money is still owed by or to them: record the payment, write the invoices off or refund the credit first.",
    );
  });

  it("has no Delete for an accountant", async () => {
    stub("accountant");
    renderWithProviders(<CustomersListPage />, { route: "/customers" });
    await screen.findByRole("row", { name: /Zoe Client/ });
    expect(screen.queryByRole("button", { name: /^Delete/ })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { aLease, anInvoice, page, staffMe } from "@/testing/fixtures";
import { NewInvoicePage } from "./NewInvoicePage";

const lease = aLease({ status: "active" });
const draft = aLease({ id: "lease-draft", status: "draft", unit: { ...lease.unit, name: "Flat 3C" } });

function stub(role: Role = "accountant", answer?: () => Response) {
  const posts: unknown[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
    "GET /api/v1/leases": () => jsonResponse(page([lease, draft])),
    "POST /api/v1/invoices": async (request) => {
      posts.push(await request.json());
      return answer?.() ?? jsonResponse(anInvoice({ kind: "fee", status: "draft", state: "draft", number: null }), 201);
    },
  });
  return posts;
}

function renderPage(query = "") {
  return renderWithProviders(
    <Routes>
      <Route path="/invoices/new" element={<NewInvoicePage />} />
      <Route path="/invoices/:id" element={<p>invoice page</p>} />
    </Routes>,
    { route: `/invoices/new${query}` },
  );
}

describe("NewInvoicePage", () => {
  it("invoices a fee in several lines on a chosen lease, totalled exactly", async () => {
    const posts = stub();
    const user = userEvent.setup();
    renderPage();
    // A draft lease is listed but cannot be invoiced.
    expect(await screen.findByRole("radio", { name: /Flat 3C/u })).toBeDisabled();
    await user.click(screen.getByRole("radio", { name: /Flat 1A · Residence Louise/u }));
    expect(screen.getByRole("group", { name: "Lease" })).toHaveTextContent("Flat 1A · Residence Louise");
    expect(screen.getByText(/The invoice is created as a draft: it waits for staff approval/u)).toBeInTheDocument();

    await user.type(screen.getByLabelText("Due date"), "2026-12-20");
    await user.type(screen.getByLabelText("Line 1: description"), "Replacement key");
    await user.type(screen.getByLabelText("Line 1: amount (EUR)"), "0.10");
    await user.click(screen.getByRole("button", { name: "Add a line" }));
    await waitFor(() => {
      expect(screen.getByLabelText("Line 2: description")).toHaveFocus();
    });
    await user.type(screen.getByLabelText("Line 2: description"), "Call-out");
    await user.type(screen.getByLabelText("Line 2: amount (EUR)"), "0.20");
    expect(screen.getByText("Total: €0.30")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add a line" }));
    await user.click(screen.getByRole("button", { name: "Remove line 3" }));

    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    expect(await screen.findByText("invoice page")).toBeInTheDocument();
    expect(posts).toEqual([
      {
        lease_id: lease.id,
        kind: "fee",
        due_date: "2026-12-20",
        lines: [
          { description: "Replacement key", amount: 10 },
          { description: "Call-out", amount: 20 },
        ],
      },
    ]);
  });

  it("says what is missing on each field before sending, and the API's problem on the line it names", async () => {
    const posts = stub("owner", () =>
      jsonResponse(
        {
          title: "The request is not valid",
          status: 422,
          detail: "lines.0.description: String should have at most 200 characters",
          errors: [{ field: "lines.0.description", message: "Keep it under 200 characters." }],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderPage(`?lease_id=${lease.id}`);
    expect(await screen.findByRole("group", { name: "Lease" })).toHaveTextContent("Flat 1A · Residence Louise");
    await user.type(screen.getByLabelText("Line 1: amount (EUR)"), "12.345");
    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    expect(screen.getByLabelText("Due date")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Line 1: description")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Line 1: amount (EUR)")).toHaveAccessibleDescription("EUR amounts have at most 2 decimals.");
    expect(posts).toEqual([]);

    await user.type(screen.getByLabelText("Due date"), "2026-12-20");
    await user.type(screen.getByLabelText("Line 1: description"), "Key");
    await user.clear(screen.getByLabelText("Line 1: amount (EUR)"));
    await user.type(screen.getByLabelText("Line 1: amount (EUR)"), "12");
    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    expect(await screen.findByText("Keep it under 200 characters.")).toBeInTheDocument();
    expect(screen.getByLabelText("Line 1: description")).toHaveAttribute("aria-invalid", "true");
    expect(within(screen.getByRole("alert")).getByText("Please correct the highlighted fields.")).toBeInTheDocument();
  });

  it("sends one Idempotency-Key per attempt: the same when a lost answer is retried, a new one for other values", async () => {
    const keys: (string | null)[] = [];
    let answers = 0;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
      "GET /api/v1/leases": () => jsonResponse(page([lease])),
      "POST /api/v1/invoices": (request) => {
        keys.push(request.headers.get("Idempotency-Key"));
        answers += 1;
        return answers < 3
          ? jsonResponse({ title: "Service unavailable", status: 503 }, 503)
          : jsonResponse(anInvoice({ kind: "fee" }), 201);
      },
    });
    const user = userEvent.setup();
    renderPage(`?lease_id=${lease.id}`);
    expect(await screen.findByRole("group", { name: "Lease" })).toHaveTextContent("Flat 1A · Residence Louise");
    await user.type(screen.getByLabelText("Due date"), "2026-12-20");
    await user.type(screen.getByLabelText("Line 1: description"), "Key");
    await user.type(screen.getByLabelText("Line 1: amount (EUR)"), "12");

    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    await waitFor(() => {
      expect(keys).toHaveLength(1);
    });
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Create invoice" })).toBeEnabled();
    });
    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    await waitFor(() => {
      expect(keys).toHaveLength(2);
    });
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Create invoice" })).toBeEnabled();
    });
    await user.clear(screen.getByLabelText("Line 1: amount (EUR)"));
    await user.type(screen.getByLabelText("Line 1: amount (EUR)"), "13");
    await user.click(screen.getByRole("button", { name: "Create invoice" }));
    expect(await screen.findByText("invoice page")).toBeInTheDocument();

    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("refuses the form to a viewer", async () => {
    stub("viewer");
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("You do not have permission to do this.");
    expect(screen.queryByRole("button", { name: "Create invoice" })).not.toBeInTheDocument();
  });
});

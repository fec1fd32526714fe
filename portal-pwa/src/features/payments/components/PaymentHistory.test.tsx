import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { payment } from "@/testing/payment-fixtures";
import { PaymentHistory } from "./PaymentHistory";

const LABELS = { "5a7c0e2d-0000-4000-8000-000000000101": "Residence Louise, Flat 1A" };

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("PaymentHistory", () => {
  it("lists payments with method, date, status, allocations, refunds and receipt, and loads more by cursor", async () => {
    const cursors: (string | null)[] = [];
    stubApi({
      "GET /api/v1/portal/payments": (request) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        cursors.push(cursor);
        return cursor === null
          ? jsonResponse({
              items: [
                payment(),
                payment({
                  id: "b7d0c3a1-0000-4000-8000-000000000402",
                  method: "bank_transfer",
                  amount: 50000,
                  received_on: "2026-11-03",
                  reference: "TESS RENT",
                  receipt_number: 12,
                  refunded: 2000,
                  invoice_numbers: [40, 41],
                }),
              ],
              next_cursor: "page-2",
            })
          : jsonResponse({
              items: [payment({ id: "b7d0c3a1-0000-4000-8000-000000000403", status: "failed", receipt_number: null, invoice_numbers: [], received_on: null })],
              next_cursor: null,
            });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<PaymentHistory locale="en-BE" leaseLabels={LABELS} />);

    const items = await screen.findAllByRole("article");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("€950.00");
    expect(items[0]).toHaveTextContent("Card · Received on 1 December 2026");
    expect(items[0]).toHaveTextContent("Invoice 42");
    expect(items[0]).toHaveTextContent("No. 17");
    expect(within(items[0]!).getByRole("button", { name: "Download receipt 17" })).toBeEnabled();
    expect(items[1]).toHaveTextContent("Bank transfer");
    expect(items[1]).toHaveTextContent("Invoice 40, Invoice 41");
    expect(items[1]).toHaveTextContent("€20.00 refunded");
    expect(items[1]).toHaveTextContent("TESS RENT");
    // One lease: it is not repeated on every payment.
    expect(items[0]).not.toHaveTextContent("Residence Louise");

    await user.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findAllByRole("article")).toHaveLength(3);
    const failed = screen.getAllByRole("article")[2]!;
    expect(failed).toHaveTextContent("Failed");
    expect(failed).toHaveTextContent("No receipt");
    expect(within(failed).queryByRole("button", { name: /Download/u })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
    expect(cursors).toEqual([null, "page-2"]);
  });

  it("names the lease of each payment for a tenant on several leases", async () => {
    stubApi({
      "GET /api/v1/portal/payments": () =>
        jsonResponse({ items: [payment(), payment({ id: "b7d0c3a1-0000-4000-8000-000000000409", lease_id: "other-lease" })], next_cursor: null }),
    });
    renderWithProviders(<PaymentHistory locale="en-BE" leaseLabels={{ ...LABELS, "other-lease": "Maison Flagey, Studio 3" }} />);

    const items = await screen.findAllByRole("article");
    expect(items[0]).toHaveTextContent("Residence Louise, Flat 1A");
    expect(items[1]).toHaveTextContent("Maison Flagey, Studio 3");
  });

  it("has an empty state", async () => {
    stubApi({ "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }) });
    renderWithProviders(<PaymentHistory locale="en-BE" leaseLabels={LABELS} />);
    expect(await screen.findByText("No payments yet.")).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { aLease, aTransferProof, page, staffMe } from "@/testing/fixtures";
import { TransferProofsPage } from "./TransferProofsPage";

const first = aTransferProof();
const second = aTransferProof({
  id: "0b6f1d4e-0000-4000-8000-000000000502",
  tenant_name: "Noah Neighbour",
  unit_name: "Flat 1B",
  invoice_id: null,
  invoice_number: null,
  amount: 87500,
  reference: "huur december",
  created_at: "2026-11-30T07:15:00Z",
});

function stub(answer = () => jsonResponse(page([first, second]))) {
  const queries: Record<string, string>[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("accountant")),
    "GET /api/v1/transfer-proofs": (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return answer();
    },
    [`GET /api/v1/leases/${first.lease_id}`]: () => jsonResponse(aLease({ status: "active" })),
  });
  return queries;
}

describe("TransferProofsPage", () => {
  it("lists what waits for review, oldest first, with what staff need to look for the money", async () => {
    const queries = stub();
    renderWithProviders(<TransferProofsPage />, { route: "/transfer-proofs" });

    const table = await screen.findByRole("table", { name: "Transfer proofs" });
    // Dates follow the agency's region once the agency is known.
    await waitFor(() => {
      expect(table).toHaveTextContent("28 November 2026");
    });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
      ["Tess Tenant", "Flat 1A · Residence Louise", "Invoice 42", "€950.00", "28 November 2026", "RENT DEC 1A", "Waiting for review"],
      ["Noah Neighbour", "Flat 1B · Residence Louise", "None named", "€875.00", "28 November 2026", "huur december", "Waiting for review"],
    ]);
    await waitFor(() => {
      expect(within(rows[0]!).getByRole("link", { name: "€950.00 from Tess Tenant, sent 28 November 2026, 19:05 (Central European Time)" })).toHaveAttribute(
        "href",
        `/transfer-proofs/${first.id}`,
      );
    });
    expect(queries[0]).toEqual({ status: "submitted", limit: "25" });
  });

  it("filters by status (every status too) and by the lease it came from", async () => {
    const queries = stub();
    const user = userEvent.setup();
    renderWithProviders(<TransferProofsPage />, { route: `/transfer-proofs?lease_id=${first.lease_id}` });

    expect(await screen.findByText("Lease: Flat 1A · Residence Louise")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Status"), "Rejected");
    await waitFor(() => {
      expect(queries.at(-1)).toEqual({ status: "rejected", lease_id: first.lease_id, limit: "25" });
    });
    await user.selectOptions(screen.getByLabelText("Status"), "All statuses");
    await waitFor(() => {
      expect(queries.at(-1)).toEqual({ lease_id: first.lease_id, limit: "25" });
    });
    await user.click(screen.getByRole("button", { name: "Show every lease" }));
    await waitFor(() => {
      expect(queries.at(-1)).toEqual({ limit: "25" });
    });
  });

  it("says when nothing waits for review", async () => {
    stub(() => jsonResponse(page([])));
    renderWithProviders(<TransferProofsPage />, { route: "/transfer-proofs" });
    expect(await screen.findByText("No transfer proof is waiting for review.")).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { aTransferProof, page, staffMe } from "@/testing/fixtures";
import { InvoicePendingProofs, PendingProofs } from "./PendingProofs";

const forInvoice = aTransferProof();
const forLease = aTransferProof({ id: "0b6f1d4e-0000-4000-8000-000000000503", invoice_id: null, invoice_number: null, amount: 20000, reference: "extra" });

function stub(items = [forInvoice, forLease]) {
  const queries: Record<string, string>[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
    "GET /api/v1/transfer-proofs": (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(page(items));
    },
  });
  return queries;
}

describe("PendingProofs", () => {
  it("shows on a lease's page what its tenants say they paid and nobody reviewed yet", async () => {
    const queries = stub();
    renderWithProviders(<PendingProofs scope={{ leaseId: forInvoice.lease_id }} />);

    const section = await screen.findByRole("region", { name: "Transfer proofs waiting for review" });
    // Dates follow the agency's region once the agency is known.
    await waitFor(() => {
      expect(section).toHaveTextContent("28 November 2026");
    });
    expect(within(section).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Tess Tenant says they sent €950.00 on 28 November 2026, reference “RENT DEC 1A” for invoice 42 Review",
      "Tess Tenant says they sent €200.00 on 28 November 2026, reference “extra” Review",
    ]);
    expect(within(section).getByRole("link", { name: "Review the proof of €950.00 from Tess Tenant" })).toHaveAttribute(
      "href",
      `/transfer-proofs/${forInvoice.id}`,
    );
    expect(within(section).getByRole("link", { name: "Every transfer proof of this lease" })).toHaveAttribute(
      "href",
      `/transfer-proofs?status=all&lease_id=${forInvoice.lease_id}`,
    );
    expect(queries).toEqual([{ status: "submitted", lease_id: forInvoice.lease_id, limit: "200" }]);
  });

  it("asks for a tenant's on their page", async () => {
    const queries = stub();
    renderWithProviders(<PendingProofs scope={{ tenantId: forInvoice.tenant_id }} />);
    expect(await screen.findByRole("link", { name: "Every transfer proof of this tenant" })).toHaveAttribute(
      "href",
      `/transfer-proofs?status=all&tenant_id=${forInvoice.tenant_id}`,
    );
    expect(queries).toEqual([{ status: "submitted", tenant_id: forInvoice.tenant_id, limit: "200" }]);
  });

  it("shows nothing when nothing waits", async () => {
    const queries = stub([]);
    const { container } = renderWithProviders(<PendingProofs scope={{ leaseId: forInvoice.lease_id }} />);
    await screen.findByText((_, element) => element === container && queries.length === 1).catch(() => undefined);
    expect(container).toBeEmptyDOMElement();
  });
});

describe("InvoicePendingProofs", () => {
  it("warns on an invoice's page about the proofs that name it, and only those", async () => {
    stub();
    renderWithProviders(<InvoicePendingProofs invoiceId={forInvoice.invoice_id!} leaseId={forInvoice.lease_id} />);
    const warning = await screen.findByText(/Tess Tenant says they paid this invoice by bank transfer: a proof is waiting for review/);
    const alert = warning.closest<HTMLElement>("[role=status]")!;
    expect(within(alert).getAllByRole("listitem")).toHaveLength(1);
    expect(within(alert).getByRole("link", { name: "Review the proof of €950.00 from Tess Tenant" })).toBeInTheDocument();
  });
});

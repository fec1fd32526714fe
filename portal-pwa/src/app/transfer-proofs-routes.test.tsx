import { onlineManager } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { myLeasesQueryOptions } from "@/features/leases/api/get-my-leases";
import { balanceQueryKey } from "@/features/payments/api/get-my-balance";
import { invoiceQueryKey } from "@/features/payments/api/get-my-invoice";
import { transferProofsQueryKey } from "@/features/payments/api/get-my-transfer-proofs";
import { session } from "@/lib/api/client";
import { meQueryOptions } from "@/lib/auth/me";
import type * as persistence from "@/lib/query-persistence";
import { lease, tenantProfile } from "@/testing/fixtures";
import { balance, invoice, transferProof } from "@/testing/payment-fixtures";
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

const INVOICE = invoice();

describe("reporting a bank transfer, signed in", () => {
  beforeEach(() => {
    session.signIn({ access_token: "t1", expires_in: 900 });
  });

  it("goes from an invoice to the form and on to the proof sent, which the invoice then shows as waiting", async () => {
    let proofs: ReturnType<typeof transferProof>[] = [];
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tenantProfile()),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [lease()], next_cursor: null }),
      "GET /api/v1/portal/balance": () => jsonResponse([balance()]),
      "GET /api/v1/portal/invoices": () => jsonResponse({ items: [INVOICE], next_cursor: null }),
      [`GET /api/v1/portal/invoices/${INVOICE.id}`]: () => jsonResponse(INVOICE),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
      "GET /api/v1/portal/payment-methods": () => jsonResponse({ items: [], next_cursor: null }),
      "POST /api/v1/portal/payment-methods/setup": () => jsonResponse({ title: "unavailable", status: 503 }, 503),
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: proofs, next_cursor: null }),
      "POST /api/v1/portal/transfer-proofs": () => {
        proofs = [transferProof()];
        return jsonResponse(transferProof(), 201);
      },
      [`GET /api/v1/portal/transfer-proofs/${transferProof().id}`]: () => jsonResponse(transferProof()),
    });
    const user = userEvent.setup();
    renderWithProviders(<AppRoutes />, { route: `/payments/invoices/${INVOICE.id}` });

    const panel = await screen.findByRole("region", { name: "Paid by bank transfer?" });
    await user.click(within(panel).getByRole("link", { name: "I paid by bank transfer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "I paid by bank transfer" })).toBeInTheDocument();
    expect(screen.getByText("For Invoice 42 (Residence Louise, Flat 1A): €950.00 left to pay.")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Reference or message" }), "Invoice 42");
    await user.upload(screen.getByLabelText("Proof of the transfer"), new File(["%PDF-1.4"], "transfer.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Send the proof" }));

    expect(await screen.findByRole("heading", { level: 1, name: "My transfer proofs" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Thank you: your proof has been sent.");
    expect(screen.getByRole("article")).toHaveTextContent("Waiting for the agency");

    await user.click(within(screen.getByRole("article")).getByRole("link", { name: "Invoice 42" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice 42" })).toBeInTheDocument();
    expect(await screen.findByText(/^You told us you paid €950\.00 on/u)).toHaveTextContent("the agency will confirm it");
  });

  it("links the payments area to the proofs and to reporting a transfer", async () => {
    stubApi({
      "GET /api/v1/portal/me": () => jsonResponse(tenantProfile()),
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [lease()], next_cursor: null }),
      "GET /api/v1/portal/balance": () => jsonResponse([balance()]),
      "GET /api/v1/portal/invoices": () => jsonResponse({ items: [INVOICE], next_cursor: null }),
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: [transferProof()], next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<AppRoutes />, { route: "/payments" });

    await user.click(await screen.findByRole("link", { name: "My transfer proofs" }));
    expect(await screen.findByRole("heading", { level: 1, name: "My transfer proofs" })).toBeInTheDocument();
    expect(await screen.findByText("Waiting for the agency")).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Report a bank transfer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Report a bank transfer" })).toBeInTheDocument();
    expect(await screen.findByText("For Residence Louise, Flat 1A")).toBeInTheDocument();
  });
});

describe("transfer proofs, offline", () => {
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

  it("reads the saved proofs, and reporting a transfer says it needs a connection", async () => {
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<AppRoutes />, { route: "/payments/transfer-proofs" });
    queryClient.setQueryData(meQueryOptions().queryKey, tenantProfile());
    queryClient.setQueryData(myLeasesQueryOptions().queryKey, [lease()]);
    queryClient.setQueryData(balanceQueryKey, [balance()]);
    queryClient.setQueryData(invoiceQueryKey(INVOICE.id), INVOICE);
    queryClient.setQueryData(transferProofsQueryKey, { pages: [{ items: [transferProof()], next_cursor: null }], pageParams: [null] });

    expect(await screen.findByText("Waiting for the agency")).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Report a bank transfer" }));
    expect(await screen.findByText(/Sending a proof needs an internet connection/u)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send the proof" })).toBeDisabled();
  });
});

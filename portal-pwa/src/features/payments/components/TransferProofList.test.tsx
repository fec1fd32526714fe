import { onlineManager } from "@tanstack/react-query";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { balanceQueryKey } from "../api/get-my-balance";
import { invoiceQueryKey } from "../api/get-my-invoice";
import { transferProofsQueryKey } from "../api/get-my-transfer-proofs";
import { session } from "@/lib/api/client";
import { balance, invoice, payment, paidInvoice, transferProof } from "@/testing/payment-fixtures";
import { BankTransferPanel, InvoiceProofNotes } from "./InvoiceTransferProofs";
import { TransferProofList } from "./TransferProofList";

const LABELS = { "5a7c0e2d-0000-4000-8000-000000000101": "Residence Louise, Flat 1A" };
const WAITING = transferProof();
const ACCEPTED = transferProof({
  id: "c4e5f6a7-0000-4000-8000-000000000502",
  status: "confirmed",
  amount: 50000,
  decided_at: "2026-11-20T14:00:00Z",
  payment_id: payment().id,
  paid_on: "2026-11-18",
  file_name: "screenshot.png",
});
const REJECTED = transferProof({
  id: "c4e5f6a7-0000-4000-8000-000000000503",
  status: "rejected",
  amount: 30000,
  invoice_id: null,
  invoice_number: null,
  decided_at: "2026-11-10T09:00:00Z",
  rejection_reason: "Nothing arrived on our account with this reference.",
  paid_on: "2026-11-05",
});
const WITHDRAWN = transferProof({ id: "c4e5f6a7-0000-4000-8000-000000000504", status: "withdrawn", amount: 1000, decided_at: "2026-11-02T09:00:00Z" });

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});
afterEach(() => {
  onlineManager.setOnline(true);
});

function articleFor(amount: string): HTMLElement {
  const heading = screen.getByRole("heading", { level: 3, name: new RegExp(`^${amount.replace(".", "\\.")}`, "u") });
  const article = heading.closest("article");
  if (article === null) throw new Error(`no proof of ${amount}`);
  return article;
}

describe("TransferProofList", () => {
  it("says each proof's status in words, with the agency's reason, the receipt of an accepted one, and the file sent", async () => {
    stubApi({
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: [WAITING, ACCEPTED, REJECTED, WITHDRAWN], next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [payment({ amount: 50000, method: "bank_transfer" })], next_cursor: null }),
    });
    renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);

    expect(await screen.findAllByRole("article")).toHaveLength(4);
    const waiting = articleFor("€950.00");
    expect(within(waiting).getByText("Waiting for the agency")).toHaveClass("badge");
    expect(waiting).toHaveTextContent("Transfer on 28 November 2026 · sent on 28 November 2026");
    expect(waiting).toHaveTextContent("The agency checks that the money arrived, then confirms it.");
    expect(within(waiting).getByRole("link", { name: "Invoice 42" })).toHaveAttribute("href", `/payments/invoices/${invoice().id}`);
    expect(within(waiting).getByRole("link", { name: /^€950\.00/u })).toHaveAttribute("href", `/payments/transfer-proofs/${WAITING.id}`);
    expect(within(waiting).getByRole("button", { name: "Withdraw the proof of the transfer of €950.00" })).toBeEnabled();
    expect(within(waiting).getByRole("button", { name: "Download transfer.pdf" })).toBeEnabled();
    // One lease: not repeated on every proof.
    expect(waiting).not.toHaveTextContent("Residence Louise");

    const accepted = articleFor("€500.00");
    expect(within(accepted).getByText("Accepted")).toHaveClass("badge");
    expect(accepted).toHaveTextContent("Accepted on 20 November 2026: the agency recorded your payment.");
    expect(await within(accepted).findByText("Receipt number 17")).toBeInTheDocument();
    expect(within(accepted).getByRole("button", { name: "Download receipt 17" })).toBeEnabled();
    expect(within(accepted).getByRole("link", { name: "See the payment in your history" })).toHaveAttribute(
      "href",
      `/payments/history#payment-${payment().id}`,
    );
    expect(within(accepted).queryByRole("button", { name: /^Withdraw/u })).not.toBeInTheDocument();

    const rejected = articleFor("€300.00");
    expect(within(rejected).getByText("Not accepted")).toHaveClass("badge");
    expect(rejected).toHaveTextContent("Not accepted on 10 November 2026. The agency's reason: “Nothing arrived on our account with this reference.”");
    expect(rejected).toHaveTextContent("No particular invoice");
    expect(within(rejected).queryByRole("button", { name: /^Withdraw/u })).not.toBeInTheDocument();

    const withdrawn = articleFor("€10.00");
    expect(within(withdrawn).getByText("Withdrawn")).toHaveClass("badge");
    expect(withdrawn).toHaveTextContent("You withdrew this proof on 2 November 2026.");
  });

  it("withdraws a waiting proof after asking, and keeps it when the tenant changes their mind", async () => {
    let withdrawals = 0;
    let listed = [WAITING];
    stubApi({
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: listed, next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
      [`POST /api/v1/portal/transfer-proofs/${WAITING.id}/withdraw`]: () => {
        withdrawals += 1;
        const withdrawn = { ...WAITING, status: "withdrawn" as const, decided_at: "2026-11-29T08:00:00Z" };
        listed = [withdrawn];
        return jsonResponse(withdrawn);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    const withdraw = await screen.findByRole("button", { name: "Withdraw the proof of the transfer of €950.00" });

    await user.click(withdraw);
    const dialog = screen.getByRole("alertdialog", { name: "Withdraw the proof of the transfer of €950.00" });
    expect(dialog).toHaveAccessibleDescription("Withdraw this proof? The agency will no longer look at it. You can send a new one later.");
    expect(dialog).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Withdraw the proof of the transfer of €950.00" })).toHaveFocus();
    expect(withdrawals).toBe(0);

    // Escape closes the question too.
    await user.click(screen.getByRole("button", { name: "Withdraw the proof of the transfer of €950.00" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Withdraw the proof of the transfer of €950.00" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Yes, withdraw it" }));

    await waitFor(() => {
      expect(screen.getByText("Withdrawn")).toHaveClass("badge");
    });
    expect(withdrawals).toBe(1);
    expect(screen.getByRole("article")).toHaveTextContent("You withdrew this proof on 29 November 2026.");
    expect(screen.queryByRole("button", { name: /^Withdraw/u })).not.toBeInTheDocument();
  });

  it("tells why a withdrawal failed: the agency decided in the meantime", async () => {
    let listed = [WAITING];
    stubApi({
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: listed, next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
      [`GET /api/v1/portal/transfer-proofs/${WAITING.id}`]: () => jsonResponse(listed[0]),
      [`POST /api/v1/portal/transfer-proofs/${WAITING.id}/withdraw`]: () => {
        listed = [{ ...ACCEPTED, id: WAITING.id, amount: WAITING.amount }];
        return jsonResponse(
          { type: "urn:doorstep:problem:proof-already-decided", title: "This proof was already dealt with", status: 409, detail: "This proof is already confirmed.", errors: [] },
          409,
        );
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    await user.click(await screen.findByRole("button", { name: /^Withdraw/u }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Yes, withdraw it" }));
    // The proofs are read again: it now shows accepted.
    await waitFor(() => {
      expect(screen.getByText("Accepted")).toHaveClass("badge");
    });
  });

  it("reads offline what was saved: no withdrawing or downloading, and says why", async () => {
    onlineManager.setOnline(false);
    const fetch = stubApi({});
    const { queryClient } = renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    // What the device saved (restored from IndexedDB in the app).
    act(() => {
      queryClient.setQueryData(transferProofsQueryKey, { pages: [{ items: [WAITING], next_cursor: null }], pageParams: [null] });
    });
    const item = await screen.findByRole("article");
    expect(within(item).getByText("Waiting for the agency")).toBeInTheDocument();
    expect(within(item).getByRole("button", { name: /^Withdraw/u })).toBeDisabled();
    expect(item).toHaveTextContent("You can withdraw a proof when you are back online.");
    expect(within(item).getByRole("button", { name: "Download transfer.pdf" })).toBeDisabled();
    expect(item).toHaveTextContent("The file can be downloaded when you are back online.");
    expect(fetch).not.toHaveBeenCalledWith(expect.objectContaining({ method: "POST" }));
  });

  it("reads the proofs again when shown, and one the agency accepted meanwhile refreshes invoices, balance and payments", async () => {
    let listed = [WAITING];
    stubApi({
      "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: listed, next_cursor: null }),
      "GET /api/v1/portal/payments": () => jsonResponse({ items: [], next_cursor: null }),
    });
    const { queryClient, rerender } = renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    expect(await screen.findByText("Waiting for the agency")).toBeInTheDocument();
    queryClient.setQueryData(balanceQueryKey, [balance()]);
    queryClient.setQueryData(invoiceQueryKey(invoice().id), invoice());
    expect(queryClient.getQueryState(balanceQueryKey)?.isInvalidated).toBe(false);
    // The tenant leaves the screen; the agency accepts the proof; the tenant comes back at once.
    rerender(<p>elsewhere</p>);
    listed = [{ ...WAITING, status: "confirmed", payment_id: payment().id, decided_at: "2026-11-29T10:00:00Z" }];
    rerender(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    expect(await screen.findByText("Accepted")).toBeInTheDocument();
    expect(queryClient.getQueryState(balanceQueryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(invoiceQueryKey(invoice().id))?.isInvalidated).toBe(true);
  });

  it("says when there is nothing yet, with a way to report a transfer", async () => {
    stubApi({ "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: [], next_cursor: null }) });
    renderWithProviders(<TransferProofList locale="en-GB" leaseLabels={LABELS} />);
    expect(await screen.findByText("You have not sent any proof of a bank transfer yet.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Report a bank transfer" })).toHaveAttribute("href", "/payments/transfer-proofs/new");
  });
});

describe("transfer proofs on an invoice", () => {
  it("says a proof is waiting, so the tenant does not pay twice, and offers to report a transfer", async () => {
    stubApi({
      "GET /api/v1/portal/transfer-proofs": () =>
        jsonResponse({ items: [WAITING, transferProof({ id: "other", invoice_id: "another-invoice" })], next_cursor: null }),
    });
    renderWithProviders(
      <>
        <InvoiceProofNotes invoice={invoice()} locale="en-GB" />
        <BankTransferPanel invoice={invoice()} />
      </>,
    );
    const notes = await screen.findAllByText(/^You told us you paid/u);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toHaveTextContent("You told us you paid €950.00 on 28 November 2026; the agency will confirm it. You do not need to pay again.");
    const panel = screen.getByRole("region", { name: "Paid by bank transfer?" });
    expect(within(panel).getByRole("link", { name: "I paid by bank transfer" })).toHaveAttribute("href", `/payments/invoices/${invoice().id}/bank-transfer`);
  });

  it("asks for the proofs of this invoice, not the newest page of every proof", async () => {
    const fetch = stubApi({ "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: [WAITING], next_cursor: null }) });
    renderWithProviders(<InvoiceProofNotes invoice={invoice()} locale="en-GB" />);
    expect(await screen.findByText(/^You told us you paid/u)).toBeInTheDocument();
    const [request] = fetch.mock.calls.map(([call]) => new URL(call.url));
    expect(request?.searchParams.get("invoice_id")).toBe(invoice().id);
  });

  it("shows the agency's reason for a refused proof while the invoice is still to pay, not once it is paid", async () => {
    const refused = transferProof({ status: "rejected", decided_at: "2026-11-29T09:00:00Z", rejection_reason: "Wrong amount." });
    stubApi({ "GET /api/v1/portal/transfer-proofs": () => jsonResponse({ items: [refused], next_cursor: null }) });
    const { unmount } = renderWithProviders(<InvoiceProofNotes invoice={invoice()} locale="en-GB" />);
    expect(await screen.findByText(/did not accept/u)).toHaveTextContent(
      "The agency did not accept the transfer of €950.00 you reported on 28 November 2026: “Wrong amount.”",
    );
    unmount();

    renderWithProviders(
      <>
        <InvoiceProofNotes invoice={paidInvoice()} locale="en-GB" />
        <BankTransferPanel invoice={paidInvoice()} />
      </>,
    );
    await waitFor(() => {
      expect(screen.queryByText(/did not accept/u)).not.toBeInTheDocument();
    });
    expect(screen.queryByRole("link", { name: "I paid by bank transfer" })).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { anInvoice, aTransferProof, aTrustAccount, page, staffMe } from "@/testing/fixtures";
import { ProofDetailPage } from "./ProofDetailPage";

type Proof = components["schemas"]["TransferProofOut"];

const named = anInvoice(); // no. 42, €950.00 due 1 December, named by the proof
const older = anInvoice({ id: "inv-older", number: 40, due_date: "2026-11-01", total: 30000, outstanding: 30000, kind: "fee", period_start: null, period_end: null });

interface Options {
  role?: Role;
  proof?: Proof;
  oldestFirst?: boolean;
  /** How the API answers each POST …/confirm in turn (then: confirmed). */
  confirms?: (() => Response | Promise<Response>)[];
  rejects?: (() => Response | Promise<Response>)[];
}

/** A fake API for one proof's page; returns what was POSTed, with each request's Idempotency-Key. */
function stub({ role = "accountant", proof: initial = aTransferProof(), oldestFirst = false, confirms = [], rejects = [] }: Options = {}) {
  let proof = initial;
  const posts: { path: string; key: string | null; body: Record<string, unknown> }[] = [];
  const base = `/api/v1/transfer-proofs/${proof.id}`;
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(proof),
    [`GET ${base}/file`]: () =>
      new Response("%PDF-1.4 proof", {
        headers: { "Content-Type": proof.content_type, "Content-Disposition": `attachment; filename="${proof.file_name}"` },
      }),
    [`GET /api/v1/invoices/${named.id}`]: () => jsonResponse(named),
    "GET /api/v1/invoices": () => jsonResponse(page([older, named])),
    [`GET /api/v1/leases/${proof.lease_id}/balance`]: () =>
      jsonResponse({ lease_id: proof.lease_id, currency: "EUR", outstanding: 125000, credit: 0, balance: 125000 }),
    "GET /api/v1/trust-account": () => jsonResponse(aTrustAccount({ receipt_oldest_invoice_first: oldestFirst })),
    [`POST ${base}/confirm`]: async (request) => {
      posts.push({ path: "confirm", key: request.headers.get("Idempotency-Key"), body: (await request.json()) as Record<string, unknown> });
      const next = confirms[posts.filter((post) => post.path === "confirm").length - 1];
      if (next !== undefined) return next();
      proof = { ...proof, status: "confirmed", payment_id: "pay-77", decided_by_name: "Ann Peeters", decided_at: "2026-12-02T10:00:00Z" };
      return jsonResponse(proof);
    },
    [`POST ${base}/reject`]: async (request) => {
      posts.push({ path: "reject", key: request.headers.get("Idempotency-Key"), body: (await request.json()) as Record<string, unknown> });
      const next = rejects[posts.filter((post) => post.path === "reject").length - 1];
      if (next !== undefined) return next();
      const body = posts.at(-1)?.body as { reason: string };
      proof = { ...proof, status: "rejected", rejection_reason: body.reason, decided_by_name: "Ann Peeters", decided_at: "2026-12-02T10:00:00Z" };
      return jsonResponse(proof);
    },
  });
  return { posts, fetch };
}

const renderPage = (proof: Proof = aTransferProof()) => renderWithProviders(<ProofDetailPage proofId={proof.id} />);
const networkDown = () => Promise.reject(new TypeError("Failed to fetch"));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("ProofDetailPage", () => {
  it("shows what the tenant said, the invoice it names with what it still asks for, and the lease's balance", async () => {
    stub();
    renderPage();

    expect(await screen.findByRole("heading", { level: 1, name: "€950.00 from Tess Tenant" })).toBeInTheDocument();
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Waiting for review");
    const said = screen.getByRole("region", { name: "What the tenant said" });
    expect(said).toHaveTextContent("Amount€950.00");
    expect(said).toHaveTextContent("Paid onNovember 28, 2026");
    expect(said).toHaveTextContent("ReferenceRENT DEC 1A");
    expect(said).toHaveTextContent("The tenant's noteSent from my savings account");
    expect(within(said).getByRole("link", { name: "Flat 1A · Residence Louise" })).toHaveAttribute("href", `/leases/${aTransferProof().lease_id}`);
    const invoice = await screen.findByRole("region", { name: "The invoice it names" });
    expect(await within(invoice).findByText("€950.00", { selector: "strong" })).toBeInTheDocument();
    expect(invoice).toHaveTextContent("Still asks for€950.00");
    await waitFor(() => {
      expect(invoice).toHaveTextContent("Due1 December 2026");
    });
    const balance = screen.getByRole("region", { name: "The lease's balance" });
    await waitFor(() => {
      expect(balance).toHaveTextContent("Outstanding€1,250.00Credit€0.00Balance€1,250.00");
    });
    expect(screen.getByRole("region", { name: "The file" })).toHaveTextContent("bank-confirmation.pdf · 48.2 kB");
  });

  it("downloads the PDF through the API client as a blob, never showing it in the page", async () => {
    const { fetch } = stub();
    const createObjectURL = vi.fn((blob: Blob) => (blob.size > 0 ? "blob:proof" : ""));
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = vi.fn();
      },
    );
    const anchors: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      anchors.push(this);
    });
    const user = userEvent.setup();
    renderPage();

    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Download bank-confirmation.pdf" }));
    await waitFor(() => {
      expect(anchors).toHaveLength(1);
    });
    expect(anchors[0]?.download).toBe("bank-confirmation.pdf");
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe("application/pdf");
    expect(await blob.text()).toBe("%PDF-1.4 proof");
    const request = fetch.mock.calls.map(([call]) => call).find((call) => call.url.endsWith("/file"));
    expect(request?.method).toBe("GET");
    expect(document.querySelector("iframe, object, embed")).toBeNull();
  });

  it("shows a photo inline from an object URL", async () => {
    const proof = aTransferProof({ content_type: "image/png", file_name: "screenshot.png" });
    stub({ proof });
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = vi.fn(() => "blob:photo");
        static override revokeObjectURL = vi.fn();
      },
    );
    renderPage(proof);
    const image = await screen.findByRole("img", { name: "The transfer proof Tess Tenant sent (screenshot.png)" });
    expect(image).toHaveAttribute("src", "blob:photo");
    expect(screen.queryByRole("button", { name: "Open the PDF in a new tab" })).not.toBeInTheDocument();
  });

  it("confirms what actually arrived: a corrected amount, the day and the bank's reference, split with the named invoice first", async () => {
    const { posts } = stub();
    const user = userEvent.setup();
    renderPage();

    const amount = await screen.findByLabelText("Amount received (EUR)");
    expect(amount).toHaveValue("950.00");
    expect(screen.getByLabelText("Date received")).toHaveValue("2026-11-28");
    expect(screen.getByLabelText("Bank reference")).toHaveValue("RENT DEC 1A");
    // Prefilled: the named invoice (no. 42) first, then the older one.
    expect(await screen.findByLabelText("Invoice 42: amount to allocate (EUR)")).toHaveValue("950.00");
    expect(screen.getByLabelText("Invoice 40: amount to allocate (EUR)")).toHaveValue("");

    await user.clear(amount);
    await user.type(amount, "900");
    expect(screen.getByText(/You confirm €900.00, and the tenant said €950.00/)).toBeInTheDocument();
    expect(screen.getByLabelText("Invoice 42: amount to allocate (EUR)")).toHaveValue("900.00");
    await user.clear(screen.getByLabelText("Date received"));
    await user.type(screen.getByLabelText("Date received"), "2026-11-30");
    await user.clear(screen.getByLabelText("Bank reference"));
    await user.type(screen.getByLabelText("Bank reference"), "BANK 0042");
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));

    expect(await screen.findByText("Confirmed: the payment is recorded and its receipt is on its way to the tenant.")).toBeInTheDocument();
    expect(posts).toEqual([
      {
        path: "confirm",
        key: expect.stringMatching(/^[0-9a-f-]{36}$/u) as string,
        body: { amount: 90000, received_on: "2026-11-30", reference: "BANK 0042", allocations: [{ invoice_id: named.id, amount: 90000 }] },
      },
    ]);
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Confirmed");
    const decision = screen.getByRole("region", { name: "Decision" });
    expect(decision).toHaveTextContent("Confirmed by Ann Peeters on");
    expect(within(decision).getByRole("link", { name: "Open the payment and its receipt" })).toHaveAttribute("href", "/payments/pay-77");
    expect(screen.queryByRole("button", { name: "Confirm: the money arrived" })).not.toBeInTheDocument();
  });

  it("leaves the allocation to the API when the trust account receipts the oldest invoice first", async () => {
    const { posts } = stub({ oldestFirst: true });
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByText(/Allocation is automatic: the trust account receipts the oldest invoice first/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Invoice 42: amount to allocate (EUR)")).not.toBeInTheDocument();
    const open = await screen.findByRole("list", { name: "Open invoices of this lease" });
    expect(within(open).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Invoice 40: due 1 November 2026, €300.00 outstanding",
      "Invoice 42: due 1 December 2026, €950.00 outstanding",
    ]);
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));

    await screen.findByText(/Confirmed: the payment is recorded/);
    expect(posts[0]?.body).toEqual({ amount: 95000, received_on: "2026-11-28", reference: "RENT DEC 1A" });
  });

  it("sends an empty split when staff keep it all as credit (left out, the API would settle the named invoice)", async () => {
    const { posts } = stub();
    const user = userEvent.setup();
    renderPage();

    await user.clear(await screen.findByLabelText("Invoice 42: amount to allocate (EUR)"));
    expect(screen.getByText("Allocated €0.00 of €950.00; €950.00 left as credit on this lease.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));

    await screen.findByText(/Confirmed: the payment is recorded/);
    expect(posts[0]?.body).toEqual({ amount: 95000, received_on: "2026-11-28", reference: "RENT DEC 1A", allocations: [] });
  });

  it("says what is wrong before sending: a day in the future, no reference, more allocated than arrived", async () => {
    const { posts } = stub();
    const user = userEvent.setup();
    renderPage();

    await user.clear(await screen.findByLabelText("Date received"));
    await user.type(screen.getByLabelText("Date received"), "2099-01-01");
    await user.clear(screen.getByLabelText("Bank reference"));
    await user.clear(screen.getByLabelText("Invoice 40: amount to allocate (EUR)"));
    await user.type(screen.getByLabelText("Invoice 40: amount to allocate (EUR)"), "100");
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));

    expect(screen.getByLabelText("Date received")).toHaveAccessibleDescription(/Money cannot be received in the future/);
    expect(screen.getByLabelText("Bank reference")).toHaveAccessibleDescription(/This field is required/);
    expect(screen.getByText("The amounts allocated add up to more than the €950.00 received.")).toBeInTheDocument();
    expect(posts).toEqual([]);
  });

  it("shows the API's problems next to the fields they name", async () => {
    const { posts } = stub({
      confirms: [
        () =>
          jsonResponse(
            {
              type: "urn:doorstep:problem:invalid-input",
              title: "Invalid input",
              status: 422,
              errors: [
                { field: "body.received_on", message: "Money cannot be received in the future." },
                { field: "allocations.0.amount", message: "More than this invoice still asks for." },
              ],
            },
            422,
          ),
      ],
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Confirm: the money arrived" }));

    expect(await screen.findByLabelText("Date received")).toHaveAccessibleDescription(/Money cannot be received in the future\./);
    expect(screen.getByText("More than this invoice still asks for.")).toBeInTheDocument();
    expect(screen.getByText("Status:")).toHaveTextContent("Status: Waiting for review");
    expect(posts).toHaveLength(1);
  });

  it("retries a lost answer with the same Idempotency-Key, and a changed confirmation with a new one", async () => {
    const { posts } = stub({ confirms: [networkDown, networkDown] });
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole("button", { name: "Confirm: the money arrived" }));
    expect(await screen.findByText(/We could not tell whether the confirmation went through/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));
    await waitFor(() => {
      expect(posts).toHaveLength(2);
    });
    expect(posts[1]?.key).toBe(posts[0]?.key);

    await user.clear(screen.getByLabelText("Bank reference"));
    await user.type(screen.getByLabelText("Bank reference"), "BANK 0043");
    await user.click(screen.getByRole("button", { name: "Confirm: the money arrived" }));
    await screen.findByText(/Confirmed: the payment is recorded/);
    expect(posts).toHaveLength(3);
    expect(posts[2]?.key).not.toBe(posts[0]?.key);
  });

  it("rejects only with a reason, and says the tenant is e-mailed it", async () => {
    const { posts } = stub();
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole("radio", { name: "the money did not arrive, or not as described: reject it" }));
    const reason = screen.getByLabelText("Why you reject it");
    expect(reason).toHaveAccessibleDescription(/The tenant is e-mailed this reason/);
    await user.click(screen.getByRole("button", { name: "Reject the proof" }));
    expect(reason).toHaveAccessibleDescription(/This field is required\./);
    expect(posts).toEqual([]);

    await user.type(reason, "Nothing arrived with this reference.");
    await user.click(screen.getByRole("button", { name: "Reject the proof" }));

    expect(await screen.findByText("Rejected: the tenant is e-mailed the reason.")).toBeInTheDocument();
    expect(posts).toEqual([{ path: "reject", key: expect.stringMatching(/^[0-9a-f-]{36}$/u) as string, body: { reason: "Nothing arrived with this reference." } }]);
    const decision = screen.getByRole("region", { name: "Decision" });
    expect(decision).toHaveTextContent("Rejected by Ann Peeters on");
    expect(decision).toHaveTextContent("Reason the tenant was given" + "Nothing arrived with this reference.");
  });

  it("says so when someone else decided first", async () => {
    stub({
      rejects: [
        () =>
          jsonResponse(
            { type: "urn:doorstep:problem:proof-already-decided", title: "This proof was already dealt with", status: 409, detail: "This proof is already confirmed." },
            409,
          ),
      ],
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("radio", { name: /reject it/ }));
    await user.type(screen.getByLabelText("Why you reject it"), "Not there");
    await user.click(screen.getByRole("button", { name: "Reject the proof" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Someone has already dealt with this proof");
  });

  it("shows a decided proof's decision and offers no action", async () => {
    const proof = aTransferProof({
      status: "rejected",
      rejection_reason: "The amount on the statement is €500.00.",
      decided_by_name: "Olivia Owner",
      decided_at: "2026-12-01T09:30:00Z",
    });
    stub({ proof });
    renderPage(proof);
    const decision = await screen.findByRole("region", { name: "Decision" });
    await waitFor(() => {
      expect(decision).toHaveTextContent("Rejected by Olivia Owner on 1 December 2026, 10:30 (Central European Time)"); // 09:30 UTC on the agency's Brussels clock
    });
    expect(decision).toHaveTextContent("The amount on the statement is €500.00.");
    expect(screen.queryByRole("region", { name: "Your decision" })).not.toBeInTheDocument();
  });

  it("offers a viewer the record and the file, but no action", async () => {
    stub({ role: "viewer" });
    renderPage();
    expect(await screen.findByText("Your role can read transfer proofs but not confirm or reject them.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Your decision" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Confirm|Reject/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download bank-confirmation.pdf" })).toBeInTheDocument();
  });
});

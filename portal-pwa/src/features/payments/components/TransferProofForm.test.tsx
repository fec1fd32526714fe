import { onlineManager } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { endedLease, lease, tenantProfile } from "@/testing/fixtures";
import { balance, invoice, transferProof } from "@/testing/payment-fixtures";
import { todayIn } from "@doorstep/web-shared/lib/format/date";
import { TransferProofForm } from "./TransferProofForm";

const INVOICE = invoice();
const SUBMIT = "POST /api/v1/portal/transfer-proofs";
const LABELS = { [lease().id]: "Residence Louise, Flat 1A", [endedLease().id]: "Maison Flagey, Studio 3" };

interface Sent {
  key: string | null;
  fields: Record<string, string>;
  file: File | null;
  contentType: string | null;
}

/** What the form sent: its Idempotency-Key, its text fields and its file. */
async function readSent(request: Request): Promise<Sent> {
  const contentType = request.headers.get("Content-Type");
  const form = await request.formData();
  const fields: Record<string, string> = {};
  let file: File | null = null;
  form.forEach((value, name) => {
    if (typeof value === "string") fields[name] = value;
    else file = value;
  });
  return { key: request.headers.get("Idempotency-Key"), fields, file, contentType };
}

function problem(status: number, slug: string, detail = "", errors: { field: string; message: string; code?: string }[] = []) {
  return jsonResponse({ type: `urn:doorstep:problem:${slug}`, title: slug, status, detail, errors }, status);
}

function pdf(name = "transfer.pdf", size = 2048, type = "application/pdf"): File {
  return new File([new Uint8Array(size).fill(37)], name, { type, lastModified: 1_764_000_000_000 });
}

function baseRoutes(balances = [balance()], openInvoices = [INVOICE]) {
  return {
    "GET /api/v1/portal/me": () => jsonResponse(tenantProfile()),
    "GET /api/v1/portal/balance": () => jsonResponse(balances),
    "GET /api/v1/portal/invoices": () => jsonResponse({ items: openInvoices, next_cursor: null }),
  };
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});
afterEach(() => {
  onlineManager.setOnline(true);
});

describe("TransferProofForm from an invoice", () => {
  it("is dated the agency's today once the profile names its zone, even when the browser's day is another", async () => {
    // 23:30 in UTC (the test browser's zone) is already the next day in Brussels.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-06T23:30:00Z") });
    try {
      stubApi(baseRoutes());
      renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={vi.fn()} />);

      const date = screen.getByLabelText("Date of the transfer");
      await waitFor(() => expect(date).toHaveAttribute("max", "2026-12-07"));
      expect(date).toHaveValue("2026-12-07");
    } finally {
      vi.useRealTimers();
    }
  });

  it("is prefilled with the invoice's lease, what is left to pay and today, and sends the proof as multipart", async () => {
    const sent: Sent[] = [];
    stubApi({
      ...baseRoutes(),
      [SUBMIT]: async (request) => {
        sent.push(await readSent(request));
        return jsonResponse(transferProof(), 201);
      },
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={onSent} />);

    expect(screen.getByText("For Invoice 42 (Residence Louise, Flat 1A): €950.00 left to pay.")).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Lease" })).not.toBeInTheDocument();
    const amount = screen.getByRole("textbox", { name: "Amount you sent (EUR)" });
    expect(amount).toHaveValue("950.00");
    expect(amount).toHaveAccessibleDescription("As on your bank statement, for example 1,200.50.");
    const date = screen.getByLabelText("Date of the transfer");
    // The agency's zone comes with the profile, after the first render.
    await waitFor(() => expect(date).toHaveValue(todayIn("Europe/Brussels")));
    expect(date).toHaveAttribute("max", todayIn("Europe/Brussels"));
    const file = screen.getByLabelText("Proof of the transfer");
    // PDFs and any image: phones offer the camera, without forcing it.
    expect(file).toHaveAttribute("accept", "application/pdf,image/*");
    expect(file).not.toHaveAttribute("capture");

    await user.clear(amount);
    await user.type(amount, "1,200.5");
    await user.clear(date);
    await user.type(date, "2026-11-28");
    await user.type(screen.getByRole("textbox", { name: "Reference or message" }), " Invoice 42 ");
    await user.upload(file, pdf());
    expect(screen.getByText("Chosen: transfer.pdf (2 kB)")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Note for the agency (optional)" }), "Sent from my savings account");
    await user.click(screen.getByRole("button", { name: "Send the proof" }));

    await waitFor(() => {
      expect(onSent).toHaveBeenCalledWith(transferProof());
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.fields).toEqual({
      lease_id: INVOICE.lease_id,
      invoice_id: INVOICE.id,
      amount: "120050",
      paid_on: "2026-11-28",
      reference: "Invoice 42",
      note: "Sent from my savings account",
    });
    // (The file part's name and bytes are checked in submit-transfer-proof.test.ts: jsdom's File
    // loses them on the way through Node's Request.)
    expect(sent[0]?.file?.type).toBe("application/pdf");
    expect(sent[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/u);
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("reads the amount in the tenant's notation (French: 1 200,50)", async () => {
    const sent: Sent[] = [];
    stubApi({
      ...baseRoutes(),
      [SUBMIT]: async (request) => {
        sent.push(await readSent(request));
        return jsonResponse(transferProof(), 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="fr-BE" leaseLabels={LABELS} invoice={INVOICE} onSent={vi.fn()} />);
    const amount = screen.getByRole("textbox", { name: "Amount you sent (EUR)" });
    expect(amount).toHaveValue("950,00");
    await user.clear(amount);
    await user.type(amount, "1 200,50");
    await user.type(screen.getByRole("textbox", { name: "Reference or message" }), "Invoice 42");
    await user.upload(screen.getByLabelText("Proof of the transfer"), pdf());
    await user.click(screen.getByRole("button", { name: "Send the proof" }));
    await waitFor(() => {
      expect(sent[0]?.fields.amount).toBe("120050");
    });
  });

  it("checks the form before sending: messages tied to their fields, the first wrong one focused", async () => {
    const fetch = stubApi(baseRoutes());
    const user = userEvent.setup({ applyAccept: false });
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={vi.fn()} />);
    const amount = screen.getByRole("textbox", { name: "Amount you sent (EUR)" });
    await user.clear(amount);
    await user.type(amount, "12.345");
    await user.click(screen.getByRole("button", { name: "Send the proof" }));

    expect(amount).toHaveAccessibleDescription(expect.stringContaining("EUR amounts have at most 2 decimals.") as string);
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(amount).toHaveFocus();
    expect(screen.getByRole("textbox", { name: "Reference or message" })).toHaveAccessibleDescription(
      expect.stringContaining("Enter the reference or message of the transfer.") as string,
    );
    const file = screen.getByLabelText("Proof of the transfer");
    expect(file).toHaveAccessibleDescription(expect.stringContaining("Choose the file that shows the transfer.") as string);

    // A kind of file the agency cannot take, then one too large: said at once, nothing sent.
    await user.upload(file, pdf("statement.docx", 100, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    await user.click(screen.getByRole("button", { name: "Send the proof" }));
    expect(file).toHaveAccessibleDescription(expect.stringContaining("This kind of file cannot be sent. Choose a PDF or a photo") as string);
    await user.upload(file, pdf("scan.pdf", 10 * 1024 * 1024 + 1));
    expect(screen.getByText("Chosen: scan.pdf (10 MB)")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send the proof" }));
    expect(file).toHaveAccessibleDescription(expect.stringContaining("This file is larger than 10 MB.") as string);

    // Zero, and a date after today.
    await user.clear(amount);
    await user.type(amount, "0");
    const date = screen.getByLabelText("Date of the transfer");
    await user.clear(date);
    await user.type(date, "2999-01-01");
    await user.click(screen.getByRole("button", { name: "Send the proof" }));
    expect(amount).toHaveAccessibleDescription(expect.stringContaining("Enter an amount above zero.") as string);
    expect(date).toHaveAccessibleDescription(expect.stringContaining("A transfer cannot be dated later than today.") as string);

    expect(fetch.mock.calls.some(([request]) => request.method === "POST")).toBe(false);
  });

  it("sends the same attempt again with the same key after a lost answer, and a new attempt with a new key", async () => {
    const keys: (string | null)[] = [];
    const answers: (() => Response | Promise<Response>)[] = [
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => problem(422, "invalid-input", "A transfer cannot be made in the future.", [{ field: "paid_on", message: "A transfer cannot be made in the future." }]),
      () => jsonResponse(transferProof(), 201),
    ];
    stubApi({
      ...baseRoutes(),
      [SUBMIT]: (request) => {
        keys.push(request.headers.get("Idempotency-Key"));
        return (answers.shift() ?? (() => jsonResponse({}, 500)))();
      },
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={onSent} />);
    await user.type(screen.getByRole("textbox", { name: "Reference or message" }), "Invoice 42");
    await user.upload(screen.getByLabelText("Proof of the transfer"), pdf());
    const send = screen.getByRole("button", { name: "Send the proof" });

    await user.click(send);
    expect(await screen.findByRole("alert")).toHaveTextContent("We could not tell whether your proof arrived. Send it again: it will not be recorded twice.");

    // The same form again: the same attempt, the same key (the server replays, never keeps it twice).
    await user.click(send);
    const date = screen.getByLabelText("Date of the transfer");
    await waitFor(() => {
      expect(date).toHaveAccessibleDescription(expect.stringContaining("A transfer cannot be made in the future.") as string);
    });
    expect(keys[1]).toBe(keys[0]);
    expect(onSent).not.toHaveBeenCalled();

    // Refused: once the date is corrected it is a new attempt, with a new key.
    await user.clear(date);
    await user.type(date, "2026-11-27");
    expect(date).not.toHaveAttribute("aria-invalid");
    await user.click(send);
    await waitFor(() => {
      expect(onSent).toHaveBeenCalled();
    });
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[2]).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("shows the API's field problems at their fields, and a file already sent at the file", async () => {
    const answers = [
      () =>
        problem(422, "validation-error", "amount: a whole number of minor units (cents), digits only; reference: String should have at most 200 characters", [
          { field: "amount", message: "a whole number of minor units (cents), digits only", code: "whole_number" },
          { field: "reference", message: "String should have at most 200 characters", code: "too_long" },
        ]),
      () => problem(409, "proof-already-submitted", "You already sent this file; it is waiting for the agency or was accepted."),
      () => problem(413, "proof-too-large", "A proof is at most 10 MB."),
    ];
    stubApi({ ...baseRoutes(), [SUBMIT]: () => (answers.shift() ?? (() => jsonResponse({}, 500)))() });
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={vi.fn()} />);
    const reference = screen.getByRole("textbox", { name: "Reference or message" });
    await user.type(reference, "Invoice 42");
    const file = screen.getByLabelText("Proof of the transfer");
    await user.upload(file, pdf());
    const send = screen.getByRole("button", { name: "Send the proof" });

    await user.click(send);
    expect(await screen.findByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByRole("textbox", { name: "Amount you sent (EUR)" })).toHaveAccessibleDescription(
      expect.stringContaining("Enter a whole number.") as string,
    );
    // Each field's code in the reader's language, never the validator's own text.
    expect(reference).toHaveAccessibleDescription(expect.stringContaining("This is too long: shorten it.") as string);

    await user.click(send);
    await waitFor(() => {
      expect(file).toHaveAccessibleDescription(expect.stringContaining("You already sent this file: it is waiting for the agency or was accepted.") as string);
    });
    expect(screen.getByRole("link", { name: "See my transfer proofs" })).toHaveAttribute("href", "/payments/transfer-proofs");
    expect(file).toHaveFocus();

    await user.upload(file, pdf("other.pdf"));
    await user.click(send);
    await waitFor(() => {
      expect(file).toHaveAccessibleDescription(expect.stringContaining("This file is larger than 10 MB.") as string);
    });
  });

  it("says that sending needs a connection when offline", () => {
    onlineManager.setOnline(false);
    stubApi(baseRoutes());
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} invoice={INVOICE} onSent={vi.fn()} />);
    expect(screen.getByRole("status")).toHaveTextContent("You are offline. Sending a proof needs an internet connection");
    expect(screen.getByRole("button", { name: "Send the proof" })).toBeDisabled();
    expect(screen.getByRole("textbox", { name: "Amount you sent (EUR)" })).toBeDisabled();
  });
});

describe("TransferProofForm from the payments area", () => {
  it("makes a tenant on several leases choose the intended one, then offers that lease's open invoices", async () => {
    const other = invoice({ id: "9c1e2d3f-0000-4000-8000-000000000302", number: 43, lease_id: endedLease().id, outstanding: 72000, total: 72000, property_name: "Maison Flagey", unit_name: "Studio 3" });
    const sent: Sent[] = [];
    stubApi({
      ...baseRoutes([balance(), balance({ lease_id: endedLease().id, outstanding: 72000, balance: 72000 })], [INVOICE, other]),
      [SUBMIT]: async (request) => {
        sent.push(await readSent(request));
        return jsonResponse(transferProof({ invoice_id: other.id, invoice_number: 43 }), 201);
      },
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} onSent={onSent} />);

    const leaseSelect = await screen.findByRole("combobox", { name: "Lease" });
    expect(leaseSelect).toHaveValue("");
    expect(leaseSelect).toHaveAccessibleDescription("You are on more than one lease: choose the one this transfer was for.");
    expect(screen.getByRole("textbox", { name: "Amount you sent (EUR)" })).toHaveValue("");
    await user.type(screen.getByRole("textbox", { name: "Amount you sent (EUR)" }), "720");
    await user.type(screen.getByRole("textbox", { name: "Reference or message" }), "Studio 3");
    await user.upload(screen.getByLabelText("Proof of the transfer"), pdf());
    await user.click(screen.getByRole("button", { name: "Send the proof" }));
    expect(leaseSelect).toHaveAccessibleDescription(expect.stringContaining("Choose the lease this transfer was for.") as string);
    expect(leaseSelect).toHaveFocus();
    expect(sent).toHaveLength(0);

    await user.selectOptions(leaseSelect, "Maison Flagey, Studio 3");
    const invoiceSelect = screen.getByRole("combobox", { name: "Invoice (optional)" });
    // Only the chosen lease's open invoices.
    expect(Array.from((invoiceSelect as HTMLSelectElement).options, (option) => option.text)).toEqual([
      "Not for one particular invoice",
      "Invoice 43 · €720.00 left · due 1 December 2026",
    ]);
    await user.selectOptions(invoiceSelect, "Invoice 43 · €720.00 left · due 1 December 2026");
    await user.click(screen.getByRole("button", { name: "Send the proof" }));

    await waitFor(() => {
      expect(onSent).toHaveBeenCalled();
    });
    expect(sent[0]?.fields).toMatchObject({ lease_id: endedLease().id, invoice_id: other.id, amount: "72000", reference: "Studio 3" });
  });

  it("chooses the only lease for the tenant, and an open invoice fills in what it asks for", async () => {
    stubApi(baseRoutes());
    const user = userEvent.setup();
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={LABELS} onSent={vi.fn()} />);
    expect(await screen.findByText("For Residence Louise, Flat 1A")).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Lease" })).not.toBeInTheDocument();
    const amount = screen.getByRole("textbox", { name: "Amount you sent (EUR)" });
    await user.selectOptions(await screen.findByRole("combobox", { name: "Invoice (optional)" }), "Invoice 42 · €950.00 left · due 1 December 2026");
    expect(amount).toHaveValue("950.00");
    await user.selectOptions(screen.getByRole("combobox", { name: "Invoice (optional)" }), "Not for one particular invoice");
    expect(amount).toHaveValue("");
  });

  it("says there is nothing to report without a lease to pay for", async () => {
    stubApi(baseRoutes([], []));
    renderWithProviders(<TransferProofForm locale="en-GB" leaseLabels={{}} onSent={vi.fn()} />);
    expect(await screen.findByText("You have no lease to pay for, so there is no transfer to report.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send the proof" })).not.toBeInTheDocument();
  });
});

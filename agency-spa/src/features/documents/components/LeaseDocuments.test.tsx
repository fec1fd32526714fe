import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { staffMe } from "@/testing/fixtures";
import type { LeaseDocument } from "../api/lease-documents";
import { LeaseDocuments } from "./LeaseDocuments";

const LEASE = "1ea5e000-0000-4000-8000-000000000001";
const BASE = `/api/v1/leases/${LEASE}`;

function aDocument(overrides: Partial<LeaseDocument> = {}): LeaseDocument {
  return {
    id: "d0c00000-0000-4000-8000-000000000001",
    lease_id: LEASE,
    kind: "signed_lease",
    title: "Signed lease",
    year: null,
    file_name: "lease.pdf",
    content_type: "application/pdf",
    file_size: 2048,
    published_at: "2026-11-23T09:00:00Z",
    published_by_name: "Mia Manager",
    withdrawn_at: null,
    withdrawn_by_name: null,
    ...overrides,
  };
}

function stub(role: Role, documents: LeaseDocument[], years: number[] = [2026, 2025]) {
  let current = documents;
  const sent: { key: string | null; fields: Record<string, string>; files: File[] }[] = [];
  const withdrawn: string[] = [];
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${BASE}/documents`]: () => jsonResponse(current),
    [`GET ${BASE}/statements`]: () => jsonResponse(years.map((year) => ({ year }))),
    [`POST ${BASE}/documents`]: async (request) => {
      const form = await request.formData();
      const fields: Record<string, string> = {};
      const files: File[] = [];
      form.forEach((value, name) => {
        if (typeof value === "string") fields[name] = value;
        else files.push(value);
      });
      sent.push({ key: request.headers.get("Idempotency-Key"), fields, files });
      const created = aDocument({ id: "d0c00000-0000-4000-8000-000000000002", kind: "condition_report_move_in", title: fields.title ?? "" });
      current = [created, ...current];
      return jsonResponse(created, 201);
    },
    [`POST ${BASE}/documents/${documents[0]?.id ?? "none"}/withdraw`]: (request) => {
      withdrawn.push(new URL(request.url).pathname);
      current = current.map((document) => ({ ...document, withdrawn_at: "2026-11-24T09:00:00Z", withdrawn_by_name: "Mia Manager" }));
      return jsonResponse(current[0]);
    },
    [`GET ${BASE}/statements/2025.pdf`]: () =>
      new Response("%PDF- statement", {
        headers: { "Content-Type": "application/pdf", "Content-Disposition": "attachment; filename=\"account-statement-2025-1A.pdf\"" },
      }),
  });
  return { sent, withdrawn, fetch };
}

describe("LeaseDocuments", () => {
  it("publishes a condition report as multipart with an Idempotency-Key, after asking for what is missing", async () => {
    const { sent } = stub("manager", []);
    const user = userEvent.setup();
    renderWithProviders(<LeaseDocuments leaseId={LEASE} />);
    expect(await screen.findByText("No document published on this lease yet.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Publish a document" }));
    await user.click(screen.getByRole("button", { name: "Publish" }));
    expect(screen.getByRole("textbox", { name: "Title" })).toHaveAccessibleDescription(/Give the document a title/u);
    expect(sent).toEqual([]);

    await user.selectOptions(screen.getByRole("combobox", { name: "Kind" }), "Condition report at move-in");
    await user.type(screen.getByRole("textbox", { name: "Title" }), "Check-in report");
    await user.upload(screen.getByLabelText("File"), new File(["%PDF-1.4"], "report.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Publish" }));

    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]?.fields).toEqual({ kind: "condition_report_move_in", title: "Check-in report" });
    expect(sent[0]?.files.map((file) => file.type)).toEqual(["application/pdf"]);
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/u);
    expect(await screen.findByRole("rowheader", { name: "Check-in report" })).toBeInTheDocument();
  });

  it("asks for the year of an expense statement", async () => {
    const { sent } = stub("owner", []);
    const user = userEvent.setup();
    renderWithProviders(<LeaseDocuments leaseId={LEASE} />);
    await user.click(await screen.findByRole("button", { name: "Publish a document" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind" }), "Expense statement");
    await user.type(screen.getByRole("textbox", { name: "Title" }), "Charges 2025");
    await user.upload(screen.getByLabelText("File"), new File(["%PDF-1.4"], "charges.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Publish" }));
    expect(screen.getByRole("textbox", { name: "Year" })).toHaveAccessibleDescription(/Give the year/u);
    await user.type(screen.getByRole("textbox", { name: "Year" }), "2025");
    await user.click(screen.getByRole("button", { name: "Publish" }));
    await waitFor(() => {
      expect(sent[0]?.fields).toEqual({ kind: "expense_statement", title: "Charges 2025", year: "2025" });
    });
  });

  it("withdraws a document after confirmation and shows who did", async () => {
    const { withdrawn } = stub("manager", [aDocument()]);
    vi.spyOn(window, "confirm").mockReturnValue(true);
    const user = userEvent.setup();
    renderWithProviders(<LeaseDocuments leaseId={LEASE} />);
    const row = (await screen.findByRole("rowheader", { name: "Signed lease" })).closest("tr");
    expect(row).not.toBeNull();
    await user.click(within(row as HTMLElement).getByRole("button", { name: "Withdraw Signed lease" }));
    expect(await screen.findByText(/Withdrawn .*, by Mia Manager/u)).toBeInTheDocument();
    expect(withdrawn).toHaveLength(1);
  });

  it("lets viewers read and download but neither publish nor withdraw", async () => {
    stub("viewer", [aDocument()]);
    renderWithProviders(<LeaseDocuments leaseId={LEASE} />);
    expect(await screen.findByRole("rowheader", { name: "Signed lease" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download Signed lease" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Withdraw Signed lease" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Publish a document" })).toBeNull();
  });

  it("downloads the account statement of the chosen year", async () => {
    const { fetch } = stub("accountant", []);
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: vi.fn(() => "blob:x"), revokeObjectURL: vi.fn() }));
    const user = userEvent.setup();
    renderWithProviders(<LeaseDocuments leaseId={LEASE} />);
    await user.selectOptions(await screen.findByRole("combobox", { name: "Year" }), "2025");
    await user.click(screen.getByRole("button", { name: "Download the statement" }));
    await waitFor(() => {
      expect(fetch.mock.calls.some(([request]) => new URL(request.url).pathname === `${BASE}/statements/2025.pdf`)).toBe(true);
    });
  });
});

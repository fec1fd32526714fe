import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import type { PortalDocument } from "../api/documents";
import { documentFileName, fetchDocumentFile } from "../api/documents";
import { DocumentList, LatestDocuments } from "./DocumentList";

const LEASE = "5a7c0e2d-0000-4000-8000-000000000101";

function item(overrides: Partial<PortalDocument>): PortalDocument {
  return {
    kind: "condition_report_move_in",
    lease_id: LEASE,
    property_name: "Residence Louise",
    unit_name: "1A",
    date: "2026-11-23",
    title: "Condition report at move-in",
    year: null,
    document_id: "d0c00000-0000-4000-8000-000000000001",
    content_type: "application/pdf",
    file_size: 1024,
    payment_id: null,
    receipt_number: null,
    amount: null,
    currency: null,
    ...overrides,
  };
}

const REPORT = item({});
const RECEIPT = item({
  kind: "receipt",
  title: null,
  document_id: null,
  content_type: null,
  file_size: null,
  date: "2026-11-01",
  payment_id: "b7d0c3a1-0000-4000-8000-000000000401",
  receipt_number: 42,
  amount: 95_000,
  currency: "EUR",
});
const STATEMENT = item({ kind: "account_statement", title: null, document_id: null, content_type: null, file_size: null, year: 2025, date: "2025-12-31" });

/** One page of the list as the API answers it. */
function page(items: PortalDocument[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor };
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("DocumentList", () => {
  it("lists every kind with its facts and filters by kind through the API", async () => {
    const asked: string[] = [];
    stubApi({
      "GET /api/v1/portal/documents": (request) => {
        const kind = new URL(request.url).searchParams.get("kind");
        asked.push(kind ?? "all");
        return jsonResponse(page(kind === "receipt" ? [RECEIPT] : kind === "certificate" ? [] : [REPORT, RECEIPT, STATEMENT]));
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<DocumentList />);

    const list = await screen.findByRole("list");
    const titles = within(list).getAllByRole("heading").map((heading) => heading.textContent);
    expect(titles).toEqual(["Condition report at move-in", "Receipt no. 42", "Account statement 2025"]);
    expect(screen.getByText("Receipt · November 1, 2026 · €950.00")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download Account statement 2025" })).toBeEnabled();

    await user.selectOptions(screen.getByRole("combobox", { name: "Show" }), "Receipt");
    await waitFor(() => {
      expect(screen.getAllByRole("heading").map((heading) => heading.textContent)).toEqual(["Receipt no. 42"]);
    });
    await user.selectOptions(screen.getByRole("combobox", { name: "Show" }), "Certificate");
    expect(await screen.findByText("No documents of this kind.")).toBeInTheDocument();
    expect(asked).toEqual(["all", "receipt", "certificate"]);
  });

  it("shows more: the next page after the cursor, below the first", async () => {
    const asked: (string | null)[] = [];
    stubApi({
      "GET /api/v1/portal/documents": (request) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        asked.push(cursor);
        return jsonResponse(cursor === null ? page([REPORT, RECEIPT], "after-receipt") : page([STATEMENT]));
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<DocumentList />);

    await screen.findByRole("heading", { name: "Receipt no. 42" });
    await user.click(screen.getByRole("button", { name: "Show more" }));

    await screen.findByRole("heading", { name: "Account statement 2025" });
    const titles = screen.getAllByRole("heading").map((heading) => heading.textContent);
    expect(titles).toEqual(["Condition report at move-in", "Receipt no. 42", "Account statement 2025"]);
    expect(asked).toEqual([null, "after-receipt"]);
    // The last page has no cursor: nothing more to show.
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("says when the list cannot be read", async () => {
    stubApi({ "GET /api/v1/portal/documents": () => jsonResponse({ status: 500, title: "Internal Server Error" }, 500) });
    renderWithProviders(<DocumentList />);
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });
});

describe("LatestDocuments", () => {
  it("asks for the three newest and links to all of them", async () => {
    const limits: (string | null)[] = [];
    stubApi({
      "GET /api/v1/portal/documents": (request) => {
        limits.push(new URL(request.url).searchParams.get("limit"));
        return jsonResponse(page([REPORT]));
      },
    });
    renderWithProviders(<LatestDocuments />);
    expect(await screen.findByRole("heading", { name: "Condition report at move-in" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "All documents" })).toHaveAttribute("href", "/documents");
    expect(limits).toEqual(["3"]);
  });

  it("says so when there is nothing yet", async () => {
    stubApi({ "GET /api/v1/portal/documents": () => jsonResponse(page([])) });
    renderWithProviders(<LatestDocuments />);
    expect(await screen.findByText(/No documents yet/u)).toBeInTheDocument();
  });
});

describe("fetchDocumentFile", () => {
  it("reads each kind from its own route with the session's token", async () => {
    const pdf = (body: string) => (request: Request) =>
      request.headers.get("Authorization") === "Bearer t1"
        ? new Response(body, { headers: { "Content-Type": "application/pdf" } })
        : jsonResponse({ status: 401, title: "Unauthorized" }, 401);
    stubApi({
      [`GET /api/v1/portal/documents/${REPORT.document_id ?? ""}/file`]: pdf("%PDF- report"),
      [`GET /api/v1/portal/payments/${RECEIPT.payment_id ?? ""}/receipt.pdf`]: pdf("%PDF- receipt"),
      [`GET /api/v1/portal/leases/${LEASE}/statements/2025.pdf`]: pdf("%PDF- statement"),
    });
    expect(await (await fetchDocumentFile(REPORT)).text()).toBe("%PDF- report");
    expect(await (await fetchDocumentFile(RECEIPT)).text()).toBe("%PDF- receipt");
    expect(await (await fetchDocumentFile(STATEMENT)).text()).toBe("%PDF- statement");
  });

  it("names the saved file after what it is", () => {
    expect(documentFileName(REPORT, "Condition report: move-in")).toBe("Condition report move-in.pdf");
    expect(documentFileName(item({ content_type: "image/png" }), "Plan")).toBe("Plan.png");
  });

  it("downloads from the list", async () => {
    const create = vi.fn(() => "blob:doc");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() }));
    stubApi({
      "GET /api/v1/portal/documents": () => jsonResponse(page([REPORT])),
      [`GET /api/v1/portal/documents/${REPORT.document_id ?? ""}/file`]: () => new Response("%PDF-", { headers: { "Content-Type": "application/pdf" } }),
    });
    const user = userEvent.setup();
    renderWithProviders(<DocumentList />);
    await user.click(await screen.findByRole("button", { name: "Download Condition report at move-in" }));
    await waitFor(() => {
      expect(create).toHaveBeenCalledOnce();
    });
  });
});

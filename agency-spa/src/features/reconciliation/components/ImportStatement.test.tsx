import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { aStatement, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { ImportStatement } from "./ImportStatement";

const csv = () => new File(["Date;Amount;Reference;Counterparty\n2026-12-02;950,00;Invoice 7;Tess Tenant\n"], "december.csv", { type: "text/csv" });

function stub(answers: (() => Response | Promise<Response>)[]) {
  const uploads: { key: string | null; contentType: string | null; hasFile: boolean }[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("accountant")),
    "POST /api/v1/reconciliation/statements": async (request) => {
      // (jsdom's File is not Node's Blob, so the part's name and bytes do not survive the fake
      // fetch; the browser sends them — the end-to-end test uploads a real file.)
      const form = await request.formData();
      uploads.push({ key: request.headers.get("Idempotency-Key"), contentType: request.headers.get("Content-Type"), hasFile: form.has("file") });
      return (answers[uploads.length - 1] ?? (() => jsonResponse(aStatement(), 201)))();
    },
  });
  return uploads;
}

async function importFile(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText("Statement file (CSV)"), csv());
  await user.click(screen.getByRole("button", { name: "Import statement" }));
}

describe("ImportStatement", () => {
  it("uploads the file as multipart and says what was matched, what waits for review and what was set aside", async () => {
    const uploads = stub([]);
    const user = userEvent.setup();
    renderWithProviders(<ImportStatement />);
    await importFile(user);

    const result = await screen.findByRole("heading", { name: "december.csv imported" });
    const panel = result.closest<HTMLElement>(".import-result") ?? document.body;
    expect(panel).toHaveTextContent("4 lines: 3 received (€2,000.00), 1 paid out (€20.00).");
    const figures = within(panel).getByLabelText("What the import did");
    expect(figures).toHaveTextContent("Matched1");
    expect(figures).toHaveTextContent("Needs review2");
    expect(figures).toHaveTextContent("Not a tenant payment1");
    expect(within(panel).getByRole("link", { name: "Review the 2 lines waiting" })).toHaveAttribute(
      "href",
      `/reconciliation/lines?status=unmatched&statement_id=${aStatement().id}`,
    );
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(uploads[0]?.hasFile).toBe(true);
    expect(uploads[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists each problem of an unreadable file with its line and column", async () => {
    stub([
      () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:statement-unreadable",
            title: "The bank statement could not be read",
            status: 422,
            detail: "Line 3, amount: 'abc' is not an amount. (2 lines have problems)",
            errors: [
              { field: "file.line 3.amount", message: "'abc' is not an amount." },
              { field: "file.line 5.date", message: "'31/02/2026' is not a calendar date." },
            ],
          },
          422,
        ),
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportStatement />);
    await importFile(user);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The file could not be imported. Fix these 2 problems and import it again:");
    expect(within(alert).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Line 3, amount: 'abc' is not an amount.",
      "Line 5, date: '31/02/2026' is not a calendar date.",
    ]);
    expect(alert).toHaveTextContent("Nothing of this file was kept.");
  });

  it("says a file was imported before and links to the earlier import", async () => {
    stub([
      () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:statement-already-imported",
            title: "This bank statement was imported before",
            status: 409,
            detail: "This file was imported on 2026-12-01 (statement 0b6f1d4e-0000-4000-8000-000000000499); its lines are in the review queue.",
          },
          409,
        ),
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportStatement />);
    await importFile(user);
    expect(await screen.findByText(/This file was imported before: nothing was imported again/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the earlier import" })).toHaveAttribute(
      "href",
      "/reconciliation/statements/0b6f1d4e-0000-4000-8000-000000000499",
    );
  });

  it("retries an upload whose answer was lost with the same key, and asks for a file first", async () => {
    const uploads = stub([() => Promise.reject(new TypeError("Failed to fetch"))]);
    const user = userEvent.setup();
    renderWithProviders(<ImportStatement />);
    await user.click(screen.getByRole("button", { name: "Import statement" }));
    expect(screen.getByText("Choose the CSV file to import.")).toBeInTheDocument();
    expect(uploads).toHaveLength(0);

    await importFile(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not reach Doorstep.");
    await user.click(screen.getByRole("button", { name: "Import statement" }));
    await screen.findByRole("heading", { name: "december.csv imported" });
    expect(uploads.map((upload) => upload.key)).toEqual([uploads[0]?.key, uploads[0]?.key]);
  });
});

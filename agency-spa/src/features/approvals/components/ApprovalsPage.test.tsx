import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { anApproval, page, staffMe } from "@/testing/fixtures";
import { ApprovalsPage } from "./ApprovalsPage";
import { PendingApprovalsBadge } from "./PendingApprovalsBadge";

const me = staffMe("accountant").user;
const marc = { id: "0b6f1d4e-0000-4000-8000-000000000002", first_name: "Marc", last_name: "Manager" };
const fromMarc = anApproval();
const mine = anApproval({
  id: "approval-mine",
  kind: "refund",
  invoice_id: null,
  payment_id: "0b6f1d4e-0000-4000-8000-000000000601",
  amount: 75000, summary: "Refund of a cash payment: Overpaid", requested_by_id: me.id });
const decided = anApproval({
  id: "approval-old",
  status: "approved",
  decided_by_id: me.id,
  decided_at: "2026-11-30T11:00:00Z",
  decision_note: "Agreed with the landlord",
});

function stub(role: Role) {
  const requests: { url: URL; body: unknown }[] = [];
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/staff": () =>
      jsonResponse(page([{ ...me, role: "accountant" }, { ...marc, email: "marc@demo.doorstep.test", role: "manager", is_active: true, last_login_at: null }])),
    "GET /api/v1/approvals": (request) => {
      const status = new URL(request.url).searchParams.get("status");
      requests.push({ url: new URL(request.url), body: null });
      return jsonResponse(page(status === "pending" ? [fromMarc, mine] : status === "approved" ? [decided] : [fromMarc, mine, decided]));
    },
    [`POST /api/v1/approvals/${fromMarc.id}/approve`]: async (request) => {
      requests.push({ url: new URL(request.url), body: await request.json() });
      return jsonResponse({ ...fromMarc, status: "approved", decided_by_id: me.id, decided_at: "2026-12-01T09:00:00Z", decision_note: "Fine" });
    },
    [`POST /api/v1/approvals/${fromMarc.id}/reject`]: async (request) => {
      const text = await request.text();
      requests.push({ url: new URL(request.url), body: text === "" ? null : JSON.parse(text) });
      return jsonResponse(
        { type: "urn:doorstep:problem:approval-decided", title: "This approval has already been decided", status: 409, detail: "This approval was approved already.", errors: [] },
        409,
      );
    },
  });
  return requests;
}

const rowOf = (text: string) => screen.getByRole("row", { name: new RegExp(text, "u") });

describe("ApprovalsPage", () => {
  it("lists what waits, who asked, how much and when; an accountant decides others' requests, never their own", async () => {
    stub("accountant");
    renderWithProviders(<ApprovalsPage />);
    expect(await screen.findByText("Credit notes, write-offs and refunds above €500.00 wait here for a second person", { exact: false })).toBeInTheDocument();
    const marcs = await screen.findByRole("row", { name: /No heating for a week/u });
    await waitFor(() => {
      expect(marcs).toHaveTextContent("Marc Manager");
    });
    expect(marcs).toHaveTextContent("€600.00");
    expect(marcs).toHaveTextContent("Pending");
    expect(within(marcs).getByRole("button", { name: "Approve" })).toHaveAccessibleDescription(/write-off on invoice 42: No heating for a week/u);
    expect(within(marcs).getByRole("button", { name: "Reject" })).toBeInTheDocument();
    expect(within(marcs).getByRole("link", { name: "Open the invoice" })).toHaveAttribute("href", `/invoices/${fromMarc.invoice_id ?? ""}`);

    const own = rowOf("Overpaid");
    expect(own).toHaveTextContent("Ann Peeters");
    expect(own).toHaveTextContent("You asked for this: another accountant or owner decides.");
    expect(within(own).queryByRole("button")).not.toBeInTheDocument();
    expect(within(own).getByRole("link", { name: "Open the payment" })).toHaveAttribute("href", `/payments/${mine.payment_id ?? ""}`);
  });

  it("approves with a note, after saying what approving does", async () => {
    const requests = stub("owner");
    const user = userEvent.setup();
    renderWithProviders(<ApprovalsPage />);
    const row = await screen.findByRole("row", { name: /No heating for a week/u });
    await user.click(within(row).getByRole("button", { name: "Approve" }));
    const dialog = screen.getByRole("dialog", { name: "Approve this credit of €600.00?" });
    expect(dialog).toHaveTextContent("It applies at once: the invoice asks for that much less.");
    await user.type(within(dialog).getByLabelText("Note (optional)"), "Fine");
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    expect(await screen.findByText("Approved: €600.00. It is carried out now.")).toBeInTheDocument();
    expect(requests.filter((request) => request.body !== null)).toEqual([
      { url: new URL(`http://localhost/api/v1/approvals/${fromMarc.id}/approve`), body: { note: "Fine" } },
    ]);
  });

  it("keeps the dialog open with the API's answer when the decision is refused", async () => {
    const requests = stub("accountant");
    const user = userEvent.setup();
    renderWithProviders(<ApprovalsPage />);
    const row = await screen.findByRole("row", { name: /No heating for a week/u });
    await user.click(within(row).getByRole("button", { name: "Reject" }));
    const dialog = screen.getByRole("dialog", { name: "Reject this credit of €600.00?" });
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This approval was approved already.");
    // No note typed: no body sent.
    expect(requests.some((request) => request.url.pathname.endsWith("/reject"))).toBe(true);
  });

  it.each<Role>(["manager", "viewer"])("offers a %s no decision", async (role) => {
    stub(role);
    renderWithProviders(<ApprovalsPage />);
    const row = await screen.findByRole("row", { name: /No heating for a week/u });
    expect(row).toHaveTextContent("An accountant or owner decides.");
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reject" })).not.toBeInTheDocument();
  });

  it("shows decided ones with who decided, when and their note", async () => {
    const requests = stub("manager");
    const user = userEvent.setup();
    renderWithProviders(<ApprovalsPage />, { route: "/approvals" });
    await screen.findByRole("row", { name: /No heating/u });
    await user.selectOptions(screen.getByLabelText("Show"), "Approved");
    const row = await screen.findByRole("row", { name: /Agreed with the landlord/u });
    expect(row).toHaveTextContent("By Ann Peeters");
    expect(row).toHaveTextContent("Approved");
    expect(requests.map((request) => request.url.searchParams.get("status"))).toEqual(["pending", "approved"]);
  });
});

describe("PendingApprovalsBadge", () => {
  it("counts for an approver what they may decide, not their own requests", async () => {
    stub("accountant");
    renderWithProviders(<PendingApprovalsBadge />);
    expect(await screen.findByText("1 waiting for your decision")).toBeInTheDocument();
  });

  it("is not shown to those who do not decide", async () => {
    stub("manager");
    const { container } = renderWithProviders(<PendingApprovalsBadge />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container).toBeEmptyDOMElement();
  });
});

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { NO_OVERRIDE, overrideBody, sendAllowed, type Checklist, type ChecklistItem, type OverrideChoice } from "@/lib/api/readiness";
import { ReadinessReview } from "./ReadinessReview";

const TENANT = "0193a5f0-0000-7000-8000-000000000001";
const LEASE_A = "0193a5f0-0000-7000-8000-0000000000a1";
const LEASE_B = "0193a5f0-0000-7000-8000-0000000000b2";

function item(overrides: Partial<ChecklistItem> & Pick<ChecklistItem, "key" | "code">): ChecklistItem {
  return { status: "ok", message: "English from the API", params: {}, fix: null, ...overrides };
}

function checklist(items: ChecklistItem[], extra: Partial<Checklist> = {}): Checklist {
  return {
    purpose: "invite",
    tenant_id: TENANT,
    lease_id: LEASE_A,
    leases: [{ id: LEASE_A, status: "active", unit_name: "1A", property_name: "Residence Louise", start_date: "2026-01-01", end_date: null }],
    items,
    blocking: items.some((candidate) => candidate.status === "blocking"),
    ...extra,
  };
}

function Harness({ data, onLease = vi.fn() }: { data: Checklist; onLease?: (id: string) => void }) {
  const [override, setOverride] = useState<OverrideChoice>(NO_OVERRIDE);
  return (
    <>
      <ReadinessReview
        checklist={data}
        loading={false}
        failed={false}
        leaseId=""
        onLeaseChange={onLease}
        override={override}
        onOverrideChange={setOverride}
      />
      <button type="button" disabled={!sendAllowed(data.blocking, override)}>
        Send
      </button>
      <output data-testid="body">{JSON.stringify(overrideBody(override))}</output>
    </>
  );
}

describe("ReadinessReview", () => {
  it("shows each item with its status, its sentence in the reader's language and where to fix it", () => {
    renderWithProviders(
      <Harness
        data={checklist([
          item({ key: "email", code: "email.ok", params: { email: "tara@example.com" } }),
          item({ key: "phone", code: "phone.missing", status: "warning", fix: { kind: "tenant", id: TENANT } }),
          item({
            key: "schedule",
            code: "schedule.ok",
            params: { amount: 95000, currency: "EUR", frequency: "monthly", due_day: 1, next_due: "2026-12-01" },
          }),
          item({ key: "integration", code: "integration.not_yet_known", message: "Something new from the API." }),
        ])}
      />,
    );
    const rows = within(screen.getByRole("list", { name: "Before sending: readiness review" })).getAllByRole("listitem");
    expect(rows.map((row) => row.getAttribute("data-status"))).toEqual(["ok", "warning", "ok", "ok"]);
    expect(rows[0]).toHaveTextContent("E-mailOKE-mails go to tara@example.com.");
    expect(rows[1]).toHaveTextContent("Warning");
    expect(within(rows[1]!).getByRole("link", { name: "Open the tenant" })).toHaveAttribute("href", `/tenants/${TENANT}`);
    expect(rows[2]).toHaveTextContent("€950.00 per month, next due on December 1, 2026.");
    // A code this app does not know yet: the API's own sentence.
    expect(rows[3]).toHaveTextContent("Something new from the API.");
    expect(screen.getByText("Nothing blocks sending.")).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: /Send anyway/u })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send" })).toBeEnabled();
  });

  it("disables Send while something blocks, until 'Send anyway' has a reason", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <Harness
        data={checklist([
          item({
            key: "invoices",
            code: "invoices.too_high",
            status: "blocking",
            params: { number: 12, amount: 120000, expected: 95000, currency: "EUR" },
            fix: { kind: "invoice", id: LEASE_B },
          }),
        ])}
      />,
    );
    expect(screen.getByText("Invoice 12 asks for €1,200.00, but the lease's rent for it is €950.00.", { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the invoice" })).toHaveAttribute("href", `/invoices/${LEASE_B}`);
    const send = screen.getByRole("button", { name: "Send" });
    expect(send).toBeDisabled();

    await user.click(screen.getByRole("checkbox", { name: /Send anyway/u }));
    expect(send).toBeDisabled();
    const reason = screen.getByRole("textbox", { name: /Why it is sent anyway/u });
    await user.type(reason, "   ");
    expect(send).toBeDisabled();
    expect(screen.getByTestId("body")).toHaveTextContent("null");
    await user.type(reason, "Agreed by phone ");
    expect(send).toBeEnabled();
    expect(screen.getByTestId("body")).toHaveTextContent('{"reason":"Agreed by phone"}');

    await user.click(screen.getByRole("checkbox", { name: /Send anyway/u }));
    expect(send).toBeDisabled();
  });

  it("asks for the lease when the tenant is on several", async () => {
    const user = userEvent.setup();
    const onLease = vi.fn();
    renderWithProviders(
      <Harness
        onLease={onLease}
        data={checklist([item({ key: "lease", code: "lease.several", status: "blocking", params: { count: 2 } })], {
          lease_id: null,
          leases: [
            { id: LEASE_A, status: "active", unit_name: "1A", property_name: "Residence Louise", start_date: "2026-01-01", end_date: null },
            { id: LEASE_B, status: "active", unit_name: "2B", property_name: "Residence Louise", start_date: "2026-03-01", end_date: null },
          ],
        })}
      />,
    );
    expect(screen.getByText("The tenant is on 2 active leases: choose the one this is for.")).toBeInTheDocument();
    const picker = screen.getByRole("combobox", { name: /Lease this is for/u });
    expect(within(picker).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Choose a lease",
      "1A, Residence Louise (from January 1, 2026, active)",
      "2B, Residence Louise (from March 1, 2026, active)",
    ]);
    await user.selectOptions(picker, LEASE_B);
    expect(onLease).toHaveBeenCalledWith(LEASE_B);
  });

  it("offers 'Send anyway' when the server refused the send as not ready", () => {
    renderWithProviders(
      <ReadinessReview
        checklist={undefined}
        loading={false}
        failed={false}
        leaseId=""
        onLeaseChange={vi.fn()}
        override={NO_OVERRIDE}
        onOverrideChange={vi.fn()}
        refusedAsBlocked
      />,
    );
    expect(screen.getByRole("checkbox", { name: /Send anyway/u })).toBeInTheDocument();
  });
});

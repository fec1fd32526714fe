import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useParams } from "react-router";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { aFollowUp, aFollowUpPreview, aLease, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { FollowUpDetailPage } from "./FollowUpDetailPage";
import { NewFollowUpPage } from "./NewFollowUpPage";

const lease = aLease({ status: "active" });
const otherLease = aLease({ id: "0b6f1d4e-0000-4000-8000-0000000000e9", unit: { ...lease.unit, id: "u9", name: "Flat 2A" } });

function Detail() {
  const { followUpId = "" } = useParams();
  return <FollowUpDetailPage followUpId={followUpId} />;
}

interface Options {
  role?: Role;
  otherLeases?: boolean;
  /** How the API answers each POST /follow-ups in turn. */
  sends?: (() => Response | Promise<Response>)[];
  preview?: () => Response;
}

function stub({ role = "manager", otherLeases = false, sends = [], preview }: Options = {}) {
  const previews: unknown[] = [];
  const keys: (string | null)[] = [];
  const bodies: unknown[] = [];
  const followUp = aFollowUp();
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET /api/v1/leases/${lease.id}`]: () => jsonResponse(lease),
    "GET /api/v1/leases": () => jsonResponse(page(otherLeases ? [lease, otherLease] : [lease])),
    "POST /api/v1/collections/follow-ups/preview": async (request) => {
      previews.push(await request.json());
      return preview?.() ?? jsonResponse(aFollowUpPreview());
    },
    "POST /api/v1/collections/follow-ups": async (request) => {
      keys.push(request.headers.get("Idempotency-Key"));
      bodies.push(await request.json());
      const next = sends[keys.length - 1];
      return next === undefined ? jsonResponse(followUp, 201) : next();
    },
    [`GET /api/v1/collections/follow-ups/${followUp.id}`]: () => jsonResponse(followUp),
  });
  return { previews, keys, bodies };
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/collections/follow-ups/new" element={<NewFollowUpPage />} />
      <Route path="/collections/follow-ups/:followUpId" element={<Detail />} />
    </Routes>,
    { route: `/collections/follow-ups/new?lease_id=${lease.id}` },
  );
}

const networkDown = () => Promise.reject(new TypeError("Failed to fetch"));

describe("NewFollowUpPage", () => {
  it("shows the message the API composed before anything is sent, then sends it and shows the record", async () => {
    const calls = stub();
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByRole("heading", { level: 1, name: "Follow up on Flat 1A, Residence Louise" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Personal paragraph (optional)"), "Call us if you need a plan.");
    await user.type(screen.getByLabelText("Note for the team (optional)"), "Second reminder");
    expect(screen.queryByRole("button", { name: /Send/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Preview the message" }));

    const preview = await screen.findByRole("region", { name: "What the tenant will receive" });
    expect(calls.previews).toEqual([{ lease_id: lease.id, tenant_id: null, message: "Call us if you need a plan." }]);
    expect(calls.keys).toEqual([]); // nothing sent by previewing
    const invoices = within(preview).getByRole("table", { name: "Overdue invoices in the message" });
    expect(invoices).toHaveTextContent("Invoice 7");
    await waitFor(() => {
      expect(invoices).toHaveTextContent("1 November 2026");
    });
    expect(invoices).toHaveTextContent("€950.00");
    const message = within(preview).getByRole("article", { name: "E-mail to Tess Tenant" });
    expect(message).toHaveTextContent("tenant@doorstep.example");
    expect(message).toHaveTextContent("Invoice 7: 950,00 € still due, due on 1 November 2026");
    expect(message).toHaveTextContent("Need help?");

    await user.click(within(preview).getByRole("button", { name: "Send to the tenant" }));

    expect(await screen.findByRole("heading", { level: 1, name: /^Follow-up of / })).toBeInTheDocument();
    expect(screen.getByText("Follow-up sent to the tenant and recorded.")).toBeInTheDocument();
    const sent = screen.getByRole("region", { name: "What was sent" });
    expect(sent).toHaveTextContent("Sent byMarc Manager");
    expect(sent).toHaveTextContent("2 December 2026, 10:30 (Central European Time)"); // 09:30 UTC on the agency's Brussels clock
    expect(calls.bodies).toEqual([
      { lease_id: lease.id, tenant_id: null, message: "Call us if you need a plan.", channel: "email", note: "Second reminder" },
    ]);
    expect(calls.keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends the same Idempotency-Key again when a send is retried after its answer was lost", async () => {
    const calls = stub({ sends: [networkDown] });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Preview the message" }));
    const send = await screen.findByRole("button", { name: "Send to the tenant" });

    await user.click(send);
    expect(await screen.findByText(/Trying again is safe: the tenant gets the message only once/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send to the tenant" }));

    expect(await screen.findByText("Follow-up sent to the tenant and recorded.")).toBeInTheDocument();
    expect(calls.keys).toHaveLength(2);
    expect(calls.keys[1]).toBe(calls.keys[0]);
  });

  it("starts a new attempt, with a new key and a new preview, once the message is changed", async () => {
    const calls = stub({ sends: [networkDown] });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Preview the message" }));
    await user.click(await screen.findByRole("button", { name: "Send to the tenant" }));
    await screen.findByText(/Trying again is safe/);

    await user.type(screen.getByLabelText("Personal paragraph (optional)"), "Sorry for the delay.");
    expect(screen.queryByRole("region", { name: "What the tenant will receive" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Preview the message" }));
    await user.click(await screen.findByRole("button", { name: "Send to the tenant" }));

    await screen.findByText("Follow-up sent to the tenant and recorded.");
    expect(calls.previews).toHaveLength(2);
    expect(calls.keys).toHaveLength(2);
    expect(calls.keys[1]).not.toBe(calls.keys[0]);
  });

  it("sends a new key when only the team note changed after a lost answer (another body is another attempt)", async () => {
    const calls = stub({ sends: [networkDown] });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Preview the message" }));
    await user.click(await screen.findByRole("button", { name: "Send to the tenant" }));
    await screen.findByText(/Trying again is safe/);

    await user.type(screen.getByLabelText("Note for the team (optional)"), "Called too");
    await user.click(screen.getByRole("button", { name: "Send to the tenant" }));

    await screen.findByText("Follow-up sent to the tenant and recorded.");
    expect(calls.previews).toHaveLength(1); // the note is not in the message: the preview still holds
    expect(calls.bodies).toEqual([
      { lease_id: lease.id, tenant_id: null, message: null, channel: "email", note: null },
      { lease_id: lease.id, tenant_id: null, message: null, channel: "email", note: "Called too" },
    ]);
    expect(calls.keys).toHaveLength(2);
    expect(calls.keys[1]).not.toBe(calls.keys[0]);
  });

  it("asks to confirm the lease when a tenant is on another active lease", async () => {
    const calls = stub({ otherLeases: true });
    const user = userEvent.setup();
    renderPage();
    const warning = await screen.findByText(/A tenant of this lease is also on another active lease/);
    expect(warning.closest("[role=status]")).toHaveTextContent("Tess Tenant: Flat 2A · Residence Louise");

    await user.click(screen.getByRole("button", { name: "Preview the message" }));
    expect(await screen.findByText("Confirm which lease this follow-up is about.")).toBeInTheDocument();
    expect(calls.previews).toEqual([]);

    await user.click(screen.getByRole("checkbox", { name: "This follow-up is about Flat 1A · Residence Louise" }));
    await user.click(screen.getByRole("button", { name: "Preview the message" }));
    await screen.findByRole("region", { name: "What the tenant will receive" });
    expect(calls.previews).toHaveLength(1);
  });

  it("lists what the agency must add before a clear message can be sent", async () => {
    stub({
      preview: () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:follow-up-not-ready",
            title: "The agency's details are incomplete for a clear message",
            status: 409,
            detail: "…",
            errors: [
              { field: "trust_account.iban", message: "Add the trust account's IBAN." },
              { field: "agency.settings.contact_email", message: "Add the agency's contact e-mail or phone." },
            ],
          },
          409,
        ),
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Preview the message" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The agency's details are incomplete for a clear message");
    expect(within(alert).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Add the trust account's IBAN.",
      "Add the agency's contact e-mail or phone.",
    ]);
    expect(screen.queryByRole("button", { name: /Send/ })).not.toBeInTheDocument();
  });

  it("offers a viewer nothing to send", async () => {
    stub({ role: "viewer" });
    renderPage();
    expect(await screen.findByText("Your role can read follow-ups but not send them.")).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole("button")).not.toBeInTheDocument();
    });
  });
});

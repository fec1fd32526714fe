import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import type { StaffUser, ThresholdChange, TrustAccount } from "../api/settings";
import { AgencySection } from "./AgencySection";
import { ApprovalThresholdSection } from "./ApprovalThresholdSection";
import { FeaturesSection } from "./FeaturesSection";
import { TeamSection } from "./TeamSection";
import { TrustAccountSection } from "./TrustAccountSection";

const account: TrustAccount = {
  id: "0b6f1d4e-0000-4000-8000-0000000000f1",
  name: "Demo Lettings client account",
  receipt_oldest_invoice_first: true,
  iban: null,
  bic: null,
  account_number: null,
};

function validationError(field: string, code = "invalid") {
  return jsonResponse(
    { type: "urn:doorstep:problem:validation-error", title: "The request is not valid", status: 422, errors: [{ field, message: "Value error, a validator's English", code }] },
    422,
  );
}

function describedBy(input: HTMLElement): string {
  return (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
}

describe("TrustAccountSection", () => {
  it("puts the API's refusal of an IBAN next to the field, then saves only the IBAN", async () => {
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/trust-account": () => jsonResponse(account),
      "PATCH /api/v1/trust-account": async (request) => {
        const body = (await request.json()) as { iban: string };
        sent.push(body);
        return body.iban === "BE68539007547035" ? validationError("body.iban") : jsonResponse({ ...account, iban: body.iban });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TrustAccountSection />);
    const iban = await screen.findByRole("textbox", { name: "IBAN" });
    await user.type(iban, "BE68539007547035");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/This is not a valid IBAN/)).toBeInTheDocument();
    expect(iban).toHaveAttribute("aria-invalid", "true");
    expect(describedBy(iban)).toContain("This is not a valid IBAN");

    await user.clear(iban);
    await user.type(iban, "BE68539007547034");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "IBAN" })).toHaveValue("BE68539007547034");
    expect(sent).toEqual([{ iban: "BE68539007547035" }, { iban: "BE68539007547034" }]);
  });

  it.each<[Role, boolean]>([
    ["accountant", true],
    ["manager", false],
    ["viewer", false],
  ])("lets a %s edit it: %s", async (role, editable) => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe(role)),
      "GET /api/v1/trust-account": () => jsonResponse(account),
    });
    renderWithProviders(<TrustAccountSection />);
    const iban = await screen.findByRole("textbox", { name: "IBAN" });
    if (editable) {
      expect(iban).toBeEnabled();
      expect(screen.getByRole("button", { name: "Save" })).toBeInTheDocument();
    } else {
      expect(iban).toBeDisabled();
      expect(screen.getByRole("checkbox", { name: "Receipt the oldest invoice first" })).toBeDisabled();
      expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
      expect(screen.getByText("Only the agency's owners and accountants can change the trust account.")).toBeInTheDocument();
    }
  });
});

describe("AgencySection", () => {
  it("saves the owner's changes only, and shows the API's field errors on their fields", async () => {
    const sent: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "PATCH /api/v1/agency": async (request) => {
        const body = (await request.json()) as { timezone?: string };
        sent.push(body);
        return body.timezone === "Mars/Olympus" ? validationError("body.timezone", "timezone_unknown") : jsonResponse(staffMe("owner").agency);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<AgencySection />);
    const timezone = await screen.findByRole("textbox", { name: "Time zone" });
    await user.clear(timezone);
    await user.type(timezone, "Mars/Olympus");
    await user.click(screen.getByRole("checkbox", { name: "Open generated invoices at once" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Check the fields marked above.")).toBeInTheDocument();
    expect(timezone).toHaveAttribute("aria-invalid", "true");
    expect(sent).toEqual([{ timezone: "Mars/Olympus", settings: { auto_approve_invoices: true } }]);

    await user.clear(timezone);
    await user.type(timezone, "Europe/Brussels");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ settings: { auto_approve_invoices: true } });
  });

  it("checks the invoice lead days before asking the API", async () => {
    const fetch = stubApi({ "GET /api/v1/me": () => jsonResponse(staffMe("owner")) });
    const user = userEvent.setup();
    renderWithProviders(<AgencySection />);
    const days = await screen.findByRole("spinbutton", { name: "Days before the due date an invoice is made" });
    await user.clear(days);
    await user.type(days, "90");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("A whole number of days from 0 to 60.")).toBeInTheDocument();
    expect(fetch.mock.calls.some(([request]) => request.method === "PATCH")).toBe(false);
  });

  it("is read-only to a manager", async () => {
    stubApi({ "GET /api/v1/me": () => jsonResponse(staffMe("manager")) });
    renderWithProviders(<AgencySection />);
    expect(await screen.findByRole("textbox", { name: "Agency name" })).toBeDisabled();
    expect(screen.getByText("Only the agency's owner can change these settings.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
  });
});

describe("FeaturesSection", () => {
  const me = { ...staffMe("owner"), features: { tenant_portal: true, online_payments: false, payment_links: false, automated_messages: true } };

  it("shows each feature's state, an off one as in progress, and sends the switches flipped", async () => {
    let sent: unknown = null;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(me),
      "PATCH /api/v1/agency": async (request) => {
        sent = await request.json();
        return jsonResponse(me.agency);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<FeaturesSection />);
    const state = await screen.findByRole("list", { name: "Current state" });
    expect(within(state).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "On Tenant portal",
      "In progress Card payments",
      "In progress Payment links",
      "On Automated messages",
    ]);
    await user.click(screen.getByRole("checkbox", { name: "Card payments" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(sent).toEqual({ settings: { features: { online_payments: true } } });
  });

  it("shows only the states to an accountant", async () => {
    stubApi({ "GET /api/v1/me": () => jsonResponse({ ...me, user: staffMe("accountant").user }) });
    renderWithProviders(<FeaturesSection />);
    expect(await screen.findByRole("list", { name: "Current state" })).toBeInTheDocument();
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
  });
});

describe("ApprovalThresholdSection", () => {
  const change: ThresholdChange = {
    id: "c1",
    old_threshold: 50000,
    new_threshold: 60000,
    currency: "EUR",
    status: "pending",
    requested_by_id: staffMe().user.id,
    requested_at: "2026-12-01T09:00:00Z",
    decided_at: null,
    approval_id: "a1",
    decided_by_id: null,
  };

  it("asks for a change in major units and says when it waits for another owner", async () => {
    let sent: unknown = null;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/approval-threshold-changes": () => jsonResponse(page(sent === null ? [] : [change])),
      "POST /api/v1/approval-threshold-changes": async (request) => {
        sent = await request.json();
        return jsonResponse(change, 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ApprovalThresholdSection />);
    expect(await screen.findByText(/above €500\.00 need a second person's approval/)).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "New threshold (EUR)" }), "600");
    await user.click(screen.getByRole("button", { name: "Change the threshold" }));
    expect(await screen.findByText("The change to €600.00 waits for another owner's approval.")).toBeInTheDocument();
    expect(sent).toEqual({ approval_threshold: 60000 });
    expect(await screen.findByRole("cell", { name: "€500.00 → €600.00" })).toBeInTheDocument();
  });

  it("shows the threshold without the form to a viewer", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/approval-threshold-changes": () => jsonResponse(page([])),
    });
    renderWithProviders(<ApprovalThresholdSection />);
    expect(await screen.findByText(/above €500\.00/)).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });
});

describe("TeamSection", () => {
  const me = staffMe("owner");
  const colleague: StaffUser = { id: "s2", email: "bob@demo.test", first_name: "Bob", last_name: "Maes", role: "manager", is_active: true, last_login_at: null };

  it("lets the owner add a colleague, change a role and switch access off", async () => {
    const created: unknown[] = [];
    const patched: [string, unknown][] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(me),
      "GET /api/v1/staff": () => jsonResponse(page([me.user, colleague])),
      "POST /api/v1/staff": async (request) => {
        const body = (await request.json()) as { email: string };
        created.push(body);
        if (body.email === "bob@demo.test") {
          return jsonResponse({ type: "urn:doorstep:problem:email-taken", title: "Taken", status: 409, detail: "Someone already uses this e-mail.", errors: [{ field: "email", message: "Someone already uses this e-mail." }] }, 409);
        }
        return jsonResponse({ ...colleague, id: "s3", email: body.email, first_name: "Cleo", last_name: "Claes", role: "accountant" }, 201);
      },
      "PATCH /api/v1/staff/s2": async (request) => {
        patched.push(["s2", await request.json()]);
        return jsonResponse(colleague);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<TeamSection />);
    expect(await screen.findByRole("rowheader", { name: "Ann Peeters (you)" })).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Role of Ann Peeters" })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Role of Bob Maes" }), "accountant");
    await user.click(screen.getByRole("button", { name: "Switch off Bob Maes's access" }));
    expect(patched).toEqual([
      ["s2", { role: "accountant" }],
      ["s2", { is_active: false }],
    ]);

    const form = screen.getByRole("form", { name: "Add a colleague" });
    await user.type(within(form).getByRole("textbox", { name: "First name" }), "Cleo");
    await user.type(within(form).getByRole("textbox", { name: "Last name" }), "Claes");
    await user.type(within(form).getByRole("textbox", { name: "E-mail" }), "bob@demo.test");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Role" }), "accountant");
    await user.type(within(form).getByLabelText("First password"), "short");
    await user.click(within(form).getByRole("button", { name: "Add the colleague" }));
    expect(await within(form).findByText("At least 10 characters.", { selector: ".field__error" })).toBeInTheDocument();
    expect(created).toEqual([]);

    await user.type(within(form).getByLabelText("First password"), "-and-longer");
    await user.click(within(form).getByRole("button", { name: "Add the colleague" }));
    expect(await within(form).findByText("Someone already uses this e-mail.")).toBeInTheDocument();
    const email = within(form).getByRole("textbox", { name: "E-mail" });
    expect(email).toHaveAttribute("aria-invalid", "true");
    await user.clear(email);
    await user.type(email, "cleo@demo.test");
    await user.click(within(form).getByRole("button", { name: "Add the colleague" }));
    expect(await within(form).findByText(/Cleo Claes was added/)).toBeInTheDocument();
    expect(created.at(-1)).toEqual({ email: "cleo@demo.test", first_name: "Cleo", last_name: "Claes", role: "accountant", password: "short-and-longer" });
  });

  it("shows a viewer the team read-only", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/staff": () => jsonResponse(page([me.user, colleague])),
    });
    renderWithProviders(<TeamSection />);
    expect(await screen.findByRole("rowheader", { name: "Bob Maes" })).toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Add a colleague" })).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { aTenant, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { NewTenantPage } from "./NewTenantPage";
import { TenantDetailPage } from "./TenantDetailPage";

const problem = (status: number, body: Record<string, unknown>) => jsonResponse({ status, ...body }, status);

describe("NewTenantPage", () => {
  function renderPage() {
    return renderWithProviders(
      <Routes>
        <Route path="/tenants/new" element={<NewTenantPage />} />
        <Route path="/tenants/:id" element={<p>tenant page</p>} />
      </Routes>,
      { route: "/tenants/new" },
    );
  }

  async function fill(phone: string) {
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("First name"), "Ada");
    await user.type(screen.getByLabelText("Last name"), "Lovelace");
    await user.type(screen.getByLabelText("Email address"), "ada@example.test");
    if (phone !== "") await user.type(screen.getByLabelText("Phone (optional)"), phone);
    await user.click(screen.getByRole("button", { name: "Create tenant" }));
  }

  it("shows the server's phone validation on the phone field, in words of its code, until the number changes", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "POST /api/v1/tenants": () =>
        problem(422, {
          type: "urn:doorstep:problem:validation-error",
          title: "The request is not valid",
          detail: "phone: This phone number does not exist.",
          errors: [{ field: "phone", message: "This phone number does not exist.", code: "phone_invalid" }],
        }),
    });
    const user = userEvent.setup();
    renderPage();
    await fill("0470 12");
    const phone = screen.getByLabelText("Phone (optional)");
    await waitFor(() => {
      expect(phone).toHaveAttribute("aria-invalid", "true");
    });
    expect(phone).toHaveAccessibleDescription(/This is not a phone number we can call: check the digits\./);
    expect(phone).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByLabelText("Email address")).not.toHaveAttribute("aria-invalid");

    // The error was about the number as it was: typing another one takes it away, and the summary with it.
    await user.type(phone, " 34 56");
    expect(phone).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText("This is not a phone number we can call: check the digits.")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("puts a taken e-mail address (409) on the e-mail field", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "POST /api/v1/tenants": () =>
        problem(409, {
          type: "urn:doorstep:problem:tenant-email-taken",
          title: "Another tenant of this agency has this e-mail address",
          detail: "Another tenant of this agency already has this e-mail address.",
          errors: [],
        }),
    });
    renderPage();
    await fill("");
    const email = screen.getByLabelText("Email address");
    await waitFor(() => {
      expect(email).toHaveAccessibleDescription("Another tenant of this agency already has this email address.");
    });
    expect(email).toHaveFocus();
  });

  it("sends an empty phone as null and opens the new tenant", async () => {
    let sent: unknown;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "POST /api/v1/tenants": async (request) => {
        sent = await request.json();
        return jsonResponse(aTenant({ id: "t-42" }), 201);
      },
    });
    renderPage();
    await fill("");
    expect(await screen.findByText("tenant page")).toBeInTheDocument();
    expect(sent).toEqual({ first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", phone: null });
  });

  it("sends the language chosen for the tenant's e-mails and documents", async () => {
    let sent: unknown;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "POST /api/v1/tenants": async (request) => {
        sent = await request.json();
        return jsonResponse(aTenant({ id: "t-43", language: "nl" }), 201);
      },
    });
    const user = userEvent.setup();
    renderPage();
    const language = await screen.findByLabelText("Language");
    expect(language).toHaveValue("");
    expect(language).toHaveAccessibleDescription(/The language of this tenant's e-mails and receipts/);
    await user.selectOptions(language, "Nederlands (Dutch)");
    await fill("");
    expect(await screen.findByText("tenant page")).toBeInTheDocument();
    expect(sent).toEqual({ first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", phone: null, language: "nl" });
  });
});

describe("TenantDetailPage", () => {
  it("shows contact details; edits send only what changed and show the normalised phone", async () => {
    let tess = aTenant();
    let sent: unknown;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/tenants/0b6f1d4e-0000-4000-8000-0000000000d1": () => jsonResponse(tess),
      "PATCH /api/v1/tenants/0b6f1d4e-0000-4000-8000-0000000000d1": async (request) => {
        sent = await request.json();
        tess = { ...tess, phone: "+32471000000", phone_display: "0471 00 00 00" };
        return jsonResponse(tess);
      },
      "GET /api/v1/leases": () => jsonResponse(page([])),
    });
    const user = userEvent.setup();
    renderWithProviders(<TenantDetailPage tenantId={tess.id} />, { route: `/tenants/${tess.id}` });
    expect(await screen.findByRole("heading", { level: 1, name: "Tess Tenant" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "tenant@doorstep.example" })).toHaveAttribute("href", "mailto:tenant@doorstep.example");
    // Shown as the agency's country writes it, dialled in E.164.
    expect(screen.getByRole("link", { name: "0470 12 34 56" })).toHaveAttribute("href", "tel:+32470123456");

    await user.click(await screen.findByRole("button", { name: "Edit tenant" }));
    const phone = screen.getByLabelText("Phone (optional)");
    expect(phone).toHaveValue("0470 12 34 56");
    await user.clear(phone);
    await user.type(phone, "0471 00 00 00");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Contact details saved.")).toBeInTheDocument();
    expect(sent).toEqual({ phone: "0471 00 00 00" });
    expect(screen.getByRole("link", { name: "0471 00 00 00" })).toHaveAttribute("href", "tel:+32471000000");
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Edit tenant" })).toHaveFocus();
    });
  });

  it("shows the tenant's language and sets it back to the agency's (null)", async () => {
    let tess = aTenant({ language: "fr" });
    let sent: unknown;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/tenants/0b6f1d4e-0000-4000-8000-0000000000d1": () => jsonResponse(tess),
      "PATCH /api/v1/tenants/0b6f1d4e-0000-4000-8000-0000000000d1": async (request) => {
        sent = await request.json();
        tess = { ...tess, language: null };
        return jsonResponse(tess);
      },
      "GET /api/v1/leases": () => jsonResponse(page([])),
    });
    const user = userEvent.setup();
    renderWithProviders(<TenantDetailPage tenantId={tess.id} />, { route: `/tenants/${tess.id}` });
    expect(await screen.findByText("Français (French)")).toBeInTheDocument();

    await user.click(await screen.findByRole("button", { name: "Edit tenant" }));
    const language = screen.getByLabelText("Language");
    expect(language).toHaveValue("fr");
    await user.selectOptions(language, "The agency's language");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Contact details saved.")).toBeInTheDocument();
    expect(sent).toEqual({ language: null });
    expect(screen.getByText("The agency's language")).toBeInTheDocument();
  });

  it("hides editing from an accountant", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("accountant")),
      "GET /api/v1/tenants/t1": () => jsonResponse(aTenant({ id: "t1" })),
    });
    renderWithProviders(<TenantDetailPage tenantId="t1" />);
    await screen.findByRole("heading", { level: 1, name: "Tess Tenant" });
    await waitFor(() => {
      expect(screen.getByRole("heading", { level: 2, name: "Contact details" })).toBeInTheDocument();
    });
    expect(screen.queryByRole("button", { name: "Edit tenant" })).not.toBeInTheDocument();
  });
});

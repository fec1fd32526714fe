import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { aProperty, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { NewPropertyPage } from "./NewPropertyPage";

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/properties/new" element={<NewPropertyPage />} />
      <Route path="/properties/:id" element={<p>property page</p>} />
    </Routes>,
    { route: "/properties/new" },
  );
}

async function fill() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Name"), "Maison Rose");
  await user.type(screen.getByLabelText("Address line 1"), "Rue Haute 1");
  await user.type(screen.getByLabelText("Postal code"), "1000");
  await user.type(screen.getByLabelText("City"), "Brussels");
  return user;
}

describe("NewPropertyPage", () => {
  it("refuses a viewer", async () => {
    stubApi({ "GET /api/v1/me": () => jsonResponse(staffMe("viewer")) });
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("You do not have permission to do this.");
    expect(screen.queryByRole("button", { name: "Create property" })).not.toBeInTheDocument();
  });

  it("checks required fields before sending", async () => {
    const fetch = stubApi({ "GET /api/v1/me": () => jsonResponse(staffMe("manager")) });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Create property" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(screen.getByLabelText("Address line 2 (optional)")).not.toHaveAttribute("aria-invalid");
    expect(fetch.mock.calls.some(([request]) => request.method === "POST")).toBe(false);
  });

  it("puts the API's field errors on the fields and focuses the first", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "POST /api/v1/properties": () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:validation-error",
            title: "The request is not valid",
            status: 422,
            detail: "postal_code: String should match pattern",
            errors: [
              {
                field: "postal_code",
                message: "String should match pattern '^[A-Za-z0-9][A-Za-z0-9 \\-]*$'",
                code: "invalid_characters",
              },
            ],
          },
          422,
        ),
    });
    renderPage();
    const user = await fill();
    await user.click(screen.getByRole("button", { name: "Create property" }));
    const postalCode = screen.getByLabelText("Postal code");
    await waitFor(() => {
      expect(postalCode).toHaveAttribute("aria-invalid", "true");
    });
    // The field's code in the reader's language, never the validator's own text.
    expect(postalCode).toHaveAccessibleDescription("This contains characters that are not allowed here.");
    expect(postalCode).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("creates the property in the agency's country and opens it", async () => {
    let sent: unknown;
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "POST /api/v1/properties": async (request) => {
        sent = await request.json();
        return jsonResponse(aProperty({ id: "new-id", name: "Maison Rose" }), 201);
      },
    });
    renderPage();
    const user = await fill();
    expect(screen.getByLabelText("Country")).toHaveDisplayValue("Belgium");
    await user.click(screen.getByRole("button", { name: "Create property" }));
    expect(await screen.findByText("property page")).toBeInTheDocument();
    expect(sent).toEqual({
      name: "Maison Rose",
      address_line1: "Rue Haute 1",
      address_line2: null,
      postal_code: "1000",
      city: "Brussels",
      country: "BE",
    });
  });
});

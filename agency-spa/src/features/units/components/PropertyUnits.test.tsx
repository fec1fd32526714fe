import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { aUnit, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { PropertyUnits } from "./PropertyUnits";

const propertyId = "0b6f1d4e-0000-4000-8000-0000000000b1";

describe("PropertyUnits", () => {
  it("adds a unit, shows it in the list and is ready for the next", async () => {
    const units = [aUnit()];
    const posted: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/units": (request) => {
        expect(new URL(request.url).searchParams.get("property_id")).toBe(propertyId);
        return jsonResponse(page(units));
      },
      "POST /api/v1/units": async (request) => {
        const body = (await request.json()) as { name: string };
        posted.push(body);
        if (body.name === "Flat 1A") {
          return jsonResponse(
            {
              type: "urn:doorstep:problem:unit-name-taken",
              title: "The property already has a unit with this name",
              status: 409,
              detail: "This property already has a unit called 'Flat 1A'.",
              errors: [],
            },
            409,
          );
        }
        const unit = aUnit({ id: "u2", name: body.name, bedrooms: 3 });
        units.push(unit);
        return jsonResponse(unit, 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<PropertyUnits propertyId={propertyId} />);
    const table = await screen.findByRole("table", { name: "Units of this property" });
    expect(within(table).getByRole("link", { name: "Flat 1A" })).toHaveAttribute("href", "/units/0b6f1d4e-0000-4000-8000-0000000000c1");

    const name = await screen.findByLabelText("Name");
    await user.type(name, "Flat 1A");
    await user.click(screen.getByRole("button", { name: "Add unit" }));
    await waitFor(() => {
      expect(name).toHaveAccessibleDescription(/This property already has a unit with this name./);
    });

    await user.clear(name);
    await user.type(name, "Flat 2C");
    await user.type(screen.getByLabelText("Bedrooms (optional)"), "3");
    await user.click(screen.getByRole("button", { name: "Add unit" }));

    expect(await within(table).findByRole("link", { name: "Flat 2C" })).toBeInTheDocument();
    expect(screen.getAllByRole("status").some((status) => status.textContent === "Flat 2C added.")).toBe(true);
    await waitFor(() => {
      expect(screen.getByLabelText("Name")).toHaveFocus();
    });
    expect(screen.getByLabelText("Name")).toHaveValue("");
    expect(posted.at(-1)).toEqual({ property_id: propertyId, name: "Flat 2C", bedrooms: 3, notes: null });
  });

  it("shows the units but no form to a viewer", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/units": () => jsonResponse(page([aUnit()])),
    });
    renderWithProviders(<PropertyUnits propertyId={propertyId} />);
    await screen.findByRole("link", { name: "Flat 1A" });
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Add unit" })).not.toBeInTheDocument();
    });
    expect(screen.queryByLabelText("Name")).not.toBeInTheDocument();
  });
});

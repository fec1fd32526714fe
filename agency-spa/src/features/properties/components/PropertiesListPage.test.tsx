import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { aProperty, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { PropertiesListPage } from "./PropertiesListPage";

const louise = aProperty();
const second = aProperty({ id: "p2", name: "Second Street", unit_count: 0 });
const third = aProperty({ id: "p3", name: "Third Avenue", unit_count: 7 });

function stub(role: Role) {
  return stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    "GET /api/v1/properties": (request) => {
      const url = new URL(request.url);
      if (url.searchParams.get("cursor") === "c2") return jsonResponse(page([third]));
      if (url.searchParams.get("q") === "Lou") return jsonResponse(page([louise]));
      return jsonResponse(page([louise, second], "c2"));
    },
  });
}

describe("PropertiesListPage", () => {
  it("lists properties in a table with headers and unit counts", async () => {
    stub("viewer");
    renderWithProviders(<PropertiesListPage />, { route: "/properties" });
    expect(screen.getByRole("heading", { level: 1, name: "Properties" })).toHaveFocus();
    const table = await screen.findByRole("table", { name: "Properties" });
    expect(within(table).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["Name", "Address", "Units"]);
    const row = within(table).getByRole("row", { name: /Residence Louise/ });
    expect(within(row).getByRole("link", { name: "Residence Louise" })).toHaveAttribute("href", `/properties/${louise.id}`);
    expect(row).toHaveTextContent("Avenue Louise 120, 1050 Brussels · Belgium");
    expect(row).toHaveTextContent("3");
  });

  it.each<[Role, boolean]>([
    ["owner", true],
    ["manager", true],
    ["accountant", false],
    ["viewer", false],
  ])("as %s, offers to create a property: %s", async (role, offered) => {
    stub(role);
    renderWithProviders(<PropertiesListPage />, { route: "/properties" });
    await screen.findByRole("table");
    await waitFor(() => {
      expect(screen.queryByRole("link", { name: "New property" }) !== null).toBe(offered);
    });
  });

  it("searches once typing pauses, not on every keystroke", async () => {
    const fetch = stub("viewer");
    const user = userEvent.setup();
    renderWithProviders(<PropertiesListPage />, { route: "/properties" });
    await screen.findByRole("link", { name: "Second Street" });

    await user.type(screen.getByRole("searchbox", { name: "Search properties" }), "Lou");
    await waitFor(() => {
      expect(screen.queryByRole("link", { name: "Second Street" })).not.toBeInTheDocument();
    });
    const searches = fetch.mock.calls
      .map(([request]) => new URL(request.url))
      .filter((url) => url.pathname === "/api/v1/properties" && url.searchParams.has("q"))
      .map((url) => url.searchParams.get("q"));
    expect(searches).toEqual(["Lou"]);
  });

  it("loads more with the cursor and moves focus to the first new row", async () => {
    stub("viewer");
    const user = userEvent.setup();
    renderWithProviders(<PropertiesListPage />, { route: "/properties" });
    await screen.findByRole("link", { name: "Second Street" });
    expect(screen.getByRole("status")).toHaveTextContent("Showing 2 results; more are available.");

    await user.click(screen.getByRole("button", { name: "Load more" }));

    const thirdLink = await screen.findByRole("link", { name: "Third Avenue" });
    await waitFor(() => {
      expect(thirdLink).toHaveFocus();
    });
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Showing all 3 results.");
  });
});

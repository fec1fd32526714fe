import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { aLease, aProperty, aTenant, aUnit, page, staffMe } from "@/testing/fixtures";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { NewLeasePage } from "./NewLeasePage";

const louise = aProperty();
const flat = aUnit();
const tess = aTenant();
const noah = aTenant({ id: "noah", first_name: "Noah", last_name: "Neighbour", email: "noah@doorstep.example", phone: null });

function stub(post: (body: unknown) => Response = () => jsonResponse(aLease({ id: "lease-1" }), 201)) {
  const sent: unknown[] = [];
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
    "GET /api/v1/properties": () => jsonResponse(page([louise])),
    "GET /api/v1/units": (request) =>
      jsonResponse(page(new URL(request.url).searchParams.get("property_id") === louise.id ? [flat] : [])),
    "GET /api/v1/tenants": (request) => {
      const q = new URL(request.url).searchParams.get("q")?.toLowerCase() ?? "";
      return jsonResponse(page([tess, noah].filter((t) => `${t.first_name} ${t.last_name}`.toLowerCase().includes(q))));
    },
    [`GET /api/v1/tenants/${tess.id}`]: () => jsonResponse(tess),
    "POST /api/v1/leases": async (request) => {
      const body: unknown = await request.json();
      sent.push(body);
      return post(body);
    },
  });
  return { fetch, sent };
}

function renderPage(route = "/leases/new") {
  return renderWithProviders(
    <Routes>
      <Route path="/leases/new" element={<NewLeasePage />} />
      <Route path="/leases/:id" element={<p>lease page</p>} />
    </Routes>,
    { route },
  );
}

async function chooseUnitAndTenant(user: ReturnType<typeof userEvent.setup>) {
  const property = await screen.findByLabelText("Property");
  await screen.findByRole("option", { name: louise.name });
  await user.selectOptions(property, louise.name);
  await screen.findByRole("option", { name: flat.name });
  await user.selectOptions(screen.getByLabelText("Unit"), flat.name);
  await user.type(screen.getByRole("searchbox", { name: "Search tenants" }), "Tess");
  await user.click(await screen.findByRole("button", { name: "Add Tess Tenant" }));
  expect(screen.getByRole("list", { name: "Tenants on this lease" })).toHaveTextContent("Tess Tenant");
}

describe("NewLeasePage", () => {
  it("offers days of the month for monthly rent and weekdays for weekly rent", async () => {
    stub();
    const user = userEvent.setup();
    renderPage();
    const dueDay = await screen.findByLabelText("Due day");
    expect(within(dueDay).getAllByRole("option")).toHaveLength(31);
    expect(dueDay).toHaveAccessibleDescription(/On the 1st of each month/);
    await user.selectOptions(dueDay, "31");
    expect(screen.getByLabelText("Due day")).toHaveAccessibleDescription(/On the 31st of each month \(the last day in shorter months\)/);

    await user.selectOptions(screen.getByLabelText("Frequency"), "Weekly");

    const weekday = screen.getByLabelText("Due day");
    expect(within(weekday).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    // Day 31 does not exist as a weekday: it became Monday (1).
    expect(weekday).toHaveDisplayValue("Monday");
    expect(weekday).toHaveAccessibleDescription(/Every Monday/);
    await user.selectOptions(weekday, "Friday");
    await user.selectOptions(screen.getByLabelText("Frequency"), "Fortnightly");
    expect(screen.getByLabelText("Due day")).toHaveDisplayValue("Friday");
    expect(screen.getByLabelText("Due day")).toHaveAccessibleDescription(/Every other Friday/);
  });

  it("says what is missing without sending anything", async () => {
    const { sent } = stub();
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Create lease" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByLabelText("Property")).toHaveAccessibleDescription("Choose the property.");
    expect(screen.getByRole("searchbox", { name: "Search tenants" })).toHaveAccessibleDescription(/Add at least one tenant./);
    expect(screen.getByLabelText("Start date")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Rent (EUR)")).toHaveAccessibleDescription(/Enter an amount./);
    expect(screen.getByLabelText("Property")).toHaveFocus();
    expect(sent).toEqual([]);
  });

  it("refuses a rent with more decimals than the currency has", async () => {
    stub();
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText("Rent (EUR)"), "12.345");
    await user.click(screen.getByRole("button", { name: "Create lease" }));
    expect(screen.getByLabelText("Rent (EUR)")).toHaveAccessibleDescription(/EUR amounts have at most 2 decimals./);
  });

  it("creates the draft with the rent in exact minor units and opens it", async () => {
    const { sent } = stub();
    const user = userEvent.setup();
    renderPage();
    await chooseUnitAndTenant(user);
    await user.type(screen.getByLabelText("Start date"), "2026-12-01");
    await user.type(screen.getByLabelText("Rent (EUR)"), "1,150.29");
    await user.selectOptions(screen.getByLabelText("Frequency"), "Weekly");
    await user.selectOptions(screen.getByLabelText("Due day"), "Wednesday");
    await user.click(screen.getByRole("checkbox", { name: "Holding over" }));
    await user.click(screen.getByRole("button", { name: "Create lease" }));

    expect(await screen.findByText("lease page")).toBeInTheDocument();
    expect(sent).toEqual([
      {
        unit_id: flat.id,
        tenant_ids: [tess.id],
        start_date: "2026-12-01",
        rent: { amount: 115029, currency: "EUR" },
        frequency: "weekly",
        due_day: 3,
        holding_over: true,
      },
    ]);
  });

  it("shows the API's nested field errors on the matching fields", async () => {
    stub(() =>
      jsonResponse(
        {
          type: "urn:doorstep:problem:validation-error",
          title: "The request is not valid",
          status: 422,
          errors: [
            { field: "rent.amount", message: "Input should be greater than 0", code: "too_small" },
            { field: "tenant_ids.0", message: "Input should be a valid UUID", code: "invalid" },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderPage();
    await chooseUnitAndTenant(user);
    await user.type(screen.getByLabelText("Start date"), "2026-12-01");
    await user.type(screen.getByLabelText("Rent (EUR)"), "950");
    await user.click(screen.getByRole("button", { name: "Create lease" }));

    const rent = screen.getByLabelText("Rent (EUR)");
    await waitFor(() => {
      expect(rent).toHaveAccessibleDescription(/This value is too small\./);
    });
    // In words of each code, never the validator's own text.
    expect(rent).not.toHaveAccessibleDescription(/Input should be/);
    expect(screen.getByRole("searchbox", { name: "Search tenants" })).toHaveAccessibleDescription(/This value is not valid: check it and try again\./);
  });

  it("starts with the tenant it was opened for", async () => {
    stub();
    renderPage(`/leases/new?tenant_id=${tess.id}`);
    const chosen = await screen.findByRole("list", { name: "Tenants on this lease" });
    expect(chosen).toHaveTextContent("Tess Tenant");
    expect(await screen.findByRole("button", { name: "Add Noah Neighbour" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add Tess Tenant" })).not.toBeInTheDocument();
  });
});

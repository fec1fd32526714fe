import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import { ContractorsPage } from "./ContractorsPage";
import { IncidentDetailPage } from "./IncidentDetailPage";
import { IncidentsPage } from "./IncidentsPage";
import { IncidentsToQualifyBadge } from "./IncidentsToQualifyBadge";
import { RelatedIncidents } from "./RelatedIncidents";
import { visitInstant } from "./step-values";

type Incident = components["schemas"]["IncidentDetailOut"];
type Contractor = components["schemas"]["ContractorOut"];
type Route = components["schemas"]["RouteOut"];

const DUPONT: Contractor = {
  id: "c0000000-0000-4000-8000-000000000001",
  name: "Plomberie Dupont",
  categories: ["plumbing"],
  phone: "+3225551234",
  phone_display: "02 555 12 34",
  email: "info@dupont.example",
  notes: null,
  archived_at: null,
};

function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: "1c1d0000-0000-4000-8000-000000000001",
    lease_id: "l0000000-0000-4000-8000-000000000001",
    property_name: "Residence Louise",
    unit_name: "1A",
    category: "plumbing",
    title: "Kitchen tap leaking",
    description: "Drips all night.",
    availability: "Weekdays after 17:00",
    status: "reported",
    contractor_name: null,
    scheduled_for: null,
    resolution_note: null,
    rejection_reason: null,
    reported_at: "2026-11-23T09:00:00Z",
    updated_at: "2026-11-23T09:00:00Z",
    photos: [],
    tenant_id: "t0000000-0000-4000-8000-000000000001",
    tenant_name: "Tara Tenant",
    property_id: "p0000000-0000-4000-8000-000000000001",
    unit_id: "u0000000-0000-4000-8000-000000000001",
    priority: null,
    contractor_id: null,
    contractor_phone: null,
    contractor_email: null,
    history: [{ status: "reported", occurred_at: "2026-11-23T09:00:00Z", actor: "tenant", actor_name: "Tara Tenant", note: null, internal_note: null }],
    work_order: null,
    ...overrides,
  };
}

function stub(role: Role, initial: Incident) {
  let incident = initial;
  const posts: { step: string; key: string | null; body: Record<string, unknown> }[] = [];
  const base = `/api/v1/incidents/${incident.id}`;
  const step = (name: string, next: (body: Record<string, unknown>) => Partial<Incident>) => async (request: Request) => {
    const body = (await request.json()) as Record<string, unknown>;
    posts.push({ step: name, key: request.headers.get("Idempotency-Key"), body });
    incident = { ...incident, ...next(body) };
    return jsonResponse(incident);
  };
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(incident),
    "GET /api/v1/contractors": () => jsonResponse(page([DUPONT])),
    [`POST ${base}/qualify`]: step("qualify", (body) => ({ status: "qualified", priority: body.priority as Incident["priority"] })),
    [`POST ${base}/assign`]: step("assign", () => ({
      status: "assigned",
      contractor_id: DUPONT.id,
      contractor_name: DUPONT.name,
      contractor_email: DUPONT.email,
      work_order: { to: "info@dupont.example", queued_at: "2026-11-23T10:00:00Z", delivered_at: null, status: "queued" },
    })),
    [`POST ${base}/work-order`]: () => {
      posts.push({ step: "work-order", key: null, body: {} });
      incident = { ...incident, work_order: { to: "info@dupont.example", queued_at: "2026-11-23T11:00:00Z", delivered_at: "2026-11-23T11:00:05Z", status: "sent" } };
      return jsonResponse(incident);
    },
    [`POST ${base}/schedule`]: step("schedule", (body) => ({ status: "scheduled", scheduled_for: body.scheduled_for as string })),
  });
  return posts;
}

describe("IncidentDetailPage", () => {
  it("qualifies a report, then assigns a contractor of its trade, each step offered only when the status allows it", async () => {
    const posts = stub("manager", anIncident());
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetailPage incidentId="1c1d0000-0000-4000-8000-000000000001" />);

    expect(await screen.findByRole("heading", { level: 1, name: "Kitchen tap leaking" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Qualify" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Assign a contractor" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Qualify" }));
    const qualify = screen.getByRole("form", { name: "Qualify" });
    await user.selectOptions(within(qualify).getByRole("combobox", { name: "Priority" }), "High");
    await user.type(within(qualify).getByRole("textbox", { name: "Internal note (staff only, optional)" }), "Check the riser");
    await user.click(within(qualify).getByRole("button", { name: "Qualify" }));

    await waitFor(() => {
      expect(posts).toHaveLength(1);
    });
    expect(posts[0]?.body).toEqual({ priority: "high", internal_note: "Check the riser" });
    await user.click(await screen.findByRole("button", { name: "Assign a contractor" }));
    const assign = screen.getByRole("form", { name: "Assign a contractor" });
    await user.selectOptions(within(assign).getByRole("combobox", { name: "Contractor" }), "Plomberie Dupont (Plumbing)");
    await user.click(within(assign).getByRole("button", { name: "Assign a contractor" }));

    await waitFor(() => {
      expect(posts).toHaveLength(2);
    });
    expect(posts[1]?.body).toEqual({ contractor_id: DUPONT.id });
    expect(posts[1]?.key).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("comes with the only contractor of the trade chosen, then shows the work order and re-sends it", async () => {
    const posts = stub("manager", anIncident({ status: "qualified", priority: "high" }));
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetailPage incidentId="1c1d0000-0000-4000-8000-000000000001" />);

    await user.click(await screen.findByRole("button", { name: "Assign a contractor" }));
    const assign = screen.getByRole("form", { name: "Assign a contractor" });
    await waitFor(() => {
      expect(within(assign).getByRole("combobox", { name: "Contractor" })).toHaveValue(DUPONT.id);
    });
    await user.click(within(assign).getByRole("button", { name: "Assign a contractor" }));

    const workOrder = await screen.findByRole("region", { name: "Work order" });
    expect(within(workOrder).getByRole("status")).toHaveTextContent(/^Being sent to info@dupont\.example \(/u);
    expect(posts[0]?.body).toEqual({ contractor_id: DUPONT.id });
    await user.click(within(workOrder).getByRole("button", { name: "Re-send the work order" }));

    await waitFor(() => {
      expect(within(workOrder).getByRole("status")).toHaveTextContent(/^Work order sent to info@dupont\.example at /u);
    });
    expect(posts.map((post) => post.step)).toEqual(["assign", "work-order"]);
  });

  it("shows the history with internal notes, and no step to a viewer", async () => {
    stub(
      "viewer",
      anIncident({
        status: "qualified",
        priority: "high",
        history: [
          { status: "reported", occurred_at: "2026-11-23T09:00:00Z", actor: "tenant", actor_name: "Tara Tenant", note: null, internal_note: null },
          { status: "qualified", occurred_at: "2026-11-23T10:00:00Z", actor: "staff", actor_name: "Ann Peeters", note: null, internal_note: "Check the riser" },
        ],
      }),
    );
    renderWithProviders(<IncidentDetailPage incidentId="1c1d0000-0000-4000-8000-000000000001" />);

    expect(await screen.findByText("Internal note: Check the riser")).toBeInTheDocument();
    expect(screen.getByText(/Tara Tenant \(tenant\)/u)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Assign a contractor" })).not.toBeInTheDocument();
  });

  it("says which steps the routing took, by nobody in person", async () => {
    stub(
      "manager",
      anIncident({
        status: "assigned",
        priority: "normal",
        contractor_id: DUPONT.id,
        contractor_name: DUPONT.name,
        history: [
          { status: "reported", occurred_at: "2026-11-23T09:00:00Z", actor: "tenant", actor_name: "Tara Tenant", note: null, internal_note: null },
          { status: "qualified", occurred_at: "2026-11-23T09:00:00Z", actor: "routing", actor_name: "", note: null, internal_note: null },
          { status: "assigned", occurred_at: "2026-11-23T09:00:00Z", actor: "routing", actor_name: "", note: null, internal_note: null },
        ],
      }),
    );
    renderWithProviders(<IncidentDetailPage incidentId="1c1d0000-0000-4000-8000-000000000001" />);

    const history = await screen.findByRole("heading", { name: "History" });
    const steps = within(history.nextElementSibling as HTMLElement).getAllByRole("listitem");
    expect(steps.map((step) => step.textContent.includes("Routed automatically"))).toEqual([false, true, true]);
  });
});

const UNROUTED: Route[] = (["plumbing", "electrical", "heating", "communal_areas", "other"] as const).map((category) => ({
  category,
  contractor: null,
  updated_at: null,
}));

describe("ContractorsPage", () => {
  it("adds a contractor with its trades", async () => {
    const created: Record<string, unknown>[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("owner")),
      "GET /api/v1/contractors": () => jsonResponse(page([DUPONT])),
      "GET /api/v1/incident-routes": () => jsonResponse(UNROUTED),
      "POST /api/v1/contractors": async (request) => {
        created.push((await request.json()) as Record<string, unknown>);
        return jsonResponse({ ...DUPONT, id: "c2", name: "Volt SPRL" }, 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ContractorsPage />);

    expect(await screen.findByRole("rowheader", { name: "Plomberie Dupont" })).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Add a contractor" }));
    const form = screen.getByRole("form", { name: "Add a contractor" });
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Volt SPRL");
    await user.click(within(form).getByRole("checkbox", { name: "Electrical" }));
    await user.type(within(form).getByRole("textbox", { name: "Phone" }), "0470 12 34 56");
    await user.click(within(form).getByRole("button", { name: "Save" }));

    await waitFor(() => {
      expect(created).toEqual([{ name: "Volt SPRL", categories: ["electrical"], phone: "0470 12 34 56", email: null, notes: null }]);
    });
  });
});

describe("ContractorsPage routing", () => {
  const VOLT: Contractor = { ...DUPONT, id: "c0000000-0000-4000-8000-000000000002", name: "Volt SPRL", categories: ["electrical"], phone: null, phone_display: null, email: null };

  function stubRouting(role: Role, answer: (body: { category: string; contractor_id: string | null }) => Response | undefined = () => undefined) {
    let routes = UNROUTED;
    const puts: unknown[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe(role)),
      "GET /api/v1/contractors": () => jsonResponse(page([DUPONT, VOLT])),
      "GET /api/v1/incident-routes": () => jsonResponse(routes),
      "PUT /api/v1/incident-routes": async (request) => {
        const body = (await request.json()) as { category: Route["category"]; contractor_id: string | null };
        puts.push(body);
        const refused = answer(body);
        if (refused !== undefined) return refused;
        const contractor = [DUPONT, VOLT].find((candidate) => candidate.id === body.contractor_id) ?? null;
        const route: Route = { category: body.category, contractor, updated_at: contractor === null ? null : "2026-11-23T09:00:00Z" };
        routes = routes.map((existing) => (existing.category === body.category ? route : existing));
        return jsonResponse(route);
      },
    });
    return puts;
  }

  it("routes a category to a contractor of its trade and clears it again", async () => {
    const puts = stubRouting("manager");
    const user = userEvent.setup();
    renderWithProviders(<ContractorsPage />);

    const routing = await screen.findByRole("region", { name: "Routing" });
    const plumbing = await within(routing).findByRole("combobox", { name: "Plumbing" });
    expect(within(plumbing).getAllByRole("option").map((option) => option.textContent)).toEqual(["Not routed (staff assign)", "Plomberie Dupont"]);
    expect(within(within(routing).getByRole("combobox", { name: "Electrical" })).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Not routed (staff assign)",
      "Volt SPRL",
    ]);
    expect(within(routing).getAllByText("No active contractor works in this trade.")).toHaveLength(3);

    await user.selectOptions(plumbing, "Plomberie Dupont");

    expect(await within(routing).findByText("Saved: new Plumbing reports go to Plomberie Dupont.")).toBeInTheDocument();
    expect(puts).toEqual([{ category: "plumbing", contractor_id: DUPONT.id }]);
    expect(plumbing).toHaveValue(DUPONT.id);

    await user.selectOptions(plumbing, "Not routed (staff assign)");

    expect(await within(routing).findByText("Saved: new Plumbing reports wait for staff.")).toBeInTheDocument();
    expect(puts).toEqual([
      { category: "plumbing", contractor_id: DUPONT.id },
      { category: "plumbing", contractor_id: null },
    ]);
    expect(plumbing).toHaveValue("");
  });

  it("puts the saved route back and says why when the server refuses the change", async () => {
    stubRouting("owner", () =>
      jsonResponse(
        {
          type: "https://doorstep.example/problems/invalid-input",
          title: "Invalid input",
          status: 422,
          errors: [{ field: "contractor_id", message: "This contractor is archived: restore them before routing to them." }],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<ContractorsPage />);

    const plumbing = await screen.findByRole("combobox", { name: "Plumbing" });
    await user.selectOptions(plumbing, "Plomberie Dupont");

    await waitFor(() => {
      expect(plumbing).toHaveAccessibleDescription(/archived/u);
    });
    expect(plumbing).toHaveValue("");
  });

  it("shows a viewer the routes without letting them change one", async () => {
    stubRouting("viewer");
    renderWithProviders(<ContractorsPage />);

    expect(await screen.findByRole("combobox", { name: "Plumbing" })).toBeDisabled();
  });
});

describe("visitInstant", () => {
  it("reads a datetime-local value on the agency's clock, and nothing from an empty one", () => {
    expect(visitInstant("", "Europe/Brussels")).toEqual({ ok: false, reason: "required" });
    expect(visitInstant("2026-11-25T14:00", "Europe/Brussels")).toEqual({ ok: true, instant: "2026-11-25T13:00:00.000Z" });
    expect(visitInstant("2026-11-25T14:00", "America/New_York")).toEqual({ ok: true, instant: "2026-11-25T19:00:00.000Z" });
  });

  it("refuses a time the clocks skip and takes the first of a time that happens twice (Brussels)", () => {
    expect(visitInstant("2026-03-29T02:30", "Europe/Brussels")).toEqual({ ok: false, reason: "skipped" });
    expect(visitInstant("2026-03-29T03:30", "Europe/Brussels")).toEqual({ ok: true, instant: "2026-03-29T01:30:00.000Z" });
    expect(visitInstant("2026-10-25T02:30", "Europe/Brussels")).toEqual({ ok: true, instant: "2026-10-25T00:30:00.000Z" });
  });
});

describe("the visit's time on the agency's clock, from a browser in New York", () => {
  beforeEach(() => {
    vi.stubEnv("TZ", "America/New_York");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("prefills the current visit in Brussels time, refuses a time the clocks skip and sends the Brussels instant", async () => {
    const posts = stub(
      "manager",
      anIncident({ status: "scheduled", priority: "high", contractor_id: DUPONT.id, contractor_name: DUPONT.name, scheduled_for: "2026-11-25T13:00:00Z" }),
    );
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetailPage incidentId="1c1d0000-0000-4000-8000-000000000001" />);

    await user.click(await screen.findByRole("button", { name: "Schedule the visit" }));
    const form = screen.getByRole("form", { name: "Schedule the visit" });
    const visit = within(form).getByLabelText("Date and time of the visit");
    expect(visit).toHaveValue("2026-11-25T14:00"); // 13:00 UTC is 14:00 in Brussels (08:00 in New York)
    expect(within(form).getByText("On the agency's clock (Europe/Brussels)")).toBeInTheDocument();

    // 28 March 2027, the last Sunday of March: 02:30 never happens in Brussels.
    fireEvent.change(visit, { target: { value: "2027-03-28T02:30" } });
    await user.click(within(form).getByRole("button", { name: "Schedule the visit" }));
    expect(await within(form).findByText(/This time does not exist in Europe\/Brussels/u)).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    fireEvent.change(visit, { target: { value: "2027-03-28T03:30" } });
    await user.click(within(form).getByRole("button", { name: "Schedule the visit" }));
    await waitFor(() => {
      expect(posts).toHaveLength(1);
    });
    expect(posts[0]?.body).toEqual({ scheduled_for: "2027-03-28T01:30:00.000Z" });
  });
});

const NOW = Date.parse("2026-12-07T12:00:00Z");

function aListed(id: string, overrides: Partial<Incident>): Incident {
  return anIncident({ id, title: `Incident ${id}`, ...overrides });
}

describe("IncidentsPage", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks for the open queue in triage order and shows how long each waited, marking the overdue ones", async () => {
    const asked: URLSearchParams[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/properties": () => jsonResponse(page([])),
      "GET /api/v1/incidents": (request) => {
        asked.push(new URL(request.url).searchParams);
        return jsonResponse(
          page([
            aListed("a", { status: "qualified", priority: "urgent", reported_at: "2026-12-05T12:00:00Z" }), // 2 days > 1
            aListed("b", { status: "assigned", priority: "high", reported_at: "2026-12-05T12:00:00Z" }), // 2 days < 3
            aListed("c", { status: "reported", priority: null, reported_at: "2026-12-07T09:30:00Z" }), // 2 hours
          ]),
        );
      },
    });
    renderWithProviders(<IncidentsPage />);

    const urgent = (await screen.findByRole("link", { name: /Incident a/u })).closest("tr");
    expect(asked[0]?.get("sort")).toBe("triage");
    expect(asked[0]?.get("open")).toBe("true");
    expect(urgent).not.toBeNull();
    expect(within(urgent as HTMLElement).getByText("Overdue")).toBeInTheDocument();
    expect(within(urgent as HTMLElement).getByText(/2 days/u)).toBeInTheDocument();
    const high = screen.getByRole("link", { name: /Incident b/u }).closest("tr") as HTMLElement;
    expect(within(high).getByText("2 days")).toBeInTheDocument();
    expect(within(high).queryByText("Overdue")).not.toBeInTheDocument();
    const fresh = screen.getByRole("link", { name: /Incident c/u }).closest("tr") as HTMLElement;
    expect(within(fresh).getByText("2 hours")).toBeInTheDocument();
  });
});

describe("RelatedIncidents", () => {
  it("lists a lease's incidents open ones first, each linking to its page", async () => {
    const asked: URLSearchParams[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/incidents": (request) => {
        asked.push(new URL(request.url).searchParams);
        return jsonResponse(
          page([
            aListed("newest-resolved", { status: "resolved", priority: "low", reported_at: "2026-12-06T09:00:00Z" }),
            aListed("older-open", { status: "assigned", priority: "high", reported_at: "2026-11-20T09:00:00Z" }),
          ]),
        );
      },
    });
    renderWithProviders(<RelatedIncidents scope={{ leaseId: "l0000000-0000-4000-8000-000000000001" }} />);

    const table = await screen.findByRole("table", { name: "Incidents reported on this lease, open ones first" });
    expect(asked[0]?.get("lease_id")).toBe("l0000000-0000-4000-8000-000000000001");
    expect(asked[0]?.get("tenant_id")).toBeNull();
    const titles = within(table)
      .getAllByRole("rowheader")
      .map((cell) => cell.textContent);
    expect(titles).toEqual(["Incident older-open", "Incident newest-resolved"]);
    expect(within(table).getByRole("link", { name: "Incident older-open" })).toHaveAttribute("href", "/incidents/older-open");
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Incidents (1 open)");
  });

  it("says when a tenant reported nothing", async () => {
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      "GET /api/v1/incidents": () => jsonResponse(page([])),
    });
    renderWithProviders(<RelatedIncidents scope={{ tenantId: "t1", tenantName: "Tara Tenant" }} />);
    expect(await screen.findByText("Tara Tenant has reported no incident.")).toBeInTheDocument();
  });
});

describe("IncidentsToQualifyBadge", () => {
  it("counts the reports nobody has qualified yet for those who qualify them", async () => {
    const asked: string[] = [];
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/incidents": (request: Request) => {
        asked.push(new URL(request.url).searchParams.get("status") ?? "");
        return jsonResponse(page([anIncident(), anIncident({ id: "i0000000-0000-4000-8000-000000000002" })]));
      },
    });
    renderWithProviders(<IncidentsToQualifyBadge />);

    expect(await screen.findByText("2 incidents to qualify")).toBeInTheDocument();
    expect(asked).toEqual(["reported"]);
  });

  it("shows nothing to a viewer, who cannot qualify them", async () => {
    const asked: string[] = [];
    stubApi({
      "GET /api/v1/me": () => {
        asked.push("me");
        return jsonResponse(staffMe("viewer"));
      },
      "GET /api/v1/incidents": () => {
        asked.push("incidents");
        return jsonResponse(page([anIncident()]));
      },
    });
    const { container } = renderWithProviders(<IncidentsToQualifyBadge />);

    // Once the role is known, the list is never asked for.
    await waitFor(() => {
      expect(asked).toContain("me");
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(["me"]);
    expect(container).toBeEmptyDOMElement();
  });
});

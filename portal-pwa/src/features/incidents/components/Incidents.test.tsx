import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import type { IncidentDetail } from "../api/incidents";
import { IncidentDetailView } from "./IncidentDetailView";
import { OpenIncidents } from "./IncidentList";
import { IncidentReportForm } from "./IncidentReportForm";

const LEASES = [
  { id: "5a7c0e2d-0000-4000-8000-000000000101", label: "Residence Louise, 1A" },
  { id: "5a7c0e2d-0000-4000-8000-000000000102", label: "Maison Flagey, Studio 3" },
];

function incident(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: "1c1d0000-0000-4000-8000-000000000001",
    lease_id: LEASES[0]?.id ?? "",
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
    history: [{ status: "reported", occurred_at: "2026-11-23T09:00:00Z", actor: "tenant", note: null }],
    ...overrides,
  };
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("IncidentReportForm", () => {
  it("asks for what is missing, then sends the report with its photo as multipart once", async () => {
    const sent: { key: string | null; fields: Record<string, string>; photos: File[] }[] = [];
    stubApi({
      "POST /api/v1/portal/incidents": async (request) => {
        const form = await request.formData();
        const fields: Record<string, string> = {};
        const photos: File[] = [];
        form.forEach((value, name) => {
          if (typeof value === "string") fields[name] = value;
          else photos.push(value);
        });
        sent.push({ key: request.headers.get("Idempotency-Key"), fields, photos });
        return jsonResponse(incident(), 201);
      },
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<IncidentReportForm leases={LEASES} onSent={onSent} />);

    await user.click(screen.getByRole("button", { name: "Send the report" }));
    expect(screen.getByRole("combobox", { name: "Which home?" })).toHaveAccessibleDescription("This is needed.");
    expect(screen.getByRole("textbox", { name: "In a few words" })).toHaveAttribute("aria-invalid", "true");
    expect(sent).toEqual([]);

    await user.selectOptions(screen.getByRole("combobox", { name: "Which home?" }), "Maison Flagey, Studio 3");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind of problem" }), "Heating");
    await user.type(screen.getByRole("textbox", { name: "In a few words" }), "Radiator cold");
    await user.type(screen.getByRole("textbox", { name: "What is happening" }), "The bedroom radiator stays cold.");
    await user.type(screen.getByRole("textbox", { name: "When can someone come in?" }), "Saturday morning");
    await user.upload(screen.getByLabelText("Photos (optional)"), new File(["png"], "radiator.png", { type: "image/png" }));
    await user.click(screen.getByRole("button", { name: "Send the report" }));

    await waitFor(() => {
      expect(onSent).toHaveBeenCalledOnce();
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.fields).toEqual({
      lease_id: LEASES[1]?.id,
      category: "heating",
      title: "Radiator cold",
      description: "The bedroom radiator stays cold.",
      availability: "Saturday morning",
    });
    expect(sent[0]?.photos.map((photo) => photo.type)).toEqual(["image/png"]);
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("shows the API's refusal of a photo on the photo field", async () => {
    stubApi({
      "POST /api/v1/portal/incidents": () =>
        jsonResponse(
          {
            type: "urn:doorstep:problem:invalid-input",
            title: "invalid",
            status: 422,
            errors: [{ field: "photos", message: "Attach photos as JPEG, PNG or WebP images." }],
          },
          422,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<IncidentReportForm leases={LEASES.slice(0, 1)} onSent={vi.fn()} />);

    expect(screen.queryByRole("combobox", { name: "Which home?" })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind of problem" }), "Plumbing");
    await user.type(screen.getByRole("textbox", { name: "In a few words" }), "Leak");
    await user.type(screen.getByRole("textbox", { name: "What is happening" }), "Drips");
    await user.click(screen.getByRole("button", { name: "Send the report" }));

    expect(await screen.findByText("Attach photos as JPEG, PNG or WebP images.")).toBeInTheDocument();
  });
});

describe("IncidentDetailView", () => {
  it("shows each step with who took it, the visit and the agency's words, and no cancel once taken up", () => {
    renderWithProviders(
      <IncidentDetailView
        incident={incident({
          status: "scheduled",
          contractor_name: "Plomberie Dupont",
          scheduled_for: "2026-11-25T13:00:00Z",
          history: [
            { status: "reported", occurred_at: "2026-11-23T09:00:00Z", actor: "tenant", note: null },
            { status: "qualified", occurred_at: "2026-11-23T10:00:00Z", actor: "staff", note: null },
            { status: "assigned", occurred_at: "2026-11-23T11:00:00Z", actor: "staff", note: "Dupont will call you" },
            { status: "scheduled", occurred_at: "2026-11-23T12:00:00Z", actor: "staff", note: null },
          ],
        })}
      />,
    );

    const steps = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(steps.map((step) => within(step).getByText(/Received|Being looked at|Contractor assigned|Visit planned/u).textContent)).toEqual([
      "Received",
      "Being looked at",
      "Contractor assigned",
      "Visit planned",
    ]);
    expect(steps[0]).toHaveTextContent("By you");
    expect(steps[2]).toHaveTextContent("By the agency");
    expect(steps[2]).toHaveTextContent("Dupont will call you");
    expect(screen.getByText("Contractor: Plomberie Dupont")).toBeInTheDocument();
    expect(screen.getByText(/^Visit: .*2026/u)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel this report" })).not.toBeInTheDocument();
  });

  it("cancels a report the agency has not taken up", async () => {
    const fetch = stubApi({
      "POST /api/v1/portal/incidents/1c1d0000-0000-4000-8000-000000000001/cancel": () => jsonResponse(incident({ status: "cancelled" })),
    });
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetailView incident={incident()} />);

    await user.click(screen.getByRole("button", { name: "Cancel this report" }));

    await waitFor(() => {
      expect(fetch.mock.calls.filter(([request]) => request.method === "POST")).toHaveLength(1);
    });
  });
});

describe("OpenIncidents", () => {
  it("lists the open incidents on the home page with a link to each", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/incidents": () => jsonResponse({ items: [incident({ status: "assigned" })], next_cursor: null }),
    });
    renderWithProviders(<OpenIncidents />);

    const link = await screen.findByRole("link", { name: "Kitchen tap leaking" });
    expect(link).toHaveAttribute("href", "/incidents/1c1d0000-0000-4000-8000-000000000001");
    expect(screen.getByText("Contractor assigned")).toBeInTheDocument();
    const request = fetch.mock.calls[0]?.[0];
    expect(request === undefined ? null : new URL(request.url).searchParams.get("open")).toBe("true");
  });
});

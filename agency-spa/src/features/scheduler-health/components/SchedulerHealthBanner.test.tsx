import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { staffMe } from "@/testing/fixtures";
import type { SchedulerHealth } from "../api/scheduler-health";
import { SchedulerHealthBanner } from "./SchedulerHealthBanner";

function stub(health: SchedulerHealth) {
  const fetch = stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
    "GET /api/v1/scheduler/health": () => jsonResponse(health),
  });
  return fetch;
}

const healthy: SchedulerHealth = {
  status: "ok",
  last_tick_at: "2026-12-01T09:00:00Z",
  last_clean_tick_at: "2026-12-01T09:00:00Z",
  failing: [],
};

describe("SchedulerHealthBanner", () => {
  it("says nothing while the scheduled work runs", async () => {
    const fetch = stub(healthy);
    renderWithProviders(<SchedulerHealthBanner />);
    await expect.poll(() => fetch.mock.calls.length).toBeGreaterThan(0);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("names the work that keeps failing for the agency, since when, in the agency's time", async () => {
    stub({
      status: "failing",
      last_tick_at: "2026-12-01T09:02:00Z",
      last_clean_tick_at: null,
      failing: [
        { name: "billing.generate_rent_invoices", consecutive_ticks: 3, since: "2026-12-01T09:00:00Z" },
        { name: "reports.new_kind", consecutive_ticks: 1, since: "2026-12-01T09:02:00Z" },
      ],
    });
    renderWithProviders(<SchedulerHealthBanner />);
    const banner = await screen.findByRole("status");
    expect(banner).toHaveTextContent("Scheduled work keeps failing.");
    expect(banner).toHaveTextContent("Please tell your administrator.");
    const items = screen.getAllByRole("listitem").map((item) => item.textContent);
    expect(items).toEqual([
      "Rent invoices: failed 3 times in a row since 1 December 2026, 10:00 (Central European Time)",
      "reports.new_kind: failed at 1 December 2026, 10:02 (Central European Time)",
    ]);
  });

  it("warns when ticks stop before they finish", async () => {
    stub({ ...healthy, status: "stalled" });
    renderWithProviders(<SchedulerHealthBanner />);
    expect(await screen.findByRole("status")).toHaveTextContent("Scheduled work stops before it finishes.");
    expect(screen.queryByRole("list")).not.toBeInTheDocument();
  });
});

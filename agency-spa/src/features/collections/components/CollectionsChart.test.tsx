import { screen, within } from "@testing-library/react";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CollectionsChart } from "./CollectionsChart";

const series = [
  { start: "2026-12-01", end: "2026-12-06", expected: 182_500, collected: 50_000, outstanding: 132_500 },
  { start: "2026-12-07", end: "2026-12-13", expected: 0, collected: 0, outstanding: 0 },
];

describe("CollectionsChart", () => {
  it("is one image named by its title and described in words", () => {
    renderWithProviders(<CollectionsChart series={series} interval="week" currency="EUR" />);
    const image = screen.getByRole("img", { name: /Expected, collected and outstanding per week of due date/ });
    expect(image).toHaveAccessibleName(
      "Expected, collected and outstanding per week of due date Over 2 weeks: €1,825.00 expected, €500.00 collected, €1,325.00 outstanding. Most outstanding: €1,325.00 for week of December 1, 2026.",
    );
    expect(screen.getByRole("figure", { name: "Expected, collected and outstanding per week of due date" })).toContainElement(image);
    // Three bars per week, each with its exact amount as a tooltip.
    expect(image.querySelectorAll("rect")).toHaveLength(6);
    expect(image.querySelector("rect title")?.textContent).toBe("week of December 1, 2026 — Expected: €1,825.00");
  });

  it("has the same figures as a table for anyone who cannot read the bars", async () => {
    const user = userEvent.setup();
    renderWithProviders(<CollectionsChart series={series} interval="month" currency="EUR" />);
    await user.click(screen.getByText("Show the chart's figures as a table"));
    const table = screen.getByRole("table", { name: "Expected, collected and outstanding per month of due date" });
    const rows = within(table).getAllByRole("row");
    expect(rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent))).toEqual([
      ["Month", "Expected", "Collected", "Outstanding"],
      ["December 1\u2009–\u20096, 2026", "€1,825.00", "€500.00", "€1,325.00"],
      ["December 7\u2009–\u200913, 2026", "€0.00", "€0.00", "€0.00"],
    ]);
  });
});

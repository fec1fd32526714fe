import { describe, expect, it } from "vitest";
import { isOverdue, openFirst, triageOrder, waited } from "./triage";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

describe("waited", () => {
  it("counts whole hours under a day and whole days after", () => {
    expect(waited(hoursAgo(0.5), NOW)).toEqual({ unit: "hours", count: 0 });
    expect(waited(hoursAgo(23.9), NOW)).toEqual({ unit: "hours", count: 23 });
    expect(waited(hoursAgo(24), NOW)).toEqual({ unit: "days", count: 1 });
    expect(waited(hoursAgo(24 * 8 + 5), NOW)).toEqual({ unit: "days", count: 8 });
    expect(waited(hoursAgo(-1), NOW)).toEqual({ unit: "hours", count: 0 }); // a browser clock behind the server's
  });
});

describe("isOverdue", () => {
  it.each([
    ["urgent", 24, false],
    ["urgent", 25, true],
    ["high", 71, false],
    ["high", 73, true],
    ["normal", 24 * 7, false],
    ["normal", 24 * 7 + 1, true],
    ["low", 24 * 14 - 1, false],
    ["low", 24 * 14 + 1, true],
    [null, 23, false],
    [null, 25, true],
  ] as const)("a %s incident that waited %i hours: %s", (priority, hours, overdue) => {
    expect(isOverdue({ status: "qualified", priority, reported_at: hoursAgo(hours) }, NOW)).toBe(overdue);
  });

  it("never marks a finished incident", () => {
    for (const status of ["resolved", "rejected", "cancelled"] as const) {
      expect(isOverdue({ status, priority: "urgent", reported_at: hoursAgo(500) }, NOW)).toBe(false);
    }
  });
});

describe("ordering", () => {
  const incident = (id: string, status: "reported" | "assigned" | "resolved", priority: "urgent" | "high" | "normal" | "low" | null, hours: number) => ({
    id,
    status,
    priority,
    reported_at: hoursAgo(hours),
  });
  const list = [
    incident("low-old", "assigned", "low", 400),
    incident("done", "resolved", "urgent", 1),
    incident("urgent-new", "assigned", "urgent", 2),
    incident("unqualified", "reported", null, 3),
    incident("urgent-old", "assigned", "urgent", 30),
    incident("high", "assigned", "high", 5),
    incident("normal", "assigned", "normal", 100),
  ];

  it("triage: open by priority (unqualified after high), the longest waiting first, then the finished", () => {
    expect(triageOrder(list).map((item) => item.id)).toEqual(["urgent-old", "urgent-new", "high", "unqualified", "normal", "low-old", "done"]);
  });

  it("open first, each group newest first", () => {
    expect(openFirst(list).map((item) => item.id)).toEqual(["urgent-new", "unqualified", "high", "urgent-old", "normal", "low-old", "done"]);
  });
});

import { describe, expect, it } from "vitest";
import { endedLease, lease } from "@/testing/fixtures";
import { selectNextDue } from "./next-due";

describe("selectNextDue", () => {
  it("picks the earliest next due date across active leases", () => {
    const flat = lease({ id: "flat", next_due_date: "2026-12-01" });
    const garage = lease({ id: "garage", next_due_date: "2026-11-27", frequency: "weekly", due_day: 5 });
    const later = lease({ id: "later", next_due_date: "2027-01-01" });
    expect(selectNextDue([flat, garage, later])).toEqual({ lease: garage, date: "2026-11-27" });
  });

  it("compares dates, not list order, across month and year boundaries", () => {
    const december = lease({ id: "dec", next_due_date: "2026-12-31" });
    const january = lease({ id: "jan", next_due_date: "2027-01-02" });
    expect(selectNextDue([january, december])?.lease.id).toBe("dec");
  });

  it("ignores ended leases, even if one still carried a date", () => {
    const running = lease({ id: "running", next_due_date: "2026-12-01" });
    const ended = endedLease({ next_due_date: "2026-11-25" });
    expect(selectNextDue([ended, running])?.lease.id).toBe("running");
  });

  it("keeps the first lease on a tie", () => {
    const first = lease({ id: "first" });
    const second = lease({ id: "second" });
    expect(selectNextDue([first, second])?.lease.id).toBe("first");
  });

  it("is null when nothing is due", () => {
    expect(selectNextDue([])).toBeNull();
    expect(selectNextDue([endedLease()])).toBeNull();
    expect(selectNextDue([lease({ next_due_date: null })])).toBeNull();
  });
});

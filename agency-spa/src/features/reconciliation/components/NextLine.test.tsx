import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { aStatementLine, page, staffMe } from "@/testing/fixtures";
import { nextInQueue } from "../api/next-line";
import { LinePage } from "./LinePage";

const ids = ["0190a000-0000-7000-8000-000000000001", "0190a000-0000-7000-8000-000000000002", "0190a000-0000-7000-8000-000000000003"] as const;
const queue = ids.map((id) => ({ id }));

describe("nextInQueue", () => {
  it("is the next line waiting after this one, else the first still waiting, else none", () => {
    expect(nextInQueue(queue, ids[0])).toBe(ids[1]);
    expect(nextInQueue(queue, ids[1])).toBe(ids[2]);
    expect(nextInQueue(queue, ids[2])).toBe(ids[0]);
    // A line just resolved is no longer in the queue: the one after it comes next.
    expect(nextInQueue([{ id: ids[0] }, { id: ids[2] }], ids[1])).toBe(ids[2]);
    expect(nextInQueue([{ id: ids[1] }], ids[1])).toBeNull();
    expect(nextInQueue([], ids[1])).toBeNull();
  });
});

describe("a statement line's page", () => {
  function stub(waiting: readonly string[]) {
    const current = aStatementLine({ id: ids[1] });
    stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("viewer")),
      [`GET /api/v1/reconciliation/lines/${current.id}`]: () => jsonResponse(current),
      "GET /api/v1/reconciliation/lines": (request) => {
        expect(new URL(request.url).searchParams.get("status")).toBe("unmatched");
        return jsonResponse(page(waiting.map((id) => aStatementLine({ id }))));
      },
    });
    return current;
  }

  it("offers the next line to review", async () => {
    const current = stub(ids);
    renderWithProviders(<LinePage lineId={current.id} />);

    expect(await screen.findByRole("link", { name: "Next line to review" })).toHaveAttribute("href", `/reconciliation/lines/${ids[2]}`);
  });

  it("says when no other line waits", async () => {
    const current = stub([ids[1]]);
    renderWithProviders(<LinePage lineId={current.id} />);

    expect(await screen.findByText("No other line waits for review.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Next line to review" })).not.toBeInTheDocument();
  });
});

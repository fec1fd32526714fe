import { QueryClient } from "@tanstack/react-query";
import { dehydrate } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { isPublicQuery, persistOptions } from "./query-persistence";

describe("what is saved for offline reading", () => {
  it("keeps the tenant's answers and leaves out public ones (payment links)", () => {
    const client = new QueryClient();
    client.setQueryData(["portal", "invoices", "list", "to-pay"], { pages: [], pageParams: [] });
    client.setQueryData(["portal", "balance"], []);
    client.setQueryData(["public", "pay-links", "tok_123"], { amount_due: 100 });

    const saved = dehydrate(client, persistOptions.dehydrateOptions).queries.map((query) => query.queryKey);

    expect(saved).toEqual([
      ["portal", "invoices", "list", "to-pay"],
      ["portal", "balance"],
    ]);
    expect(isPublicQuery(["public", "pay-links", "x"])).toBe(true);
    expect(isPublicQuery(["portal", "me"])).toBe(false);
  });
});

import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { endedLease, lease } from "@/testing/fixtures";
import { leaseQueryOptions } from "./get-my-lease";
import { myLeasesQueryOptions } from "./get-my-leases";

describe("myLeasesQueryOptions", () => {
  it("also fills each lease's detail query, so it opens without a request (and offline)", async () => {
    const fetch = stubApi({
      "GET /api/v1/portal/leases": () => jsonResponse({ items: [lease(), endedLease()], next_cursor: null }),
    });
    const queryClient = new QueryClient();

    const leases = await queryClient.query(myLeasesQueryOptions());

    expect(leases.map((item) => item.unit.property_name)).toEqual(["Residence Louise", "Maison Flagey"]);
    expect(queryClient.getQueryData(leaseQueryOptions(lease().id).queryKey)).toEqual(lease());
    expect(queryClient.getQueryData(leaseQueryOptions(endedLease().id).queryKey)).toEqual(endedLease());
    // Fresh from the list: opening the lease does not ask again.
    await queryClient.query({ ...leaseQueryOptions(lease().id), staleTime: 30_000 });
    expect(fetch).toHaveBeenCalledOnce();
  });
});

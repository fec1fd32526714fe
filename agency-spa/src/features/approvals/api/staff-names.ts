import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { fetchAllPages, MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { unwrap } from "@doorstep/web-shared/lib/api/problem";

/** GET /api/v1/staff, every page: colleagues' names by id, to say who asked for and who decided an approval. */
export const staffNamesQueryOptions = () =>
  queryOptions({
    queryKey: ["staff", "names"],
    queryFn: async ({ signal }) => {
      const { items } = await fetchAllPages(
        async (cursor, pageSignal) => unwrap(await api.GET("/api/v1/staff", { params: { query: { cursor, limit: MAX_PAGE_SIZE } }, signal: pageSignal })),
        signal,
      );
      return new Map(items.map((user) => [user.id, `${user.first_name} ${user.last_name}`]));
    },
    staleTime: 5 * 60_000,
  });

export function useStaffNames() {
  return useQuery(staffNamesQueryOptions());
}

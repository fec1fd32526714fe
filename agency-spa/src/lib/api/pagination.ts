import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryOptions,
} from "@tanstack/react-query";

/** The API's cursor page (`Page[...]` in the OpenAPI document). */
export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

export type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>;

/** Rows per page on list screens. */
export const PAGE_SIZE = 25;
/** The API's largest page (MAX_LIMIT), for select options. */
export const MAX_PAGE_SIZE = 200;

/**
 * Infinite-query options for a cursor-paginated list: the first page has no cursor, each next
 * page is asked for with the previous page's `next_cursor`, and there is no next page once the
 * API answers `next_cursor: null`. While a new filter loads, the previous rows stay on screen.
 */
export function cursorListOptions<T, K extends QueryKey>(queryKey: K, fetchPage: FetchPage<T>) {
  return infiniteQueryOptions<CursorPage<T>, Error, InfiniteData<CursorPage<T>, string | undefined>, K, string | undefined>({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage: CursorPage<T>) => lastPage.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

type CursorListOptions<T, K extends QueryKey> = UseInfiniteQueryOptions<
  CursorPage<T>,
  Error,
  InfiniteData<CursorPage<T>, string | undefined>,
  K,
  string | undefined
>;

export interface CursorList<T> {
  /** Every row loaded so far, in order. */
  items: T[];
  /** True until the first page has arrived. */
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  /** A new filter is loading while the previous rows are still shown. */
  isPlaceholderData: boolean;
  hasMore: boolean;
  isLoadingMore: boolean;
  /** Loads the next page; resolves with the number of rows loaded before it (the new rows' first index). */
  loadMore: () => Promise<number>;
  refetch: () => void;
}

/** A cursor-paginated list with a "Load more" action. */
export function useCursorList<T, K extends QueryKey>(options: CursorListOptions<T, K>): CursorList<T> {
  const query = useInfiniteQuery(options);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    items,
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    isPlaceholderData: query.isPlaceholderData,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: async () => {
      const before = items.length;
      await query.fetchNextPage();
      return before;
    },
    refetch: () => void query.refetch(),
  };
}

/**
 * Every row of a list, page after page, for a select's options. Stops after `maxPages` so a
 * runaway list cannot hang the screen; `complete` says whether everything was read.
 */
export async function fetchAllPages<T>(
  fetchPage: FetchPage<T>,
  signal: AbortSignal,
  maxPages = 10,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(cursor, signal);
    items.push(...result.items);
    if (result.next_cursor === null) return { items, complete: true };
    cursor = result.next_cursor;
  }
  return { items, complete: false };
}

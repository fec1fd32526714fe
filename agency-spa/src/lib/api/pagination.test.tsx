import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { cursorListOptions, fetchAllPages, useCursorList, type CursorPage } from "./pagination";

/** A fake paginated endpoint over `rows`, `size` per page; cursors are row indexes. */
function fakeEndpoint(rows: string[], size: number) {
  return vi.fn((cursor: string | undefined): Promise<CursorPage<string>> => {
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + size;
    return Promise.resolve({ items: rows.slice(start, end), next_cursor: end < rows.length ? String(end) : null });
  });
}

function wrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const rows = ["a", "b", "c", "d", "e"];

describe("useCursorList", () => {
  it("loads the first page, then appends each next page until the cursor runs out", async () => {
    const endpoint = fakeEndpoint(rows, 2);
    const { result } = renderHook(() => useCursorList(cursorListOptions(["letters"], endpoint)), { wrapper: wrapper() });

    expect(result.current.isPending).toBe(true);
    await waitFor(() => {
      expect(result.current.items).toEqual(["a", "b"]);
    });
    expect(result.current.hasMore).toBe(true);
    expect(endpoint).toHaveBeenLastCalledWith(undefined, expect.any(AbortSignal));

    let firstNew = -1;
    await act(async () => {
      firstNew = await result.current.loadMore();
    });
    expect(firstNew).toBe(2);
    await waitFor(() => {
      expect(result.current.items).toEqual(["a", "b", "c", "d"]);
    });
    expect(endpoint).toHaveBeenLastCalledWith("2", expect.any(AbortSignal));

    await act(async () => {
      firstNew = await result.current.loadMore();
    });
    expect(firstNew).toBe(4);
    await waitFor(() => {
      expect(result.current.items).toEqual(rows);
    });
    expect(result.current.hasMore).toBe(false);
    expect(endpoint).toHaveBeenCalledTimes(3);
  });

  it("has nothing more when the first page is the last", async () => {
    const { result } = renderHook(() => useCursorList(cursorListOptions(["few"], fakeEndpoint(["x"], 10))), {
      wrapper: wrapper(),
    });
    await waitFor(() => {
      expect(result.current.items).toEqual(["x"]);
    });
    expect(result.current.hasMore).toBe(false);
  });

  it("keeps the previous rows on screen while a new filter loads, then starts over", async () => {
    let release: () => void = () => undefined;
    const slow = vi.fn(
      (cursor: string | undefined) =>
        new Promise<CursorPage<string>>((resolve) => {
          release = () => {
            resolve({ items: [`z${cursor ?? ""}`], next_cursor: null });
          };
        }),
    );
    const endpoint = fakeEndpoint(rows, 2);
    const { result, rerender } = renderHook(
      ({ q }: { q: string }) => useCursorList(cursorListOptions(["letters", q], q === "" ? endpoint : slow)),
      { wrapper: wrapper(), initialProps: { q: "" } },
    );
    await waitFor(() => {
      expect(result.current.items).toEqual(["a", "b"]);
    });

    rerender({ q: "z" });
    expect(result.current.items).toEqual(["a", "b"]);
    expect(result.current.isPlaceholderData).toBe(true);
    act(() => {
      release();
    });
    await waitFor(() => {
      expect(result.current.items).toEqual(["z"]);
    });
    expect(result.current.isPlaceholderData).toBe(false);
    expect(slow).toHaveBeenCalledWith(undefined, expect.any(AbortSignal));
  });

  it("reports a failed page", async () => {
    const failing = vi.fn(() => Promise.reject(new Error("boom")));
    const { result } = renderHook(() => useCursorList(cursorListOptions(["broken"], failing)), { wrapper: wrapper() });
    await waitFor(() => {
      expect(result.current.isError).toBe(true);
    });
    expect(result.current.items).toEqual([]);
  });
});

describe("fetchAllPages", () => {
  it("follows the cursor to the end", async () => {
    const endpoint = fakeEndpoint(rows, 2);
    await expect(fetchAllPages(endpoint, new AbortController().signal)).resolves.toEqual({ items: rows, complete: true });
    expect(endpoint).toHaveBeenCalledTimes(3);
  });

  it("stops after maxPages and says the list is incomplete", async () => {
    const endpoint = fakeEndpoint(rows, 1);
    await expect(fetchAllPages(endpoint, new AbortController().signal, 2)).resolves.toEqual({
      items: ["a", "b"],
      complete: false,
    });
  });
});

import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * A search box kept in the URL (`?q=`), so a reload or the back button brings the same results.
 * The box updates at once; the URL (and so the request) only once typing pauses.
 *
 * A result clicked before the pause ends must not be taken back: the router renders the new page
 * in a transition (its code may still be loading), so this page is still mounted, and still
 * counting, after the address has changed. The search is written only while the browser is
 * still at the address the page was opened at (a search page stays mounted only while its path
 * does).
 */
export function useDebouncedSearchParam(name = "q", delayMs = 300) {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const [input, setInput] = useState(value);
  const debounced = useDebouncedValue(input.trim(), delayMs);
  const [openedAt] = useState(() => window.location.pathname);

  useEffect(() => {
    if (window.location.pathname !== openedAt) return;
    setParams(
      (previous) => {
        if ((previous.get(name) ?? "") === debounced) return previous;
        const next = new URLSearchParams(previous);
        if (debounced === "") next.delete(name);
        else next.set(name, debounced);
        return next;
      },
      { replace: true },
    );
  }, [debounced, name, setParams, openedAt]);

  return { input, setInput, value };
}

/** A filter kept in the URL (`?status=active`); empty removes it. */
export function useSearchParamState(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const setValue = (next: string) => {
    setParams(
      (previous) => {
        const updated = new URLSearchParams(previous);
        if (next === "") updated.delete(name);
        else updated.set(name, next);
        return updated;
      },
      { replace: true },
    );
  };
  return [value, setValue];
}

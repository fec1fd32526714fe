import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * A search box kept in the URL (`?q=`), so a reload or the back button brings the same results.
 * The box updates at once; the URL (and so the request) only once typing pauses.
 */
export function useDebouncedSearchParam(name = "q", delayMs = 300) {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const [input, setInput] = useState(value);
  const debounced = useDebouncedValue(input.trim(), delayMs);

  useEffect(() => {
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
  }, [debounced, name, setParams]);

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

import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BrowserRouter } from "react-router";
import { useDebouncedSearchParam } from "./use-search-param";

const DELAY_MS = 20;

function SearchBox() {
  const { input, setInput } = useDebouncedSearchParam("q", DELAY_MS);
  return (
    <input
      aria-label="Search"
      value={input}
      onChange={(event) => {
        setInput(event.target.value);
      }}
    />
  );
}

async function pause(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

describe("useDebouncedSearchParam", () => {
  beforeEach(() => {
    window.history.replaceState(null, "", "/incidents");
  });
  afterEach(() => {
    window.history.replaceState(null, "", "/");
  });

  it("writes the search to the address once typing pauses", async () => {
    render(
      <BrowserRouter>
        <SearchBox />
      </BrowserRouter>,
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Search" }), "tap");
    await pause(DELAY_MS * 5);
    expect(window.location.pathname).toBe("/incidents");
    expect(new URLSearchParams(window.location.search).get("q")).toBe("tap");
  });

  it("does not bring back a user who left the page before the pause ended", async () => {
    render(
      <BrowserRouter>
        <SearchBox />
      </BrowserRouter>,
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Search" }), "tap");
    // A result clicked: the address changes while the next page is still being rendered (a
    // transition that has not replaced this page yet).
    window.history.pushState(null, "", "/leases/1");
    await pause(DELAY_MS * 5);
    expect(window.location.pathname).toBe("/leases/1");
    expect(window.location.search).toBe("");
  });
});

import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect, useRef, useState } from "react";
import { Link, MemoryRouter, Route, Routes, useNavigate } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { useRouteFocus } from "./route-focus";

function Shell({ children }: { children: React.ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useRouteFocus(main);
  return (
    <main ref={main} tabIndex={-1} data-testid="main">
      {children}
    </main>
  );
}

function Home() {
  const navigate = useNavigate();
  return (
    <>
      <h1>Home</h1>
      <Link to="/transfer">Report a transfer</Link>
      <Link to="/?filter=open">Only open</Link>
      <button
        type="button"
        onClick={() => {
          void navigate(-1);
        }}
      >
        Back
      </button>
    </>
  );
}

function Transfer() {
  const navigate = useNavigate();
  return (
    <>
      <h1>Report a transfer</h1>
      <button
        type="button"
        onClick={() => {
          void navigate(-1);
        }}
      >
        Back
      </button>
    </>
  );
}

/** A page whose heading comes with its data. */
function Slow() {
  const [loaded, setLoaded] = useState(false);
  return loaded ? (
    <h1>Invoice 8</h1>
  ) : (
    <button
      type="button"
      onClick={() => {
        setLoaded(true);
      }}
    >
      Finish loading
    </button>
  );
}

/** A page that opens on one item of its own (a link to one payment in the history). */
function Pointed() {
  const item = useRef<HTMLElement>(null);
  useEffect(() => {
    item.current?.focus();
  }, []);
  return (
    <>
      <h1>Payment history</h1>
      <article ref={item} tabIndex={-1}>
        Payment for invoice 8
      </article>
    </>
  );
}

function renderApp(initial = "/") {
  return render(
    <MemoryRouter initialEntries={[initial]}>
      <Shell>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/transfer" element={<Transfer />} />
          <Route path="/slow" element={<Slow />} />
          <Route path="/pointed" element={<Pointed />} />
        </Routes>
      </Shell>
      <nav>
        <Link to="/slow">Slow page</Link>
        <Link to="/pointed">One payment</Link>
      </nav>
    </MemoryRouter>,
  );
}

describe("useRouteFocus", () => {
  let scrollTo: MockInstance<typeof window.scrollTo>;
  beforeEach(() => {
    scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
  });
  afterEach(() => {
    scrollTo.mockRestore();
  });

  it("leaves the first page as the browser opened it", () => {
    renderApp();
    expect(scrollTo).not.toHaveBeenCalled();
    expect(document.body).toHaveFocus();
  });

  it("opens another page at its top, with focus on its heading", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole("link", { name: "Report a transfer" }));
    expect(scrollTo).toHaveBeenCalledWith({ top: 0, left: 0 });
    expect(screen.getByRole("heading", { level: 1, name: "Report a transfer" })).toHaveFocus();
  });

  it("keeps the browser's behaviour going back", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole("link", { name: "Report a transfer" }));
    scrollTo.mockClear();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("heading", { level: 1, name: "Home" })).toBeInTheDocument();
    expect(scrollTo).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { level: 1, name: "Home" })).not.toHaveFocus();
  });

  it("changes nothing when only the query changes", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole("link", { name: "Only open" }));
    expect(scrollTo).not.toHaveBeenCalled();
    expect(screen.getByRole("link", { name: "Only open" })).toHaveFocus();
  });

  it("focuses a loading page's heading when it appears", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole("link", { name: "Slow page" }));
    expect(screen.getByTestId("main")).toHaveFocus();
    act(() => {
      screen.getByRole("button", { name: "Finish loading" }).click();
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice 8" })).toHaveFocus();
  });

  it("leaves focus where the new page put it", async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole("link", { name: "One payment" }));
    expect(screen.getByText("Payment for invoice 8")).toHaveFocus();
    expect(scrollTo).not.toHaveBeenCalled();
  });
});

import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@doorstep/web-shared/lib/api/problem";
import { LoadError } from "./QueryStatus";

describe("LoadError", () => {
  it("says a record is not found for a 404 or a malformed id, with no pointless retry", () => {
    const { rerender } = render(<LoadError item error={new ApiError(404, { title: "Not found", detail: "No such lease." })} onRetry={vi.fn()} />);
    expect(screen.getByRole("alert")).toHaveTextContent("This item could not be found.");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    rerender(
      <LoadError
        item
        error={new ApiError(422, { detail: "lease_id: Input should be a valid UUID", errors: [{ field: "lease_id", message: "x" }] })}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("This item could not be found.");
  });

  it("offers a retry when the network or the server failed", () => {
    const retry = vi.fn();
    const { rerender } = render(<LoadError error={new TypeError("Failed to fetch")} onRetry={retry} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Could not reach Doorstep.");
    screen.getByRole("button", { name: "Try again" }).click();
    expect(retry).toHaveBeenCalledOnce();
    rerender(<LoadError error={new ApiError(503, { title: "Unavailable" })} onRetry={retry} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong on our side.");
  });
});

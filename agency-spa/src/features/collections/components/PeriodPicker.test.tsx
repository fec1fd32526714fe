import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { PeriodPicker } from "./PeriodPicker";

describe("PeriodPicker", () => {
  it("drops a problem with the dates as soon as a date it is about changes", async () => {
    stubApi({});
    const onChange = vi.fn();
    renderWithProviders(<PeriodPicker period={{ from: "2026-12-10", to: "2026-12-01" }} today="2026-12-06" onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Show this period" }));
    const to = screen.getByLabelText("To (due date)");
    expect(to).toHaveAccessibleDescription(expect.stringContaining("The period ends before it starts.") as string);

    // Which day is wrong is not said: either may fix it.
    fireEvent.change(screen.getByLabelText("From (due date)"), { target: { value: "2026-11-01" } });

    expect(to).not.toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("The period ends before it starts.")).not.toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });
});

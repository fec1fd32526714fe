import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { FilterSelect } from "./FilterSelect";

const METHODS = [
  { value: "card", label: "Card" },
  { value: "cash", label: "Cash" },
];

describe("FilterSelect", () => {
  it("offers everything first, then each option, and reports the value chosen", async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<FilterSelect label="Method" name="method" value="" anyLabel="All methods" options={METHODS} onChange={onChange} />);

    const select = screen.getByRole("combobox", { name: "Method" });
    expect(select).toHaveValue("");
    expect(screen.getAllByRole("option").map((option) => [option.getAttribute("value"), option.textContent])).toEqual([
      ["", "All methods"],
      ["card", "Card"],
      ["cash", "Cash"],
    ]);
    await user.selectOptions(select, "Cash");
    expect(onChange).toHaveBeenCalledWith("cash");
  });

  it("shows the filter in force", () => {
    render(<FilterSelect label="Method" name="method" value="card" anyLabel="All methods" options={METHODS} onChange={vi.fn()} />);
    expect(screen.getByRole("combobox", { name: "Method" })).toHaveValue("card");
  });
});

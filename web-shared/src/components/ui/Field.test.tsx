import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Field } from "./Field";
import { TextField } from "./TextField";

describe("Field", () => {
  it("labels its control and ties the hint and the error to it", () => {
    render(<TextField label="Phone" name="phone" hint="International format" error="Not a number" />);
    const input = screen.getByLabelText("Phone");
    expect(input).toHaveAccessibleDescription("International format Not a number");
    expect(input).toHaveAttribute("aria-invalid", "true");
  });

  it("describes nothing and is valid without hint or error", () => {
    render(<TextField label="Phone" name="phone" />);
    const input = screen.getByLabelText("Phone");
    expect(input).not.toHaveAttribute("aria-describedby");
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("puts a checkbox before its label", () => {
    const { container } = render(
      <Field label="Holding over" hint="The lease runs on after its end date" layout="checkbox">
        {(control) => <input type="checkbox" {...control} />}
      </Field>,
    );
    const checkbox = screen.getByRole("checkbox", { name: "Holding over" });
    expect(checkbox).toHaveAccessibleDescription("The lease runs on after its end date");
    expect(container.querySelector(".field--checkbox .field__checkbox-row > input + label")).not.toBeNull();
  });
});

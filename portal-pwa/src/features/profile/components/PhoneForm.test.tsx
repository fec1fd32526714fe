import { onlineManager } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { meQueryOptions } from "@/lib/auth/me";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { tenantProfile } from "@/testing/fixtures";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { PhoneForm } from "./PhoneForm";

const problem = (status: number, body: Record<string, unknown>) => jsonResponse({ status, ...body }, status);

async function submitPhone(phone: string) {
  const user = userEvent.setup();
  const input = screen.getByLabelText("Phone number");
  await user.clear(input);
  if (phone !== "") await user.type(input, phone);
  await user.click(screen.getByRole("button", { name: "Save phone number" }));
  return input;
}

describe("PhoneForm", () => {
  afterEach(() => {
    onlineManager.setOnline(true);
  });

  it("saves the number as the server normalised it, and updates the cached profile", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "PATCH /api/v1/portal/me": async (request) => {
        bodies.push(await request.json());
        return jsonResponse({ ...tenantProfile(), phone: "+32470000000", phone_display: "0470 00 00 00" });
      },
    });
    const { queryClient } = renderWithProviders(<PhoneForm phone="0470 12 34 56" />);

    const input = await submitPhone("0470/00.00.00");

    expect(await screen.findByText("Your phone number has been saved.")).toBeInTheDocument();
    expect(bodies).toEqual([{ phone: "0470/00.00.00" }]);
    // As the agency's country writes it.
    expect(input).toHaveValue("0470 00 00 00");
    expect(queryClient.getQueryData(meQueryOptions().queryKey)?.phone).toBe("+32470000000");
  });

  it("sends null to remove the number", async () => {
    const bodies: unknown[] = [];
    stubApi({
      "PATCH /api/v1/portal/me": async (request) => {
        bodies.push(await request.json());
        return jsonResponse({ ...tenantProfile(), phone: null });
      },
    });
    renderWithProviders(<PhoneForm phone="+32470123456" />);
    await submitPhone("");
    expect(await screen.findByText("Your phone number has been saved.")).toBeInTheDocument();
    expect(bodies).toEqual([{ phone: null }]);
  });

  it("shows the server's field error on the phone input, in words of its code, until the number changes", async () => {
    const message = "This is not a phone number we can call: check the digits.";
    stubApi({
      "PATCH /api/v1/portal/me": () =>
        problem(422, {
          type: "urn:doorstep:problem:validation-error",
          title: "The request is not valid",
          detail: "phone: This phone number does not exist.",
          errors: [{ field: "phone", message: "This phone number does not exist.", code: "phone_invalid" }],
        }),
    });
    renderWithProviders(<PhoneForm phone={null} />);

    const input = await submitPhone("0470 12");

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(expect.stringContaining(message) as string);
    // The field says it all: no second, vaguer alert above the form.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await userEvent.type(input, " 34 56");
    expect(input).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText(message)).not.toBeInTheDocument();
  });

  it("shows other problems above the form", async () => {
    stubApi({ "PATCH /api/v1/portal/me": () => problem(500, { title: "Internal Server Error" }) });
    renderWithProviders(<PhoneForm phone={null} />);
    await submitPhone("+32470123456");
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side.");
  });

  it("is read-only while offline", async () => {
    const fetch = stubApi({});
    onlineManager.setOnline(false);
    renderWithProviders(<PhoneForm phone="+32470123456" />);

    expect(screen.getByLabelText("Phone number")).toBeDisabled();
    expect(screen.getByLabelText("Phone number")).toHaveValue("+32470123456");
    expect(screen.getByRole("button", { name: "Save phone number" })).toBeDisabled();
    expect(screen.getByText("You can change your phone number when you are back online.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save phone number" }));
    expect(fetch).not.toHaveBeenCalled();
  });
});

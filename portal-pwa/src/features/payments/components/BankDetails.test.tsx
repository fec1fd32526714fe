import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import { paymentInstructions } from "@/testing/payment-fixtures";
import { BankDetails } from "./BankDetails";

const LEASE = paymentInstructions().lease_id;
const URL = `GET /api/v1/portal/leases/${LEASE}/payment-instructions`;

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("BankDetails", () => {
  it("shows the beneficiary, the IBAN and the reference in groups of four, and copies them compact", async () => {
    stubApi({ [URL]: () => jsonResponse(paymentInstructions()) });
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    renderWithProviders(<BankDetails leaseId={LEASE} />);

    const card = await screen.findByRole("region", { name: "Pay by bank transfer" });
    expect(await within(card).findByText("BE71 0961 2345 6769")).toBeInTheDocument();
    expect(within(card).getByText("GKCCBEBB")).toBeInTheDocument();
    expect(within(card).getByText("Immo Louise – client account")).toBeInTheDocument();
    expect(within(card).getByText("RF18 5390 0754 7034")).toBeInTheDocument();

    await user.click(within(card).getByRole("button", { name: "Copy IBAN" }));
    expect(writeText).toHaveBeenLastCalledWith("BE71096123456769");
    expect(within(card).getByText("IBAN copied")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Copy Reference" }));
    expect(writeText).toHaveBeenLastCalledWith("RF18539007547034");
    expect(within(card).getByText("Reference copied")).toBeInTheDocument();
  });

  it("says how to copy by hand when the browser refuses", async () => {
    stubApi({ [URL]: () => jsonResponse(paymentInstructions()) });
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("denied"));
    renderWithProviders(<BankDetails leaseId={LEASE} />);

    await user.click(await screen.findByRole("button", { name: "Copy BIC" }));
    expect(await screen.findByText("Could not copy: select the text and copy it by hand.")).toBeInTheDocument();
  });

  it("without an account on file, still gives the reference and says to ask the agency", async () => {
    stubApi({ [URL]: () => jsonResponse(paymentInstructions({ iban: null, bic: null })) });
    renderWithProviders(<BankDetails leaseId={LEASE} />);

    expect(await screen.findByText(/has not given its bank account yet/u)).toBeInTheDocument();
    expect(screen.queryByText("IBAN")).not.toBeInTheDocument();
    expect(screen.getByText("RF18 5390 0754 7034")).toBeInTheDocument();
  });
});

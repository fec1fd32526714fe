import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { pwaRegisterStub } from "@/testing/pwa-register-stub";
import { UpdatePrompt } from "./UpdatePrompt";

describe("UpdatePrompt", () => {
  afterEach(() => {
    pwaRegisterStub.needRefresh = false;
    pwaRegisterStub.offlineReady = false;
  });

  it("stays out of the way when there is nothing to say", () => {
    const { container } = render(<UpdatePrompt />);
    expect(container).toBeEmptyDOMElement();
  });

  it("asks before switching to a new version", async () => {
    pwaRegisterStub.needRefresh = true;
    render(<UpdatePrompt />);
    expect(screen.getByRole("status")).toHaveTextContent("A new version of Doorstep is available.");
    await userEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(pwaRegisterStub.updateServiceWorker).toHaveBeenCalledWith(true);
  });

  it("can be postponed", async () => {
    pwaRegisterStub.needRefresh = true;
    render(<UpdatePrompt />);
    await userEvent.click(screen.getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(pwaRegisterStub.updateServiceWorker).not.toHaveBeenCalled();
  });
});

import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pwaRegisterStub } from "@/testing/pwa-register-stub";
import { OFFLINE_READY_NOTICE_MS, UpdatePrompt } from "./UpdatePrompt";

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

  it("lets the offline-ready note go by itself", () => {
    vi.useFakeTimers();
    try {
      pwaRegisterStub.offlineReady = true;
      render(<UpdatePrompt />);
      expect(screen.getByRole("status")).toHaveTextContent("Doorstep can now open without an internet connection.");
      act(() => {
        vi.advanceTimersByTime(OFFLINE_READY_NOTICE_MS);
      });
      expect(screen.queryByRole("status")).not.toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});

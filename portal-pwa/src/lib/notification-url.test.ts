import { describe, expect, it } from "vitest";
import { portalUrl } from "./notification-url";

const scope = new URL("https://doorstep.example/portal/");

describe("portalUrl", () => {
  it("opens a portal path of this origin", () => {
    expect(portalUrl("/portal/incidents/42", scope)).toBe("https://doorstep.example/portal/incidents/42");
    expect(portalUrl("https://doorstep.example/portal/payments/history", scope)).toBe(
      "https://doorstep.example/portal/payments/history",
    );
  });

  it.each([
    "https://evil.example/portal/incidents/42",
    "//evil.example/portal/",
    "/agency/incidents/42",
    "javascript:alert(1)",
    "",
  ])("sends %s to the portal's start page", (candidate) => {
    expect(portalUrl(candidate, scope)).toBe("https://doorstep.example/portal/");
  });
});

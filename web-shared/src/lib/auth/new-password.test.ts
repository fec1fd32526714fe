import { describe, expect, it } from "vitest";
import { checkNewPassword, MIN_PASSWORD_LENGTH } from "./new-password";

describe("checkNewPassword", () => {
  it("accepts a long enough password typed twice alike", () => {
    expect(checkNewPassword("quiet orchard lantern", "quiet orchard lantern")).toEqual({});
  });

  it("refuses one shorter than the API's minimum", () => {
    const short = "x".repeat(MIN_PASSWORD_LENGTH - 1);
    expect(checkNewPassword(short, short)).toEqual({ password: "tooShort" });
    const exact = "x".repeat(MIN_PASSWORD_LENGTH);
    expect(checkNewPassword(exact, exact)).toEqual({});
  });

  it("says when the confirmation differs", () => {
    expect(checkNewPassword("quiet orchard lantern", "quiet orchard lanterns")).toEqual({ confirmation: "differ" });
    expect(checkNewPassword("short", "")).toEqual({ password: "tooShort", confirmation: "differ" });
  });
});

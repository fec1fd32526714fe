import { describe, expect, it } from "vitest";
import { fixPath } from "./readiness-text";

describe("fixPath", () => {
  it("sends a settings fix to the section that holds it", () => {
    expect(fixPath({ key: "payment_method", fix: { kind: "settings", id: null } })).toBe("/settings/trust-account");
    expect(fixPath({ key: "integration", fix: { kind: "settings", id: null } })).toBe("/settings/features");
  });

  it("sends a record's fix to the record, and has none without a fix", () => {
    expect(fixPath({ key: "phone", fix: { kind: "tenant", id: "t1" } })).toBe("/tenants/t1");
    expect(fixPath({ key: "phone", fix: null })).toBeUndefined();
  });
});
